package dev.portscope.cli;

import dev.portscope.app.FileException;
import dev.portscope.app.OutputFiles;
import dev.portscope.model.Diagnostic;
import dev.portscope.model.Protocol;
import dev.portscope.query.SocketQuery;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.SocketSource;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code portscope record FILE}: saves the kernel's socket tables, every state, as raw netlink
 * {@code sock_diag} traffic, for {@code --replay FILE} on this or another machine, or as a test fixture.
 */
@Command(name = "record", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Record this machine's sockets (all states, as netlink sock_diag messages) to FILE, for --replay.")
final class RecordCommand implements Callable<Integer> {

    @ParentCommand
    PortscopeCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    SelectionOptions selection;

    @Mixin
    NamespaceOptions namespaces;

    @Parameters(index = "0", paramLabel = "FILE", description = "Where to write the recording: a file (replaced whole when complete; links in shared directories are refused), or a device or FIFO.")
    Path file;

    @Override
    public Integer call() {
        if (namespaces.all || namespaces.namespace != null) {
            // a recording is one namespace's netlink dumps, replayed as that namespace: it has no place for others
            throw new UsageException("record keeps the sockets of this network namespace only (a recording is its netlink dumps): "
                    + (namespaces.all ? "-A" : "--namespace") + " cannot be recorded; 'snapshot save -A' keeps the listeners of every one");
        }
        PrintWriter err = spec.commandLine().getErr();
        SocketQuery query = selection.applyTo(SocketQuery.all());
        int[] counts = new int[Protocol.values().length];
        DiagnosticLog log = new DiagnosticLog();
        long bytes;
        String unavailable = null;
        String unsupported = null; // never on this platform: a usage error, not a partial answer
        // Written as every output file is (OutputFiles): a planted link is not followed, a new file is 0600.
        try (OutputFiles.Output output = OutputFiles.of(parent.env().platform()).open(file);
                OutputStream out = new BufferedOutputStream(output.stream(), 1 << 16)) {
            SocketSource source;
            try {
                source = parent.env().platform().recorder(out, parent.env().clock().instant());
            } catch (IllegalArgumentException e) {
                unavailable = e.getMessage();
                source = null;
            } catch (UnsupportedOperationException e) {
                unsupported = e.getMessage();
                source = null;
            }
            if (source != null) {
                source.scan(query, log, socket -> counts[socket.protocol().ordinal()]++);
                out.flush();
                output.commit(); // without it (no recorder here) an existing file stays as it was
            }
            bytes = output.written();
        } catch (UncheckedIOException e) {
            throw new UsageException(FileException.from("write", file, e.getCause()).getMessage());
        } catch (IOException e) {
            throw new UsageException(FileException.from("write", file, e).getMessage());
        }
        if (unsupported != null) {
            throw new UsageException(unsupported);
        }
        if (unavailable != null) {
            err.println("portscope: " + unavailable);
            return ExitCodes.PARTIAL;
        }
        err.println("portscope: recorded " + counts[Protocol.TCP.ordinal()] + " tcp and " + counts[Protocol.UDP.ordinal()]
                + " udp sockets (" + bytes + " bytes) to " + file);
        List<Diagnostic> diagnostics = log.diagnostics();
        Sessions.report(diagnostics, err);
        return diagnostics.stream().anyMatch(d -> d.kind().partial()) ? ExitCodes.PARTIAL : ExitCodes.OK;
    }
}
