package dev.portscope.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * portscope as a module, seen from outside: a program on the module path that {@code requires
 * dev.portscope} compiles against and runs with {@code dev.portscope.api}, and neither compiles against
 * nor reflects into a package the module does not export. And the library's Javadoc builds: no broken
 * reference, tag or HTML (doclint without the "missing comment" group).
 */
class LibraryModuleTest {

    private static final Path MODULE = Path.of("target/classes");
    private static final Path RECORDING = Path.of("src/test/resources/fixtures/netlink/loopback-all-states/recording.bin");

    private static final String CONSUMER = """
            package consumer;

            import dev.portscope.api.PortScope;
            import java.nio.file.Path;

            public class Main {
                public static void main(String[] args) throws Exception {
                    PortScope scope = PortScope.replay(Path.of(args[0]));
                    System.out.println("listeners " + scope.listeners().sockets().size());
                    System.out.println("module " + PortScope.class.getModule().getName());
                    try {
                        Class.forName("dev.portscope.platform.Platforms").getMethod("live").invoke(null);
                        System.out.println("internal package reached");
                    } catch (IllegalAccessException e) {
                        System.out.println("internal package refused");
                    }
                }
            }
            """;

    private static final String TRESPASSER = """
            package consumer;

            import dev.portscope.model.Socket;

            public class Trespasser {
                Socket socket;
            }
            """;

    /** The jars the module reads (Jackson, SnakeYAML; the optional Prometheus and JLine for javadoc), from the test's class path. */
    private static String dependencies() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> p.matches(".*/(jackson|snakeyaml|prometheus|jline)[^/]*\\.jar"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private record ToolRun(int exitCode, String output) {}

    private static ToolRun tool(String name, List<String> args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            int code = ToolProvider.findFirst(name).orElseThrow().run(out, out, args.toArray(String[]::new));
            return new ToolRun(code, bytes.toString(StandardCharsets.UTF_8));
        }
    }

    private static Path consumerSources(Path dir, String trespasser) throws IOException {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("consumer"));
        Files.writeString(src.resolve("module-info.java"), "module consumer { requires dev.portscope; }\n");
        Files.writeString(src.resolve("consumer/Main.java"), CONSUMER);
        if (trespasser != null) {
            Files.writeString(src.resolve("consumer/Trespasser.java"), trespasser);
        }
        return src;
    }

    private static List<String> javac(Path src, Path out) throws IOException {
        // an empty class path: in-process javac would otherwise take the test's, where every package is visible
        Path noClassPath = Files.createDirectories(out.resolveSibling("no-class-path"));
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-classpath", noClassPath.toString(),
                "--module-path", MODULE + File.pathSeparator + dependencies()));
        try (Stream<Path> files = Files.walk(src)) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        return args;
    }

    @Test
    void aModuleUsingTheApiCompilesAndRunsOnTheModulePath(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        ToolRun compiled = tool("javac", javac(consumerSources(dir, null), out));
        assertThat(compiled.exitCode()).as(compiled.output()).isZero();

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String modulePath = String.join(File.pathSeparator, out.toString(), MODULE.toString(), dependencies());
        Process run = new ProcessBuilder(java, "--enable-native-access=dev.portscope", "-p", modulePath, "-m", "consumer/consumer.Main",
                RECORDING.toString()).redirectErrorStream(true).start();
        String output;
        try (var in = run.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).as("the consumer ends").isTrue();
        assertThat(run.exitValue()).as(output).isZero();
        int listeners = PortScope.replay(RECORDING).listeners().sockets().size();
        assertThat(listeners).isPositive();
        assertThat(output.lines()).containsExactly("listeners " + listeners, "module dev.portscope", "internal package refused");
    }

    @Test
    void aModuleCannotCompileAgainstAPackageThatIsNotExported(@TempDir Path dir) throws Exception {
        ToolRun compiled = tool("javac", javac(consumerSources(dir, TRESPASSER), dir.resolve("out")));
        assertThat(compiled.exitCode()).isNotZero();
        assertThat(compiled.output()).contains("package dev.portscope.model is not visible")
                .contains("declared in module dev.portscope, which does not export it");
    }

    @Test
    void theLibrarysJavadocBuildsWithoutErrors(@TempDir Path dir) {
        ToolRun javadoc = tool("javadoc", List.of("-quiet", "-Xdoclint:all,-missing", "-Werror", "-d", dir.toString(),
                "--module-path", dependencies(),
                "--module-source-path", "dev.portscope=src/main/java" + File.pathSeparator + "target/generated-sources/picocli",
                "--module", "dev.portscope"));
        assertThat(javadoc.exitCode()).as(javadoc.output()).isZero();
        assertThat(dir.resolve("dev.portscope/dev/portscope/api/PortScope.html")).exists();
        assertThat(dir.resolve("dev.portscope/dev/portscope/model")).doesNotExist();
    }
}
