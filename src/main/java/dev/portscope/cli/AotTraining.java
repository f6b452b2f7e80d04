package dev.portscope.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.List;

/**
 * The training run that makes the AOT cache a package ships (scripts/package): the commands whose
 * start-up matters most, run in one JVM so the cache holds the classes each of them loads. Their
 * output is thrown away; the exit codes do not matter (a listing without root is partial).
 */
public final class AotTraining {

    /** The default listing, the listings' help and the version: the goals of the start-up benchmark. */
    static final List<List<String>> COMMANDS = List.of(List.of(), List.of("--version"), List.of("--help"), List.of("listen", "--help"));

    private AotTraining() {}

    public static void main(String[] args) {
        CliEnvironment env = CliEnvironment.fromSystem();
        for (List<String> command : COMMANDS) {
            Utf8Output stdout = new Utf8Output(OutputStream.nullOutputStream());
            PrintWriter out = new PrintWriter(stdout, false);
            PrintWriter err = new PrintWriter(OutputStream.nullOutputStream(), true, java.nio.charset.StandardCharsets.UTF_8);
            Main.run(command.toArray(String[]::new), out, err, env);
            out.flush();
        }
    }
}
