package dev.portscope.analysis.probe;

import dev.portscope.model.Protocol;
import dev.portscope.services.ServiceTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ExecutionException;

/**
 * Probes many ports at once (TCP ports with {@link ProtocolProber}, UDP ports with {@link DnsProber}) on virtual threads, at most {@code concurrency} at a time (each probe
 * holds one connection), and joins each detection with the port's registered service.
 */
public final class ProbeRunner {

    private final ProtocolProber prober;
    private final DnsProber dns;
    private final int concurrency;
    private final ServiceTable services;

    public ProbeRunner(Duration timeout, int concurrency, ServiceTable services) {
        if (concurrency < 1 || concurrency > 1_000) {
            throw new IllegalArgumentException("--concurrency must be between 1 and 1000, not " + concurrency);
        }
        this.prober = new ProtocolProber(timeout);
        this.dns = new DnsProber(timeout);
        this.concurrency = concurrency;
        this.services = services;
    }

    /** The results in the targets' order. */
    public List<ProbeResult> probe(List<ProbeTarget> targets) throws InterruptedException {
        Semaphore slots = new Semaphore(concurrency);
        List<Future<Detection>> futures = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ProbeTarget t : targets) {
                slots.acquire();
                futures.add(executor.submit(() -> {
                    try {
                        return t.protocol() == Protocol.UDP ? dns.detect(t.address())
                                : prober.detect(t.address(), ExpectedProtocols.of(services.lookup(t.protocol(), t.port())));
                    } finally {
                        slots.release();
                    }
                }));
            }
        }
        List<ProbeResult> results = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            ProbeTarget t = targets.get(i);
            Detection d;
            try {
                d = futures.get(i).get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("probe of port " + t.port() + " failed", e.getCause());
            }
            var service = services.lookup(t.protocol(), t.port());
            results.add(new ProbeResult(t, service, d, ExpectedProtocols.fit(t.port(), service, d.protocol(), t.servedBy())));
        }
        return results;
    }
}
