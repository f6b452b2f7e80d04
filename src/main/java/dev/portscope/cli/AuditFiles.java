package dev.portscope.cli;

import dev.portscope.analysis.audit.Baseline;
import dev.portscope.analysis.audit.BaselineParser;
import dev.portscope.analysis.audit.Policy;
import dev.portscope.analysis.audit.PolicyException;
import dev.portscope.analysis.audit.PolicyParser;
import dev.portscope.app.FileException;
import dev.portscope.app.OutputFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
            return PolicyParser.parse(read(file, "policy"), file.toString());
        } catch (PolicyException e) {
            throw new UnusableFileException(e.getMessage());
        }
    }

    static Baseline baseline(Path file) throws UnusableFileException {
        try {
            return BaselineParser.parse(read(file, "baseline"), file.toString());
        } catch (BaselineParser.BadBaselineException e) {
            throw new UnusableFileException(e.getMessage());
        }
    }

    private static String read(Path file, String what) throws UnusableFileException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UnusableFileException("cannot read " + what + " " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new UnusableFileException("cannot read " + what + " " + file + ": permission denied");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new UnusableFileException("cannot read " + what + " " + file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new UnusableFileException("cannot read " + what + " " + file + ": " + e.getMessage());
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
