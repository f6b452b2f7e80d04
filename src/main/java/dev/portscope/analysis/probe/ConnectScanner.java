package dev.portscope.analysis.probe;

import dev.portscope.platform.ConnectCalls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * TCP connect scans (as {@code nmap -sT}): a full handshake per port, closed at once; never raw packets.
 *
 * <p>Each lane is one thread driving non-blocking sockets ({@link ScanLane}): at most
 * {@link ScanLimits#concurrency()} connects are in flight, new ones are paced to
 * {@link ScanLimits#ratePerSecond()}, and each is abandoned (filtered) at its timeout, so a scan takes
 * at most about {@code ports / rate + ports / concurrency * timeout}. No thread per port: on loopback
 * most connects are answered inside the {@code connect} call itself (connect(2) on a non-blocking
 * socket completes or is refused at once when the peer is local). The system calls are NIO
 * channels', or the platform's {@link ConnectCalls} where it has them ({@link ConnectEngine}).
 */
public final class ConnectScanner {

    private final ScanLimits limits;
    private final ConnectCalls.Opener calls;

    /** A scanner on NIO channels, which works everywhere. */
    public ConnectScanner(ScanLimits limits) {
        this(limits, null);
    }

    /**
     * A scanner whose lanes drive sockets through {@code calls} (one instance per lane), or NIO
     * channels when {@code calls} is null.
     */
    public ConnectScanner(ScanLimits limits, ConnectCalls.Opener calls) {
        this.limits = limits;
        this.calls = calls;
    }

    /** Below this many ports one lane is as fast as several. */
    private static final int PORTS_PER_LANE = 4_096;

    /**
     * Connects to every target and returns the results in the targets' order.
     *
     * <p>A long scan is split into interleaved lanes, one per core (at most 4), each a selector loop
     * on its own thread with its share of the concurrency and rate: the loop is bound by system
     * calls, so one thread leaves the other cores idle.
     *
     * @param progress told the number of finished connects (called from the lanes' threads)
     */
    public List<PortCheck> scan(List<InetSocketAddress> targets, IntConsumer progress) throws InterruptedException {
        int lanes = Math.max(1, Math.min(Math.min(Runtime.getRuntime().availableProcessors(), 4),
                Math.min(limits.concurrency(), targets.size() / PORTS_PER_LANE)));
        if (lanes == 1) {
            return lane(targets, limits, progress);
        }
        ScanLimits share = new ScanLimits(limits.concurrency() / lanes, limits.ratePerSecond() / lanes, limits.timeout());
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        IntConsumer shared = ignored -> progress.accept(done.incrementAndGet());
        List<List<InetSocketAddress>> slices = new java.util.ArrayList<>();
        for (int lane = 0; lane < lanes; lane++) {
            List<InetSocketAddress> slice = new java.util.ArrayList<>(targets.size() / lanes + 1);
            for (int i = lane; i < targets.size(); i += lanes) {
                slice.add(targets.get(i));
            }
            slices.add(slice);
        }
        List<java.util.concurrent.Future<List<PortCheck>>> futures = new java.util.ArrayList<>();
        try (var executor = java.util.concurrent.Executors.newFixedThreadPool(lanes)) {
            for (List<InetSocketAddress> slice : slices) {
                futures.add(executor.submit(() -> lane(slice, share, shared)));
            }
            PortCheck[] results = new PortCheck[targets.size()];
            for (int lane = 0; lane < lanes; lane++) {
                List<PortCheck> part = futures.get(lane).get();
                for (int j = 0; j < part.size(); j++) {
                    results[lane + j * lanes] = part.get(j);
                }
            }
            return Arrays.asList(results);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            futures.forEach(f -> f.cancel(true));
        }
    }

    private List<PortCheck> lane(List<InetSocketAddress> targets, ScanLimits limits, IntConsumer progress) throws InterruptedException {
        try (ConnectEngine engine = calls == null ? new NioConnectEngine() : new SyscallConnectEngine(calls.open())) {
            return ScanLane.scan(targets, limits, progress, engine);
        }
    }

    /** One blocking connect, bounded by {@code timeout} (for probes, which then talk on the socket). */
    public static PortCheck connect(InetSocketAddress target, Duration timeout) {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(target, (int) Math.max(1, timeout.toMillis()));
            return new PortCheck(target, PortStatus.OPEN, since(start), "");
        } catch (SocketTimeoutException e) {
            return new PortCheck(target, PortStatus.FILTERED, since(start), "no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            ConnectEngine.Answer failed = NioConnectEngine.failed(e);
            return new PortCheck(target, failed.status(), since(start), failed.detail());
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
