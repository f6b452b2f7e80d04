package dev.portscope.platform.linux.netlink;

import dev.portscope.model.Diagnostic;
import dev.portscope.model.IpFamily;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.query.SocketQuery;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.SocketSource;
import dev.portscope.platform.linux.Failures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Consumer;

/**
 * Sockets from a recording of {@code NETLINK_SOCK_DIAG} traffic: for each dump, the request sent
 * (its {@code sdiag_protocol} names the protocol of the answers) followed by the kernel's answers.
 * Answers with no request before them, as in iproute2's {@code ss1.dump} ({@code TCPDIAG_FILE}),
 * are TCP; every dump in the file is read, each message carrying its own family. The query is
 * applied by filtering. Sockets carry netns 0: the recording's namespace is not known.
 *
 * <p>Example: {@code new ReplaySocketSource(Path.of("tcp.dump")).scan(SocketQuery.all(), log, sockets::add)}
 */
public final class ReplaySocketSource implements SocketSource {

    private final Path file;
    private final boolean details;

    public ReplaySocketSource(Path file) {
        this(file, false);
    }

    /** @param details whether to decode the recorded {@code tcp_info}, memory and v6-only attributes */
    public ReplaySocketSource(Path file, boolean details) {
        this.file = file;
        this.details = details;
    }

    @Override
    public String name() {
        return "replay";
    }

    @Override
    public void scan(SocketQuery query, DiagnosticLog log, Consumer<Socket> sink) {
        ByteBuffer bytes;
        try {
            // looked at before it is opened: opening a FIFO without a writer would block
            var attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                log.report(Diagnostic.Kind.MALFORMED_INPUT, file + ": not a regular file; a recording is read from a file");
                return;
            }
        } catch (IOException e) {
            // said when it is opened
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() > Integer.MAX_VALUE) { // one mapping holds at most 2 GiB
                log.report(Diagnostic.Kind.MALFORMED_INPUT, file + ": " + channel.size() + " bytes, larger than the 2 GiB one mapping holds");
                return;
            }
            // mapped, not copied: a recording of a big table is read in place
            bytes = channel.size() == 0 ? ByteBuffer.allocate(0) : channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        } catch (IOException e) {
            log.report(Failures.of(e), file + ": " + (e instanceof NoSuchFileException ? "no such recording" : Failures.reason(e)));
            return;
        }
        Replay replay = new Replay(query, log, sink);
        new SockDiagDecoder(0, details).decode(bytes, 0, Protocol.TCP, replay);
        if (replay.failedDumps > MAX_FAILED_DUMPS_NAMED) {
            log.report(Diagnostic.Kind.UNAVAILABLE, file + ": " + (replay.failedDumps - MAX_FAILED_DUMPS_NAMED)
                    + " more recorded dumps failed: their sockets are not in the recording");
        }
        if (replay.messages == 0 && replay.problems == 0) {
            log.malformed(file.toString(), "empty recording: no netlink messages");
        } else if (replay.openDump) {
            log.malformed(file + ", byte " + bytes.limit(), "recording ends inside a dump (no NLMSG_DONE): it is truncated");
        }
    }

    /** Failed dumps named one by one; a crafted file can hold a hundred thousand. */
    private static final int MAX_FAILED_DUMPS_NAMED = 5;

    private final class Replay implements SockDiagEvents {
        private final SocketQuery query;
        private final DiagnosticLog log;
        private final Consumer<Socket> sink;
        int messages;
        int problems;
        int failedDumps;
        boolean openDump;

        Replay(SocketQuery query, DiagnosticLog log, Consumer<Socket> sink) {
            this.query = query;
            this.log = log;
            this.sink = sink;
        }

        @Override
        public void socket(Socket socket) {
            messages++;
            openDump = true;
            if (query.matches(socket)) {
                sink.accept(socket);
            }
        }

        @Override
        public void request(long offset, Protocol protocol, IpFamily family) {
            messages++;
            openDump = true;
        }

        @Override
        public void done(long offset) {
            messages++;
            openDump = false;
        }

        @Override
        public void error(long offset, int errno) {
            messages++;
            openDump = false;
            // the machine that recorded had no answer for these sockets either: the replay lacks them
            if (++failedDumps > MAX_FAILED_DUMPS_NAMED) {
                return;
            }
            log.report(NetlinkSocketSource.kindOfAnswer(errno), file + ", byte " + offset + ": the recorded dump failed with "
                    + DumpErrors.describe(errno) + ": its sockets are not in the recording");
        }

        @Override
        public void malformed(long offset, String what) {
            problems++;
            log.malformed(file + ", byte " + offset, what);
        }

        @Override
        public void interrupted(long offset) {
            log.report(Diagnostic.Kind.NOTE, file + ": sockets changed while this recording was made: a few may be missing or repeated");
        }
    }
}
