package dev.portscope.platform.linux.netlink;

import dev.portscope.model.Diagnostic;
import dev.portscope.model.IpFamily;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.query.SocketQuery;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.SocketSource;
import dev.portscope.platform.linux.Failures;
import dev.portscope.platform.linux.NamespaceIds;
import dev.portscope.platform.linux.ffm.Errno;
import dev.portscope.platform.linux.ffm.Libc;
import dev.portscope.platform.linux.ffm.LinuxConstants;
import dev.portscope.platform.linux.ffm.InterfaceNames;
import dev.portscope.platform.linux.ffm.NetlinkSocket;
import dev.portscope.platform.linux.ffm.NetlinkSocketException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Sockets from the kernel's {@code NETLINK_SOCK_DIAG} interface ({@code sock_diag(7)}), as {@code ss}
 * reads them: one {@code SOCK_DIAG_BY_FAMILY} dump per wanted protocol and family, with the query's
 * states pushed down as the {@code idiag_states} mask; TCP of both families in one
 * {@code TCPDIAG_GETSOCK} dump, which walks the kernel's TCP tables once instead of twice. Sockets reach the sink as each datagram
 * arrives; nothing holds the whole table. Unlike {@code /proc/net}, it also sees TCP sockets that
 * are bound but neither listening nor connected (state {@code BOUND_INACTIVE}, Linux 6.5+).
 *
 * <p>Needs no privileges for the fields portscope lists. Sees the network namespace of the process.
 */
public final class NetlinkSocketSource implements SocketSource {

    /** Dump datagrams are at most 32 KiB; a larger buffer leaves room for kernels that send more. */
    public static final int BUFFER_SIZE = 128 * 1024;
    private static final long RECEIVE_TIMEOUT_SECONDS = 10;

    /**
     * @param details   ask for {@code tcp_info} and socket memory, and keep {@code IPV6_V6ONLY}, as
     *                  {@link dev.portscope.model.SocketDetails}
     * @param recording where to copy every request sent and every byte received (a recording that
     *                  {@link ReplaySocketSource} reads), or null
     */
    public record Settings(boolean details, OutputStream recording) {
        public static Settings plain() {
            return new Settings(false, null);
        }
    }

    /** One protocol and family, or (family null) TCP of both families: one dump. */
    public record Dump(Protocol protocol, IpFamily family) {
        /** {@code tcp/ipv4}, or {@code tcp} for both families. */
        public String label() {
            return protocol.label() + (family == null ? "" : "/" + family.label());
        }

        /** The families the dump answers for. */
        public Set<IpFamily> families() {
            return family == null ? EnumSet.allOf(IpFamily.class) : EnumSet.of(family);
        }
    }

    /** A dump that yielded no socket, what kind of failure it was, and why; another source may answer for it. */
    public record Failure(Dump dump, Diagnostic.Kind kind, String reason) {}

    /**
     * Opens the socket a scan talks through, and says which namespace it answers for: the reader's
     * own by default, or another one entered beforehand ({@code NamespacedNetlink}).
     */
    public interface Opener {
        NetlinkSocket open() throws NetlinkSocketException;
    }

    private final Path procRoot;
    private final Settings settings;
    private final boolean watching;
    /** The socket of another namespace, and that namespace's inode; null and 0 for the reader's own. */
    private final Opener opener;
    private final long foreignNamespace;
    /** A watching source's previous scan, by cookie; null before the first. */
    private SocketRecall recall;

    /** @param procRoot where procfs is mounted, to read the network namespace id */
    public NetlinkSocketSource(Path procRoot) {
        this(procRoot, Settings.plain());
    }

    public NetlinkSocketSource(Path procRoot, Settings settings) {
        this(procRoot, settings, false);
    }

    private NetlinkSocketSource(Path procRoot, Settings settings, boolean watching, Opener opener, long foreignNamespace) {
        this.procRoot = procRoot;
        this.settings = settings;
        this.watching = watching;
        this.opener = opener;
        this.foreignNamespace = foreignNamespace;
    }

    private NetlinkSocketSource(Path procRoot, Settings settings, boolean watching) {
        this(procRoot, settings, watching, null, 0);
    }

    /** A source that hands out the previous scan's object for a socket that did not change. */
    @Override
    public NetlinkSocketSource forWatching() {
        return new NetlinkSocketSource(procRoot, settings, true, opener, foreignNamespace);
    }

