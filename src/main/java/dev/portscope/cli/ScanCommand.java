package dev.portscope.cli;

import dev.portscope.model.AddressText;
import dev.portscope.analysis.probe.ConnectScanner;
import dev.portscope.analysis.probe.HostNames;
import dev.portscope.analysis.probe.PortCheck;
import dev.portscope.analysis.probe.PortRanges;
import dev.portscope.analysis.probe.ProbeRunner;
import dev.portscope.analysis.probe.ProbeTimeouts;
import dev.portscope.analysis.probe.ScanLimits;
import dev.portscope.analysis.probe.ScanProbes;
import dev.portscope.analysis.probe.TopPorts;
import dev.portscope.render.JsonFormat;
import dev.portscope.render.ScanJsonWriter;
import dev.portscope.render.ScanTextWriter;
import dev.portscope.app.Session;
import dev.portscope.services.ServiceTable;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "scan", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"TCP connect scan of one host (as nmap -sT): open, closed or filtered per port, with the latency.",
            "Only the ports that are not closed are listed; --probe also names what each open port speaks.",
            "Exit status 0 when some port is open, 1 when none is."})
final class ScanCommand implements Callable<Integer> {

    @ParentCommand
    PortscopeCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "HOST", description = "A host name, an IPv4 address or an IPv6 address (::1 or [::1]).")
    String host;

    @Option(names = {"-p", "--ports"}, paramLabel = "RANGE", description = "Ports: 1-1024,3306,8000-8100 (default: 1-1024).")
    String ports;

    @Option(names = "--top", paramLabel = "N", description = "The first N well-known ports of portscope's table instead of -p.")
    Integer top;

    @Mixin
    Limits limits;

    @Mixin
    JsonOption json;

    @Mixin
    ProbeOptions probe;

    @Override
    public Integer call() throws InterruptedException {
        if (ports != null && top != null) {
            throw new UsageException("-p and --top exclude each other");
        }
        ServiceTable embedded = ServiceTable.embedded();
        int[] numbers;
        try {
            numbers = top != null ? TopPorts.of(embedded, top) : PortRanges.parse(ports != null ? ports : "1-1024");
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        ProbeRunner prober = probe.probe ? probe.runner(Session.services(parent.env().platform())) : null;
        InetAddress address = resolve(host);
        ScanLimits chosen = limits.resolve(address.isLoopbackAddress());
        List<InetSocketAddress> targets = new ArrayList<>(numbers.length);
        for (int port : numbers) {
            targets.add(new InetSocketAddress(address, port));
        }
        PrintWriter err = spec.commandLine().getErr();
        List<PortCheck> checks = Scanners.connectScanner(chosen, parent.env()).scan(targets,
                Progress.on(parent.env(), err, "scanning " + AddressText.of(address), targets.size()));
        ScanProbes probes = prober == null ? ScanProbes.NONE : ScanProbes.of(checks, prober);
        Limits.report(spec, json.requested(), JsonFormat.SCAN, checks, probes, false, parent.env());
        return checks.stream().anyMatch(PortCheck::open) ? ExitCodes.OK : ExitCodes.NOT_FOUND;
    }

    static InetAddress resolve(String host) {
        try {
            return HostNames.resolve(host);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The limits shared by {@code scan} and {@code check}; their defaults depend on whether the target is loopback. */
    static final class Limits {

        @Option(names = "--concurrency", paramLabel = "N",
                description = "Connects in flight at once (default: 256 on loopback, 100 otherwise).")
        Integer concurrency;

        @Option(names = "--rate", paramLabel = "PER_SECOND",
                description = "New connects per second (default: no limit on loopback, 1000 otherwise).")
        Double rate;

        @Option(names = "--timeout", paramLabel = "MS",
                description = "Milliseconds to wait for each connect before the port counts as filtered (default: 1000 on loopback, 2000 otherwise).")
        Long timeoutMillis;

        ScanLimits resolve(boolean loopback) {
            ScanLimits l = loopback ? ScanLimits.LOOPBACK : ScanLimits.REMOTE;
            try {
                if (concurrency != null) {
                    l = l.withConcurrency(concurrency);
                }
                if (rate != null) {
                    l = l.withRate(rate);
                }
                if (timeoutMillis != null) {
                    l = l.withTimeout(Duration.ofMillis(timeoutMillis));
                }
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            return l;
        }

        /** Writes the result as a table or JSON. */
        static void report(CommandSpec spec, boolean json, JsonFormat format, List<PortCheck> checks, ScanProbes probes, boolean listClosed,
                CliEnvironment env) {
            PrintWriter out = spec.commandLine().getOut();
            ServiceTable services = Session.services(env.platform());
            if (json) {
                ScanJsonWriter.write(out, format, checks, probes, listClosed, services, Version.envelope(env));
            } else {
                ScanTextWriter.write(out, checks, probes, services, listClosed);
            }
            out.flush();
            // the exit status stays what the connects found; the ports whose probes timed out are said once
            Sessions.report(ProbeTimeouts.of(probes.byTarget().values()).stream().toList(), spec.commandLine().getErr());
        }
    }

    /** A progress line on stderr, only on a terminal, redrawn at most ten times a second. */
    static final class Progress implements IntConsumer {
        private final PrintWriter err;
        private final String what;
        private final int total;
        private long lastDrawn;

        private Progress(PrintWriter err, String what, int total) {
            this.err = err;
            this.what = what;
            this.total = total;
            this.lastDrawn = System.nanoTime() - 1_000_000_000L; // the first report draws at once
        }

        static IntConsumer on(CliEnvironment env, PrintWriter err, String what, int total) {
            return env.terminal() && total > 100 ? new Progress(err, what, total) : done -> {};
        }

        @Override
        public synchronized void accept(int done) {
            long now = System.nanoTime();
            if (done == total) {
                err.print("\r\033[K");
                err.flush();
            } else if (now - lastDrawn > 100_000_000L) {
                lastDrawn = now;
                err.print("\r" + what + ": " + done + "/" + total + " ports (" + (done * 100L / total) + "%)");
                err.flush();
            }
        }
    }
}
