package dev.portscope.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The question {@code kill} and {@code close} ask before they act, when no {@code --yes} answered it. */
final class Confirmation {

    private Confirmation() {}

    /**
     * Asks {@code question} on standard output and reads the answer from standard input: yes only for
     * {@code y} or {@code yes}, in any case.
     *
     * @throws UsageException when no person can answer (standard input is not a terminal)
     */
    static boolean ask(CliEnvironment env, PrintWriter out, String question) {
        if (!env.interactive()) {
            throw new UsageException("not on a terminal, so cannot ask: add --yes to confirm, or --dry-run to only show");
        }
        out.print(question + " [y/N] ");
        out.flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(env.in(), StandardCharsets.UTF_8)).readLine();
            return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
        } catch (IOException e) {
            return false;
        }
    }
}