    /**
     * This source for one scan of another network namespace, through a socket opened there: its
     * sockets carry {@code netns}; bound interfaces are given by index (their names are the other
     * namespace's). A watching source keeps what it recalls of its previous scan.
     */
    public NetlinkSocketSource inNamespace(long netns, Opener socketThere) {
        NetlinkSocketSource scanner = new NetlinkSocketSource(procRoot, settings, watching, socketThere, netns);
        scanner.recall = recall;
        return scanner;
    }

    /**
     * Why this machine cannot answer sock_diag requests, or empty when it can: the system calls can
     * be made ({@link Libc#unavailableReason}) and a sock_diag socket opens (a seccomp policy or a
     * kernel without netlink may refuse it).
     */
    public static Optional<String> unavailableReason() {
        Optional<String> noNative = Libc.unavailableReason();
        if (noNative.isPresent()) {
            return Optional.of("no native access: " + noNative.get());
        }
        try (NetlinkSocket probe = NetlinkSocket.open(LinuxConstants.NETLINK_SOCK_DIAG, 4096)) {
            return Optional.empty();
        } catch (NetlinkSocketException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public String name() {
        return "netlink";
    }

    @Override
    public void scan(SocketQuery query, DiagnosticLog log, Consumer<Socket> sink) {
        for (Failure failure : scanDumps(query, log, sink)) {
            log.report(failure.kind(), failure.dump().label() + " sockets not listed: " + failure.reason());
        }
    }

    /**
     * Scans like {@link #scan}, but hands back the dumps that failed before yielding any socket
     * instead of reporting them, so that a caller can ask another source for those.
     */
    public List<Failure> scanDumps(SocketQuery query, DiagnosticLog log, Consumer<Socket> sink) {
        List<Dump> dumps = new ArrayList<>();
        for (Protocol protocol : Protocol.values()) {
            if (protocol == Protocol.TCP && query.wants(protocol, IpFamily.IPV4) && query.wants(protocol, IpFamily.IPV6)) {
                dumps.add(new Dump(protocol, null));
                continue;
            }
            for (IpFamily family : IpFamily.values()) {
                if (query.wants(protocol, family)) {
                    dumps.add(new Dump(protocol, family));
                }
            }
        }
        List<Failure> failures = new ArrayList<>();
        if (dumps.isEmpty()) {
            return failures;
        }
        try (InterfaceNames names = new InterfaceNames();
                NetlinkSocket socket = opener == null ? NetlinkSocket.open(LinuxConstants.NETLINK_SOCK_DIAG, BUFFER_SIZE) : opener.open()) {
            // the interfaces of bound sockets are named in this thread's namespace, the one the dumps describe
            var decoder = opener == null
                    ? new SockDiagDecoder(NamespaceIds.networkNamespace(procRoot), settings.details(), BoundInterfaces.named(names::nameOf))
                    : new SockDiagDecoder(foreignNamespace, settings.details(), BoundInterfaces.UNNAMED);
            socket.receiveTimeout(RECEIVE_TIMEOUT_SECONDS);
            SocketRecall next = watching ? (recall == null ? new SocketRecall(1024) : recall.next()) : null;
            if (watching) {
                decoder.recall(recall, next);
                recall = next;
            }
            int sequence = 0;
            for (int i = 0; i < dumps.size(); i++) {
                Dump dump = dumps.get(i);
                DumpProgress progress = new DumpProgress(dump, query, log, sink);
                try {
                    run(socket, ++sequence, dump, query, decoder, progress);
                } catch (NetlinkSocketException e) {
                    // the socket may still hold this dump's datagrams: later dumps on it cannot be trusted
                    Diagnostic.Kind kind = kindOf(e);
                    if (progress.sockets == 0) {
                        failures.add(new Failure(dump, kind, e.getMessage()));
                    } else {
                        log.report(kind, dump.label() + " dump cut short: " + e.getMessage());
                    }
                    for (Dump rest : dumps.subList(i + 1, dumps.size())) {
                        failures.add(new Failure(rest, kind, "netlink socket abandoned after an earlier failure (" + e.getMessage() + ")"));
                    }
                    break;
                }
                if (progress.errno != 0 && progress.sockets == 0 && dump.family() == null) {
                    // a kernel without the old request type: one dump per family instead
                    dumps.add(i + 1, new Dump(dump.protocol(), IpFamily.IPV6));
                    dumps.add(i + 1, new Dump(dump.protocol(), IpFamily.IPV4));
                    continue;
                }
                if (progress.errno != 0) {
                    String reason = "the kernel answered " + DumpErrors.describe(progress.errno)
                            + (progress.errno == Errno.ENOENT && dump.protocol() == Protocol.UDP ? "; modprobe udp_diag adds it" : "");
                    if (progress.sockets == 0) {
                        failures.add(new Failure(dump, kindOfAnswer(progress.errno), reason));
                    } else {
                        log.report(kindOfAnswer(progress.errno), dump.label() + " dump cut short: " + reason);
                    }
                }
            }
        } catch (NetlinkSocketException e) {
            for (Dump dump : dumps) {
                failures.add(new Failure(dump, kindOf(e), e.getMessage()));
            }
        }
        return failures;
    }

    /** A failed system call on the socket: by its errno (EAGAIN is the receive timeout); errno 0 is a datagram too large for the buffer. */
    private static Diagnostic.Kind kindOf(NetlinkSocketException e) {
        return e.errno() == 0 ? Diagnostic.Kind.IO_ERROR : Failures.ofErrno(e.errno());
    }

    /**
     * The kernel's answer to a dump: ENOENT there means no handler for the protocol (the diag module
     * is not loaded), not a missing file; the source is unavailable, as for a request it does not understand.
     */
    static Diagnostic.Kind kindOfAnswer(int errno) {
        return errno == Errno.ENOENT ? Diagnostic.Kind.UNAVAILABLE : Failures.ofErrno(errno);
    }

    private void run(NetlinkSocket socket, int sequence, Dump dump, SocketQuery query, SockDiagDecoder decoder, DumpProgress progress)
            throws NetlinkSocketException {
        int states = InetDiagRequest.stateMask(dump.protocol(), query.statesOf(dump.protocol()));
        byte[] request = dump.family() == null
                ? InetDiagRequest.bothFamiliesTcpDump(sequence, states, settings.details())
                : InetDiagRequest.dump(sequence, dump.protocol(), dump.family(), states, settings.details());
        record(ByteBuffer.wrap(request));
        socket.send(request);
        long offset = 0;
        byte[] heap = new byte[BUFFER_SIZE];
        while (!progress.finished) {
            ByteBuffer datagram = socket.receive();
            record(datagram);
            int length = datagram.remaining();
            // One bulk copy to the heap: reading fields from native memory through a ByteBuffer costs
            // a liveness check per access, which C1 (the launcher's only compiler) does not hoist.
            datagram.get(heap, 0, length);
            decoder.decode(ByteBuffer.wrap(heap, 0, length).order(ByteOrder.nativeOrder()), offset, dump.protocol(), progress);
            offset += length;
        }
    }

    private void record(ByteBuffer bytes) {
        OutputStream out = settings.recording();
        if (out == null) {
            return;
        }
        byte[] copy = new byte[bytes.remaining()];
        bytes.duplicate().get(copy);
        try {
            out.write(copy);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the recording: " + e.getMessage(), e);
        }
    }

    /** Follows one dump: counts its sockets and notices its end. */
    private static final class DumpProgress implements SockDiagEvents {
        private final Dump dump;
        private final SocketQuery query;
        private final DiagnosticLog log;
        private final Consumer<Socket> sink;
        private final CookieSet seen = new CookieSet();
        int sockets;
        int errno;
        boolean finished;

        DumpProgress(Dump dump, SocketQuery query, DiagnosticLog log, Consumer<Socket> sink) {
            this.dump = dump;
            this.query = query;
            this.log = log;
            this.sink = sink;
        }

        @Override
        public void socket(Socket socket) {
            if (!seen.add(socket.linux().cookie())) {
                return; // sent twice: the tables changed between two reads of the dump
            }
            sockets++;
            if (query.matches(socket)) {
                sink.accept(socket);
            }
        }

        @Override
        public void done(long offset) {
            finished = true;
        }

        @Override
        public void error(long offset, int code) {
            errno = code;
            finished = true;
        }

        @Override
        public void malformed(long offset, String what) {
            log.malformed("netlink " + dump.label() + " dump, byte " + offset, what);
        }

        @Override
        public void interrupted(long offset) {
            log.report(Diagnostic.Kind.NOTE, "sockets changed during the netlink " + dump.label() + " dump: a few may be missing or repeated");
        }
    }
}
