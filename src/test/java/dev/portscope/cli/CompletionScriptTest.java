package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bash completion script, sourced into bash and driven as bash drives it (COMP_WORDS, COMP_CWORD). */
@Tag("live")
class CompletionScriptTest {

    @TempDir
    Path dir;

    @Test
    void completesSubcommands() throws Exception {
        assertThat(complete("portscope", "w")).containsExactlyInAnyOrder("who", "why");
        assertThat(complete("portscope", "li")).containsExactly("listen");
    }

    @Test
    void completesOptions() throws Exception {
        assertThat(complete("portscope", "conns", "--st")).containsExactly("--state");
        assertThat(complete("portscope", "listen", "--no-p")).containsExactly("--no-process");
    }

    @Test
    void completesStatesAndClosedSets() throws Exception {
        assertThat(complete("portscope", "conns", "--state", "clo"))
                .containsExactlyInAnyOrder("close", "close-wait", "closing");
        assertThat(complete("portscope", "who", "--backend", "")).containsExactlyInAnyOrder("auto", "netlink", "proc", "portable");
    }

    /** who, why and kill complete the ports in use, read by calling portscope itself. */
    @Test
    void completesThePortsInUseForWhoWhyAndKill() throws Exception {
        Path portscope = dir.resolve("portscope");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Files.writeString(portscope, "#!/bin/sh\nexec '" + java + "' --enable-native-access=ALL-UNNAMED -cp '"
                + System.getProperty("java.class.path") + "' dev.portscope.cli.Main \"$@\"\n");
        assertThat(portscope.toFile().setExecutable(true)).isTrue();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String port = Integer.toString(listener.getLocalPort());
            for (String command : CompletionScript.PORT_COMMANDS) {
                assertThat(complete(portscope.toString(), command, port.substring(0, port.length() - 1)))
                        .as(command).contains(port);
            }
        }
    }

    /** The words bash would offer for the last of {@code words}, the script sourced in a fresh bash. */
    private List<String> complete(String... words) throws IOException, InterruptedException {
        Path script = dir.resolve("completion.bash");
        Files.writeString(script, CompletionScript.bash(CommandModel.full(CliEnvironment.fromSystem())));
        String driver = """
                source "$1"; shift
                COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
                _complete_portscope "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}" 2>/dev/null
                printf '%s\\n' "${COMPREPLY[@]}"
                """;
        List<String> command = new java.util.ArrayList<>(List.of("bash", "--norc", "--noprofile", "-c", driver, "bash", script.toString()));
        command.addAll(Arrays.asList(words));
        Process bash = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }
}
