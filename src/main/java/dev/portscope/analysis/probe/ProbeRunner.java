package dev.portscope.analysis.probe;

import dev.portscope.model.Protocol;
import dev.portscope.services.ServiceTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Probes many ports at once (TCP ports with {@link ProtocolProber}, UDP ports with {@link DnsProber})
 * on virtual threads, at most {@code concurrency} at a time (each probe holds one connection), and
 * joins each detection with the port's registered service. Everything ends by the total deadline of
 * {@link ProbeBounds}: a port whose probes were cut by it, or never started, is reported as timed
 * out, in its place.
 */
public final class ProbeRunner {

    private final ProbeBounds bounds;
    private final ProtocolProber prober;
    private final DnsProber dns;
    private final int concurrency;
    private final ServiceTable services;

    /** Probes bounded by {@link ProbeBounds#of(Duration) ProbeBounds.of(timeout)}. */
    public ProbeRunner(Duration timeout, int concurrency, ServiceTable services) {
        this(ProbeBounds.of(timeout), concurrency, services);
    }

    public ProbeRunner(ProbeBounds bounds, int concurrency, ServiceTable services) {
        if (concurrency < 1 || concurrency > 1_000) {
            throw new IllegalArgumentException("--concurrency must be between 1 and 1000, not " + concurrency);
        }
        this.bounds = bounds;
        this.prober = new ProtocolProber(bounds);
        this.dns = new DnsProber(bounds.perWait());
        this.concurrency = concurrency;
        this.services = services;
    }

    public ProbeBounds bounds() {
        return bounds;
    }

    /** The results in the targets' order, one per target. */
    public List<ProbeResult> probe(List<ProbeTarget> targets) throws InterruptedException {
        long end = System.nanoTime() + bounds.total().toNanos();
        Semaphore slots = new Semaphore(concurrency);
        List<Future<Detection>> futures = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ProbeTarget t : targets) {
                if (!slots.tryAcquire(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    break; // the ports left are not started; each is reported as timed out below
                }
                if (end - System.nanoTime() <= 0) {
                    slots.release();
                    break;
                }
                long deadline = Math.min(System.nanoTime() + bounds.perPort().toNanos(), end);
                futures.add(executor.submit(() -> {
                    try {
                        return t.protocol() == Protocol.UDP ? dns.detect(t.address(), deadline)
                                : prober.detect(t.address(), ExpectedProtocols.of(services.lookup(t.protocol(), t.port())), deadline);
                    } finally {
                        slots.release();
                    }
                }));
            }
        } // each probe ends by its deadline, so closing the executor waits no longer than the total
        List<ProbeResult> results = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            ProbeTarget t = targets.get(i);
            Detection d;
            if (i >= futures.size()) {
                d = Detection.timedOut("not probed: the probes' " + bounds.total().toMillis() + " ms in all were up");
            } else {
                try {
                    d = futures.get(i).get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("probe of port " + t.port() + " failed", e.getCause());
                }
            }
            var service = services.lookup(t.protocol(), t.port());
            results.add(new ProbeResult(t, service, d, ExpectedProtocols.fit(t.port(), service, d.protocol(), t.servedBy())));
        }
        return results;
    }
}
