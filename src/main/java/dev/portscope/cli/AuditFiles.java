package dev.portscope.cli;

import dev.portscope.analysis.audit.Baseline;
import dev.portscope.analysis.audit.BaselineParser;
import dev.portscope.analysis.audit.Policy;
import dev.portscope.analysis.audit.PolicyException;
import dev.portscope.analysis.audit.PolicyParser;
import dev.portscope.app.FileException;
import dev.portscope.app.InputFiles;
import dev.portscope.app.OutputFiles;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Reads policies and baselines for audit and diff, and writes files whole or not at all. */
final class AuditFiles {

    private AuditFiles() {}

    /** A policy or baseline that cannot be used; the message is one line, ready to print. */
    static final class UnusableFileException extends Exception {
        UnusableFileException(String message) {
            super(message, null, false, false);
        }
    }

    static Policy policy(Path file) throws UnusableFileException {
        try {
            return PolicyParser.parse(read(file, "policy", InputFiles.POLICY_LIMIT), file.toString());
        } catch (PolicyException e) {
            throw new UnusableFileException(e.getMessage());
        }
    }

    static Baseline baseline(Path file) throws UnusableFileException {
        try {
            return BaselineParser.parse(read(file, "baseline", InputFiles.BASELINE_LIMIT), file.toString());
        } catch (BaselineParser.BadBaselineException e) {
            throw new UnusableFileException(e.getMessage());
        }
    }

    /**
     * The text of a policy or baseline: a regular file (a FIFO or {@code /dev/zero} is refused before it is
     * opened, so it cannot hang), of at most {@code limit} bytes, in UTF-8.
     */
    private static String read(Path file, String what, long limit) throws UnusableFileException {
        String action = "read " + what;
        try {
            return InputFiles.text(InputFiles.read(file, action, limit), file, action);
        } catch (FileException e) {
            throw new UnusableFileException(e.getMessage());
        }
    }

    /**
     * Writes {@code text} to {@code file} as {@link OutputFiles} writes every file (a regular file replaced
     * whole, a device or FIFO written to, planted links refused), or to standard output for {@code -}.
     */
    static void writeWhole(Path file, String text, PrintWriter out, CliEnvironment env) {
        if (file.toString().equals("-")) {
            out.print(text);
            out.flush();
            return;
        }
        try {
            OutputFiles.of(env.platform()).write(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (FileException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
