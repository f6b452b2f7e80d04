package dev.portscope.analysis.probe;

import dev.portscope.platform.ConnectCalls;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * TCP connect scans (as {@code nmap -sT}): a full handshake per port, closed at once; never raw packets.
 *
 * <p>One thread drives non-blocking sockets through a {@link Selector}: at most
 * {@link ScanLimits#concurrency()} connects are in flight, new ones are paced to
 * {@link ScanLimits#ratePerSecond()}, and each is abandoned (filtered) at its timeout, so a scan takes
 * at most about {@code ports / rate + ports / concurrency * timeout}. No thread per port: on loopback
 * most connects are answered inside the {@code connect} call itself (connect(2) on a non-blocking
 * socket completes or is refused at once when the peer is local).
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

    /** A connect in flight. */
    private record Pending(int index, long start, SocketChannel channel) {}

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
        if (calls == null) {
            return scanLane(targets, limits, progress);
        }
        try (ConnectCalls own = calls.open()) {
            return SyscallScanLane.scan(targets, limits, progress, own);
        }
    }

    private static List<PortCheck> scanLane(List<InetSocketAddress> targets, ScanLimits limits, IntConsumer progress) throws InterruptedException {
        PortCheck[] results = new PortCheck[targets.size()];
        long timeout = limits.timeout().toNanos();
        long interval = Double.isInfinite(limits.ratePerSecond()) ? 0 : (long) (1_000_000_000L / limits.ratePerSecond());
        ArrayDeque<Pending> byDeadline = new ArrayDeque<>(); // started in order, same timeout: deadlines ascend
        int started = 0;
        int done = 0;
        int inFlight = 0;
        long nextStart = System.nanoTime();
        try (Selector selector = Selector.open()) {
            while (done < results.length) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                long now = System.nanoTime();
                while (started < results.length && inFlight < limits.concurrency() && now - nextStart >= 0) {
                    int index = started++;
                    nextStart = interval == 0 ? now : Math.max(nextStart, now - interval) + interval;
                    InetSocketAddress target = targets.get(index);
                    PortCheck immediate = start(target, index, now, selector, byDeadline);
                    if (immediate != null) {
                        results[index] = immediate;
                        progress.accept(++done);
                    } else {
                        inFlight++;
                    }
                    now = System.nanoTime();
                }
                if (done == results.length) {
                    break; // the last ports were answered at once: nothing to wait for
                }
                long wait = byDeadline.isEmpty() ? Long.MAX_VALUE : byDeadline.peekFirst().start() + timeout - now;
                if (started < results.length && inFlight < limits.concurrency()) {
                    wait = Math.min(wait, nextStart - now);
                }
                if (inFlight > 0 || wait > 0) {
                    if (wait <= 0) {
                        selector.selectNow();
                    } else {
                        selector.select(Math.max(1, Math.min(wait / 1_000_000L + 1, 1_000)));
                    }
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    Pending p = (Pending) key.attachment();
                    if (results[p.index()] == null) {
                        results[p.index()] = finish(targets.get(p.index()), p);
                        inFlight--;
                        progress.accept(++done);
                    }
                    key.cancel();
                    close(p.channel());
                }
                selector.selectedKeys().clear();
                now = System.nanoTime();
                while (!byDeadline.isEmpty() && (results[byDeadline.peekFirst().index()] != null
                        || now - (byDeadline.peekFirst().start() + timeout) >= 0)) {
                    Pending p = byDeadline.pollFirst();
                    if (results[p.index()] == null) {
                        results[p.index()] = new PortCheck(targets.get(p.index()), PortStatus.FILTERED, Duration.ofNanos(now - p.start()),
                                "no answer within " + limits.timeout().toMillis() + " ms");
                        inFlight--;
                        progress.accept(++done);
                        close(p.channel());
                    }
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot open a selector", e);
        }
        return Arrays.asList(results);
    }

    /** Starts a connect; returns its result when the kernel answered at once, null when it is in flight. */
    private static PortCheck start(InetSocketAddress target, int index, long start, Selector selector, ArrayDeque<Pending> byDeadline) {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open(target.getAddress().getAddress().length == 4 ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
            channel.configureBlocking(false);
            // On loopback the answer (SYN-ACK or RST) is handled before connect(2) returns EINPROGRESS, so one
            // poll right away settles most ports without registering with the selector (two epoll_ctl calls).
            if (channel.connect(target) || channel.finishConnect()) {
                PortCheck open = opened(target, channel, start);
                close(channel);
                return open;
            }
            Pending p = new Pending(index, start, channel);
            channel.register(selector, SelectionKey.OP_CONNECT, p);
            byDeadline.addLast(p);
            return null;
        } catch (IOException e) {
            close(channel);
            return failed(target, start, e);
        }
    }

    private static PortCheck finish(InetSocketAddress target, Pending p) {
        try {
            p.channel().finishConnect();
            return opened(target, p.channel(), p.start());
        } catch (IOException e) {
            return failed(target, p.start(), e);
        }
    }

    /**
     * A connect that succeeded. On loopback the kernel may pick the target port itself as the source
     * port, and the socket then connects to itself (TCP simultaneous open, RFC 793 §3.4): nothing
     * listens there, so the port is closed.
     */
    private static PortCheck opened(InetSocketAddress target, SocketChannel channel, long start) throws IOException {
        if (target.equals(channel.getLocalAddress())) {
            return new PortCheck(target, PortStatus.CLOSED, since(start), "");
        }
        return new PortCheck(target, PortStatus.OPEN, since(start), "");
    }

    private static PortCheck failed(InetSocketAddress target, long start, IOException e) {
        return switch (e) {
            case NoRouteToHostException n -> new PortCheck(target, PortStatus.FILTERED, since(start), "no route to host");
            case ConnectException c -> new PortCheck(target, PortStatus.CLOSED, since(start), "");
            default -> new PortCheck(target, PortStatus.ERROR, since(start), String.valueOf(e.getMessage()));
        };
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
            return failed(target, start, e);
        }
    }

    private static void close(SocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing a socket we only connected: nothing to lose
            }
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
