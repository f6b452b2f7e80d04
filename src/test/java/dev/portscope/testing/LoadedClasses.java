package dev.portscope.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The classes a portscope command loads, from a JVM of its own that logs each ({@code -Xlog:class+load}). */
public final class LoadedClasses {

    private LoadedClasses() {}

    /** The {@code [class,load]} lines of {@code portscope ARGS}. */
    public static List<String> of(String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xlog:class+load=info",
                "-cp", System.getProperty("java.class.path"), "dev.portscope.cli.Main"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(50, TimeUnit.SECONDS)).isTrue();
        return out.lines().filter(l -> l.contains("[class,load]")).toList();
    }
}
