package dev.portscope.launchers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Windows launchers, checked where no Windows runs them: {@code portscope.cmd}'s structure as
 * cmd.exe reads it (CRLF lines, labels, parentheses), {@code portscope.ps1}'s brackets and
 * functions, and both kept to the shell launcher's logic: the same JVM flags, the same search for a
 * java 25, the same build, start-up cache and exit codes.
 */
class LauncherScriptsTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();

    private static String read(String name) throws IOException {
        return Files.readString(ROOT.resolve(name), StandardCharsets.UTF_8);
    }

    /** The JVM flags the shell launcher passes, from its {@code flags=(…)} arrays and the long-running line. */
    private static Set<String> shellFlags() throws IOException {
        Set<String> flags = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?s)flags=\\((.*?)\\)").matcher(read("portscope"));
        while (m.find()) {
            for (String token : m.group(1).split("\\s+")) {
                if (token.startsWith("-") && !token.contains("$")) {
                    flags.add(token.replace("\"", ""));
                }
            }
        }
        assertThat(flags).contains("-XX:TieredStopAtLevel=1", "-Xmn64m");
        return flags;
    }

    @Test
    void theCmdLauncherHasCrlfLinesAndEveryLabelItJumpsTo() throws IOException {
        String cmd = read("portscope.cmd");
        assertThat(cmd.replace("\r\n", "")).as("cmd.exe needs CRLF line ends (labels fail on LF)").doesNotContain("\n");
        Set<String> labels = new LinkedHashSet<>();
        Matcher defined = Pattern.compile("(?m)^:(\\w+)\\s*$").matcher(cmd);
        while (defined.find()) {
            labels.add(defined.group(1).toLowerCase());
        }
        Matcher jumps = Pattern.compile("(?i)\\b(?:goto|call)\\s+:(\\w+)").matcher(cmd);
        List<String> targets = new ArrayList<>();
        while (jumps.find()) {
            targets.add(jumps.group(1).toLowerCase());
        }
        assertThat(targets).isNotEmpty();
        targets.removeIf(t -> t.equals("eof"));
        assertThat(labels).containsAll(targets);
    }

    /** Parentheses open and close blocks in cmd.exe: outside quotes, unescaped, they must balance, line by line. */
    @Test
    void theCmdLauncherBalancesItsBlocks() throws IOException {
        int depth = 0;
        int lineNumber = 0;
        for (String line : read("portscope.cmd").split("\r\n")) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.regionMatches(true, 0, "rem ", 0, 4) || trimmed.startsWith("::") || trimmed.startsWith("echo")) {
                continue;
            }
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '^') {
                    i++;
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && c == '(' && !line.regionMatches(true, Math.max(0, i - 4), "echo", 0, 4)) {
                    depth++; // echo( prints an empty-safe line: no block
                } else if (!quoted && c == ')') {
                    depth--;
                    assertThat(depth).as("line %d closes a block it did not open: %s", lineNumber, line).isNotNegative();
                }
            }
            assertThat(quoted).as("line %d leaves a quote open: %s", lineNumber, line).isFalse();
        }
        assertThat(depth).as("blocks left open").isZero();
    }

    @Test
    void thePowerShellLauncherBalancesItsBracketsAndDefinesWhatItCalls() throws IOException {
        String ps = read("portscope.ps1");
        StringBuilder code = new StringBuilder();
        for (String line : ps.split("\n")) {
            int hash = line.indexOf('#');
            code.append(hash >= 0 && line.substring(0, hash).chars().filter(c -> c == '\'').count() % 2 == 0
                    && line.substring(0, hash).chars().filter(c -> c == '"').count() % 2 == 0 ? line.substring(0, hash) : line).append('\n');
        }
        List<Character> stack = new ArrayList<>();
        char quote = 0;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '`') {
                    i++;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if ("({[".indexOf(c) >= 0) {
                stack.add(c);
            } else if (")}]".indexOf(c) >= 0) {
                assertThat(stack).as("closing %s at %d", c, i).isNotEmpty();
                char open = stack.removeLast();
                assertThat("({[".indexOf(open)).as("%s closed by %s at %d", open, c, i).isEqualTo(")}]".indexOf(c));
            }
        }
        assertThat(quote).as("an open string").isEqualTo((char) 0);
        assertThat(stack).as("brackets left open").isEmpty();
        Set<String> defined = new LinkedHashSet<>();
        Matcher functions = Pattern.compile("(?m)^function ([A-Z][a-z]+-[A-Za-z0-9]+)").matcher(ps);
        while (functions.find()) {
            defined.add(functions.group(1));
        }
        Matcher calls = Pattern.compile("\\b(Find|Get|Test)-(Java25|JavaFeature|Newer)\\b").matcher(ps);
        while (calls.find()) {
            assertThat(defined).contains(calls.group());
        }
    }

    @Test
    void bothKeepTheShellLaunchersLogic() throws IOException {
        for (String name : List.of("portscope.cmd", "portscope.ps1")) {
            String script = read(name);
            assertThat(script).as(name).contains(shellFlags());
            assertThat(script).as(name + ": finds java in JAVA_HOME and on PATH, version by java.specification.version")
                    .contains("JAVA_HOME", "java.specification.version", "25");
            assertThat(script).as(name + ": remembers the java it found").contains(".java-path");
            assertThat(script).as(name + ": builds on first run and when sources change").contains("-Dmaven.test.skip=true", "package",
                    "src", "main", "pom.xml");
            assertThat(script).as(name + ": the start-up cache").contains("-XX:AOTCacheOutput=", "-XX:AOTCache=", "listen");
            assertThat(script).as(name + ": long-running commands").contains("events", "top", "serve", "PORTSCOPE_MAX_HEAP");
            assertThat(script).as(name + ": exit codes").contains(name.endsWith(".cmd") ? "exit /b 2" : "exit 2")
                    .contains(name.endsWith(".cmd") ? "exit /b 70" : "exit 70");
        }
        assertThat(read("portscope")).contains("exit 2").contains("exit 70");
    }
}
