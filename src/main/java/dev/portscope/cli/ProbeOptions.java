package dev.portscope.cli;

import dev.portscope.analysis.probe.ProbeRunner;
import dev.portscope.services.ServiceTable;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --probe} and its limits, shared by scan, check and audit: the probes of {@code portscope probe} on open TCP ports. */
final class ProbeOptions {

    @Option(names = "--probe", description = "Also find out what each open TCP port speaks (SSH, HTTP, TLS, Redis, PostgreSQL, ...), "
            + "with the probes of 'portscope probe'.")
    boolean probe;

    @Option(names = "--probe-timeout", paramLabel = "MS",
            description = "With --probe: milliseconds to wait for a connect or a reply (default: ${DEFAULT-VALUE}); a port's probes end "
                    + "after 5 times this, all of them after 30 s (or 10 times this if longer).")
    long timeoutMillis = 1000;

    @Option(names = "--probe-concurrency", paramLabel = "N", description = "With --probe: ports probed at once (default: ${DEFAULT-VALUE}).")
    int concurrency = 16;

    /** The runner of these limits. */
    ProbeRunner runner(ServiceTable services) {
        if (timeoutMillis < 1 || timeoutMillis > 60_000) {
            throw new UsageException("--probe-timeout must be between 1 and 60000 ms, not " + timeoutMillis);
        }
        try {
            return new ProbeRunner(Duration.ofMillis(timeoutMillis), concurrency, services);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage().replace("--concurrency", "--probe-concurrency"));
        }
    }
}
