package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.testing.CliRun;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Each command's man page lists every option its {@code --help} lists, and its arguments and commands. */
class ManPageTest {

    /** An option at the start of a help line: {@code   -t, --tcp}, or a long-only {@code       --json}. */
    private static final Pattern SHORT_OPTION = Pattern.compile("^ {2}(-[^-\\s,=])(?:, (--[^\\s=,\\[]+))?");
    private static final Pattern LONG_OPTION = Pattern.compile("^ {6}(--[^\\s=,\\[]+)");

    static Stream<String> commands() {
        CommandLine root = CommandModel.full(CliEnvironment.fromSystem());
        List<String> names = new ArrayList<>(List.of(""));
        root.getSubcommands().keySet().stream().filter(name -> !name.equals("help")).forEach(names::add);
        return names.stream();
    }

    @ParameterizedTest
    @MethodSource("commands")
    void listsEveryOptionOfTheHelp(String command) {
        CliRun help = command.isEmpty() ? CliRun.run("--help") : CliRun.run(command, "--help");
        assertThat(help.exitCode()).as(help.err()).isZero();
        Set<String> helpOptions = optionsOf(help.out());
        assertThat(helpOptions).as("options in the help of '%s'", command).contains("--help", "--version");

        String page = plain(ManPage.write(commandLine(command), "test"));
        String options = page.substring(page.indexOf("\n.SH OPTIONS\n"));
        Set<String> pageOptions = new LinkedHashSet<>();
        Matcher names = Pattern.compile("(?m)^.TP\\n(.*)$").matcher(options);
        while (names.find()) {
            for (String name : names.group(1).split("=")[0].split(", ")) {
                pageOptions.add(name.strip());
            }
        }
        assertThat(pageOptions).as("options in the man page of '%s'", command).containsAll(helpOptions);
        assertThat(page).startsWith(".TH \"PORTSCOPE").contains("\n.SH NAME\n", "\n.SH SYNOPSIS\n", "\n.SH DESCRIPTION\n");
    }

    @Test
    void theRootPageNamesEveryCommandAndItsPage() {
        CommandLine root = CommandModel.full(CliEnvironment.fromSystem());
        assertThat(root.getSubcommands()).containsKeys("listen", "conns", "who", "why", "kill", "serve");
        String page = plain(ManPage.write(root, "test"));
        for (String name : root.getSubcommands().keySet()) {
            if (!name.equals("help")) {
                assertThat(page).contains(".TP\n" + name + "\n").contains("portscope-" + name + "(1)");
            }
        }
        assertThat(page).contains("Exit codes: 0 complete answer");
    }

    @Test
    void textThatLooksLikeTroffIsEscaped() {
        assertThat(ManPage.escape(".TH x\n'quote\\back-slash")).isEqualTo("\\&.TH x\n\\&'quote\\eback\\-slash");
    }

    private static CommandLine commandLine(String command) {
        CommandLine root = CommandModel.full(CliEnvironment.fromSystem());
        return command.isEmpty() ? root : root.getSubcommands().get(command);
    }

    private static Set<String> optionsOf(String help) {
        Set<String> options = new LinkedHashSet<>();
        for (String line : help.lines().toList()) {
            Matcher shortName = SHORT_OPTION.matcher(line);
            Matcher longName = LONG_OPTION.matcher(line);
            if (shortName.find()) {
                options.add(shortName.group(1));
                if (shortName.group(2) != null) {
                    options.add(shortName.group(2));
                }
            } else if (longName.find()) {
                options.add(longName.group(1));
            }
        }
        return options;
    }

    /** The page with its font changes and escapes taken out, as text to search. */
    private static String plain(String troff) {
        return troff.replaceAll("\\\\f[BIRP]", "").replace("\\-", "-").replace("\\&", "").replace("\\e", "\\");
    }
}
