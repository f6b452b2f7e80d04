package dev.portscope.platform.linux.netlink;

import dev.portscope.model.Diagnostic;
import dev.portscope.model.Endpoint;
import dev.portscope.model.Socket;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.SocketEndFeed;
import dev.portscope.platform.linux.Failures;
import dev.portscope.platform.linux.NamespaceIds;
import dev.portscope.platform.linux.ffm.Errno;
import dev.portscope.platform.linux.ffm.InterfaceNames;
import dev.portscope.platform.linux.ffm.Libc;
import dev.portscope.platform.linux.ffm.LinuxConstants;
import dev.portscope.platform.linux.ffm.NetlinkSocket;
import dev.portscope.platform.linux.ffm.NetlinkSocketException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel's notices of the TCP and UDP sockets it frees, as {@code ss -E} follows them: a
 * {@code NETLINK_SOCK_DIAG} socket that joins the four destroy groups (IPv4 and IPv6, TCP and UDP;
 * Linux 4.2+), read by a daemon thread, {@code portscope-end-feed}, into a bounded buffer that
 * {@link #drain} empties. The notices are decoded by {@link SockDiagDecoder#decodeEndNotices}: each
 * socket has its cookie, protocol, family, addresses, ports and last state, but no owner (the kernel
 * does not say it) and no inode.
 *
 * <p>Privileges: none. sock_diag lets any process join its groups ({@code NL_CFG_F_NONROOT_RECV} in
 * {@code net/core/sock_diag.c}) and multicasts each notice on the sock_diag socket of the freed
 * socket's network namespace: the feed hears the namespace of the thread that opened it, all users'
 * sockets alike.
 *
 * <p>Loss, counted by {@link #lost}: the kernel queues notices in the socket's receive buffer (8 MiB
 * asked; without {@code CAP_NET_ADMIN}, {@code net.core.rmem_max} caps it). When the reader falls
 * behind, the kernel drops what does not fit and the next {@code recv} fails once with ENOBUFS,
 * without saying how many: that counts as one, at least. Notices that find this buffer full are
 * counted one by one, and so are notices that cannot be decoded. Not counted, because nothing
 * tells: a notice the kernel could not allocate ({@code sock_diag_broadcast_destroy} under memory
 * pressure).
 *
 * <p>Memory: at most {@code capacity} sockets wait (200,000 by default); the next ones are counted
 * as lost until {@link #drain}. A decoded socket weighs about 360 bytes, half of it its two address
 * objects; the waiting sockets share one object per address ({@link Addresses}), which brings a
 * socket to about 170 bytes and a full buffer to 34 MB when addresses repeat (measured with the
 * captured notices, {@code fixtures/netlink/destroy-notices}), up to 72 MB should no address
 * repeat. Thread-safe: the reader adds, and {@link #drain} and {@link #lost} take, under one lock.
 */
public final class SockDiagEndFeed implements SocketEndFeed {

    /** Notices kept between two drains: a refresh of a busy server sees fewer connections end. */
    static final int CAPACITY = 200_000;
    /** How often the reader wakes, when no notice comes, to see whether {@link #close} wants it to stop. */
    static final Duration WAKE = Duration.ofMillis(200);
    static final String THREAD_NAME = "portscope-end-feed";
    /**
     * The receive buffer asked for, which holds the notices that come while the reader is not
     * running: the kernel counts 600 to 1,200 bytes a TCP notice (measured on Linux 6.18), so 8 MiB
     * holds 7,000 or more. Without {@code CAP_NET_ADMIN}, {@code net.core.rmem_max} caps it: its
     * default, 208 KiB, holds about 700.
     */
    private static final int RECEIVE_BUFFER = 8 << 20;
    /** A notice is ~350 bytes (inet_diag_msg, protocol, tcp_info); one datagram each. */
    private static final int DATAGRAM_BUFFER = 64 << 10;
    private static final int[] GROUPS = {
        LinuxConstants.SKNLGRP_INET_TCP_DESTROY, LinuxConstants.SKNLGRP_INET_UDP_DESTROY,
        LinuxConstants.SKNLGRP_INET6_TCP_DESTROY, LinuxConstants.SKNLGRP_INET6_UDP_DESTROY,
    };
    private static final Pattern RELEASE = Pattern.compile("(\\d{1,4})\\.(\\d{1,4})");
    private static final String MISSED = "connections shorter than one refresh are missed";

    private final NetlinkSocket socket;
    private final SockDiagDecoder decoder;
    private final int capacity;
    private final Thread reader;

    private final Object lock = new Object();
    // guarded by lock
    private ArrayList<Socket> pending = new ArrayList<>();
    private long lost;
    private String stoppedBy;

    private volatile boolean closing;

    private SockDiagEndFeed(NetlinkSocket socket, SockDiagDecoder decoder, int capacity) {
        this.socket = socket;
        this.decoder = decoder;
        this.capacity = capacity;
        this.reader = Thread.ofPlatform().name(THREAD_NAME).daemon().unstarted(this::read);
    }

    /**
     * Joins the destroy groups and starts the reader.
     *
     * @param procRoot where procfs is mounted: the network namespace stamped on every socket
     * @param log      told why when the feed cannot start, and what that costs
     * @return the running feed, or empty
     */
    public static Optional<SocketEndFeed> open(Path procRoot, DiagnosticLog log) {
        return open(procRoot, CAPACITY, log).map(feed -> feed);
    }

    /** As {@link #open(Path, DiagnosticLog)}, keeping at most {@code capacity} sockets between drains. */
    static Optional<SockDiagEndFeed> open(Path procRoot, int capacity, DiagnosticLog log) {
        Optional<String> noNative = Libc.unavailableReason();
        if (noNative.isPresent()) {
            log.report(Diagnostic.Kind.UNAVAILABLE, "the kernel's notices of closed sockets are not available (no native access: "
                    + noNative.get() + "): " + MISSED);
            return Optional.empty();
        }
        Optional<String> release = kernelRelease(procRoot);
        if (release.isPresent() && !hasDestroyGroups(release.get())) {
            // an older kernel lets the groups be joined (any 32 are) and never sends a notice: say so instead
            log.report(Diagnostic.Kind.UNAVAILABLE, "the kernel's notices of closed sockets are not available (Linux "
                    + release.get() + " has none; 4.2 added them): " + MISSED);
            return Optional.empty();
        }
        NetlinkSocket socket;
        try {
            socket = NetlinkSocket.open(LinuxConstants.NETLINK_SOCK_DIAG, DATAGRAM_BUFFER);
        } catch (NetlinkSocketException e) {
            report(log, e);
            return Optional.empty();
        }
        try {
            socket.joinGroups(GROUPS);
            socket.receiveBuffer(RECEIVE_BUFFER);
            socket.receiveTimeout(WAKE);
        } catch (NetlinkSocketException e) {
            socket.close();
            report(log, e);
            return Optional.empty();
        }
        IntFunction<String> names = index -> {
            // asked in the reader thread, in the namespace the notices come from; rare (bound sockets only), so not cached
            try (InterfaceNames interfaces = new InterfaceNames()) {
                return interfaces.nameOf(index);
            }
        };
        var decoder = new SockDiagDecoder(NamespaceIds.networkNamespace(procRoot), false, BoundInterfaces.named(names));
        SockDiagEndFeed feed = new SockDiagEndFeed(socket, decoder, capacity);
        feed.reader.start();
        return Optional.of(feed);
    }

    /** {@code /proc/sys/kernel/osrelease}, as {@code uname -r} says it, or empty when unreadable. */
    private static Optional<String> kernelRelease(Path procRoot) {
        try {
            return Optional.of(Files.readString(procRoot.resolve("sys/kernel/osrelease")).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether a kernel release ({@code 6.18.44-fc}, {@code 4.2.0-1-amd64}) has the destroy groups:
     * Linux 4.2 and later. A release whose version cannot be read is given the benefit of the doubt.
     */
    static boolean hasDestroyGroups(String release) {
        Matcher m = RELEASE.matcher(release);
        if (!m.lookingAt()) {
            return true;
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        return major > 4 || major == 4 && minor >= 2;
    }

    private static void report(DiagnosticLog log, NetlinkSocketException e) {
        Diagnostic.Kind kind = e.errno() == 0 ? Diagnostic.Kind.IO_ERROR : Failures.ofErrno(e.errno());
        log.report(kind, "the kernel's notices of closed sockets are not available (" + e.getMessage() + "): " + MISSED);
    }

    @Override
    public List<Socket> drain() {
        synchronized (lock) {
            if (pending.isEmpty()) {
                return List.of();
            }
            List<Socket> drained = pending;
            pending = new ArrayList<>();
            return Collections.unmodifiableList(drained);
        }
    }

    /**
     * {@inheritDoc} Once the reader has stopped on a failure (see {@link #toString}), every call
     * answers at least 1: notices are being missed, how many is unknown.
     */
    @Override
    public long lost() {
        synchronized (lock) {
            long count = lost;
            lost = 0;
            return stoppedBy != null ? Math.max(count, 1) : count;
        }
    }

    /** Stops the reader (within {@link #WAKE} or so) and closes the socket; later calls do nothing. */
    @Override
    public void close() {
        closing = true;
        boolean interrupted = false;
        long deadline = System.nanoTime() + WAKE.multipliedBy(10).toNanos();
        while (reader.isAlive() && System.nanoTime() < deadline) {
            try {
                reader.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        synchronized (lock) {
            pending = new ArrayList<>();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the reader thread still runs (for tests: it ends after {@link #close}). */
    boolean readerAlive() {
        return reader.isAlive();
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "sock_diag end feed (" + pending.size() + " waiting" + (stoppedBy != null ? ", stopped: " + stoppedBy : "") + ")";
        }
    }

    /**
     * The reader thread: receives until {@link #close}, then closes the socket itself, so that its
     * descriptor cannot be closed (and reused by another file) under a {@code recv} still waiting.
     */
    private void read() {
        byte[] heap = new byte[DATAGRAM_BUFFER];
        Notices notices = new Notices();
        long offset = 0;
        try {
            while (!closing) {
                ByteBuffer datagram;
                try {
                    datagram = socket.receive();
                } catch (NetlinkSocketException e) {
                    if (e.errno() == Errno.EAGAIN) {
                        continue; // the wake-up timeout: look at closing again
                    }
                    if (e.errno() == Errno.ENOBUFS) {
                        addLost(1); // the kernel dropped notices; it does not say how many
                        continue;
                    }
                    stop(e.getMessage());
                    return;
                }
                int length = datagram.remaining();
                // one bulk copy: reading native memory field by field costs a liveness check each
                datagram.get(heap, 0, length);
                decoder.decodeEndNotices(ByteBuffer.wrap(heap, 0, length).order(ByteOrder.nativeOrder()), offset, notices);
                offset += length;
            }
        } catch (RuntimeException | Error e) {
            stop(String.valueOf(e));
            throw e;
        } finally {
            socket.close();
        }
    }

    private void addLost(long count) {
        synchronized (lock) {
            lost += count;
        }
    }

    private void stop(String why) {
        synchronized (lock) {
            stoppedBy = why;
        }
    }

    /** What the decoder finds in one datagram: sockets into the buffer; a notice it cannot decode is a lost one. */
    private final class Notices implements SockDiagEvents {
        private final Addresses addresses = new Addresses();

        @Override
        public void socket(Socket ended) {
            Socket kept = addresses.share(ended); // outside the lock: drain() need not wait for it
            synchronized (lock) {
                if (pending.size() < capacity) {
                    pending.add(kept);
                } else {
                    lost++;
                }
            }
        }

        @Override
        public void done(long offset) {}

        @Override
        public void error(long offset, int errno) {
            addLost(1);
        }

        @Override
        public void malformed(long offset, String what) {
            addLost(1);
        }
    }

    /**
     * One address object for each address the reader has met lately, so that the waiting sockets
     * share them: the connections that end on a server have a handful of local addresses and, often,
     * few peers, and an address object (about 50 bytes for IPv4, 120 for IPv6) is most of a socket's
     * weight. Bounded: it forgets every address when it knows 4,096. Used by the reader thread only.
     */
    static final class Addresses {
        private static final int LIMIT = 4_096;
        private final Map<InetAddress, InetAddress> known = new HashMap<>();

        Socket share(Socket s) {
            Endpoint local = share(s.local());
            Endpoint remote = share(s.remote());
            if (local == s.local() && remote == s.remote()) {
                return s;
            }
            return new Socket(s.protocol(), s.family(), local, remote, s.state(), s.uid(), s.key(),
                    s.receiveQueue(), s.sendQueue(), s.v6Only(), s.linux());
        }

        private Endpoint share(Endpoint e) {
            InetAddress shared = known.get(e.address());
            if (shared == null) {
                if (known.size() >= LIMIT) {
                    known.clear();
                }
                known.put(e.address(), e.address());
                return e;
            }
            return shared == e.address() ? e : new Endpoint(shared, e.port(), e.device());
        }
    }
}
