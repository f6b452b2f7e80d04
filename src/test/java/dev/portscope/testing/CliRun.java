package dev.portscope.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portscope.cli.CliEnvironment;
import dev.portscope.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** Runs portscope in-process, as {@code main} would, and keeps what it printed. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun run(String... args) {
        return run(liveEnvironment(Map.of()), args);
    }

    public static CliRun run(CliEnvironment env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), env);
        return new CliRun(code, out.toString(), err.toString());
    }

    public static CliEnvironment liveEnvironment(Map<String, String> variables) {
        return new CliEnvironment(variables, false, 0, Path.of("/proc"), Path.of("/etc"), Clock.systemUTC());
    }

    /**
     * Whether the run said its answer is partial (a warning on stderr). A live run over the whole
     * machine is, wherever some socket's holder cannot be read (a sandbox's pid 1 may refuse even
     * root): tests of such runs expect the exit status of a partial answer then.
     */
    public boolean partial() {
        return err.contains("portscope: warning: ");
    }

    public JsonNode json() {
        try {
            return new ObjectMapper().readTree(out);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + out + "\nstderr: " + err, e);
        }
    }
}
