package dev.portscope.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A man page in troff ({@code man(7)} macros) written from a command's picocli model, the one its
 * {@code --help} is written from, so that the manual and the help cannot drift apart: the root
 * command's page is {@code portscope(1)}, each subcommand's {@code portscope-<name>(1)}.
 */
final class ManPage {

    private ManPage() {}

    /** The file name of {@code command}'s page: {@code portscope.1}, {@code portscope-who.1}. */
    static String fileName(CommandLine command) {
        return pageName(command) + ".1";
    }

    static String pageName(CommandLine command) {
        return command.getParent() == null ? command.getCommandName()
                : command.getParent().getCommandName() + "-" + command.getCommandName();
    }

    /** {@code command}'s page; {@code date} and {@code version} go in its footer. */
    static String write(CommandLine command, String version) {
        CommandSpec spec = command.getCommandSpec();
        StringBuilder page = new StringBuilder();
        String name = pageName(command);
        page.append(".TH \"").append(name.toUpperCase(Locale.ROOT)).append("\" \"1\" \"\" \"portscope ")
                .append(escape(version)).append("\" \"portscope manual\"\n");
        page.append(".SH NAME\n").append(escape(name)).append(" \\- ").append(escape(firstSentence(spec))).append('\n');

        page.append(".SH SYNOPSIS\n.nf\n");
        String synopsis = new Help(spec, Help.defaultColorScheme(Help.Ansi.OFF)).synopsis(0).stripTrailing();
        synopsis.lines().forEach(line -> page.append(escape(line)).append('\n'));
        page.append(".fi\n");

        page.append(".SH DESCRIPTION\n");
        paragraphs(page, List.of(spec.usageMessage().description()));

        List<PositionalParamSpec> positionals = spec.positionalParameters().stream().filter(p -> !p.hidden()).toList();
        if (!positionals.isEmpty()) {
            page.append(".SH ARGUMENTS\n");
            for (PositionalParamSpec p : positionals) {
                page.append(".TP\n\\fI").append(escape(p.paramLabel())).append("\\fR\n");
                lines(page, List.of(p.description()));
            }
        }

        page.append(".SH OPTIONS\n");
        for (OptionSpec option : sortedOptions(spec)) {
            page.append(".TP\n").append(optionNames(option)).append('\n');
            lines(page, List.of(option.description()));
        }

        if (!command.getSubcommands().isEmpty()) {
            page.append(".SH COMMANDS\n");
            command.getSubcommands().forEach((sub, line) -> {
                if (line.getCommandSpec().usageMessage().hidden() || sub.equals("help")) {
                    return;
                }
                page.append(".TP\n\\fB").append(escape(sub)).append("\\fR\n");
                String summary = firstSentence(line.getCommandSpec());
                page.append(escape(summary)).append(summary.matches(".*[.?!]$") ? "" : ".").append(" See \\fB")
                        .append(escape(pageName(line))).append("\\fR(1).\n");
            });
        }

        List<String> footer = new ArrayList<>(List.of(spec.usageMessage().footer()));
        footer.removeIf(String::isBlank);
        if (!footer.isEmpty()) {
            page.append(".SH NOTES\n");
            paragraphs(page, footer);
        }

        page.append(".SH SEE ALSO\n");
        if (command.getParent() == null) {
            List<String> pages = new ArrayList<>();
            command.getSubcommands().forEach((sub, line) -> {
                if (!sub.equals("help")) {
                    pages.add("\\fB" + escape(pageName(line)) + "\\fR(1)");
                }
            });
            page.append(String.join(",\n", pages)).append('\n');
        } else {
            page.append("\\fB").append(escape(command.getParent().getCommandName())).append("\\fR(1)\n");
        }
        return page.toString();
    }

    /** The options as {@code --help} lists them: visible ones, ordered by their shortest name. */
    static List<OptionSpec> sortedOptions(CommandSpec spec) {
        return spec.options().stream().filter(o -> !o.hidden())
                .sorted(java.util.Comparator.comparing(o -> o.shortestName().replaceFirst("^-+", "").toLowerCase(Locale.ROOT)))
                .toList();
    }

    private static String optionNames(OptionSpec option) {
        List<String> names = new ArrayList<>();
        for (String n : option.names()) {
            names.add("\\fB" + escape(n) + "\\fR");
        }
        String text = String.join(", ", names);
        if (option.arity().max() > 0) {
            text += "=\\fI" + escape(option.paramLabel()) + "\\fR";
        }
        return text;
    }

    private static String firstSentence(CommandSpec spec) {
        String[] description = spec.usageMessage().description();
        String first = description.length == 0 ? spec.name() : description[0];
        int end = first.indexOf(": ");
        return end > 0 && end < 60 ? first.substring(0, end) : first;
    }

    /** picocli's descriptions are format strings: {@code %n} is a line break, {@code %%} a percent sign. */
    private static String unformat(String text) {
        return text.replace("%n", "\n").replace("%%", "%");
    }

    private static void paragraphs(StringBuilder page, List<String> texts) {
        boolean first = true;
        for (String raw : texts) {
            String text = unformat(raw);
            if (!first) {
                page.append(".PP\n");
            }
            page.append(escape(text)).append('\n');
            first = false;
        }
    }

    private static void lines(StringBuilder page, List<String> texts) {
        for (String text : texts) {
            page.append(escape(unformat(text))).append('\n');
        }
    }

    /**
     * Text safe in troff: backslashes written as {@code \e}, hyphens as {@code \-} (so they copy as
     * ASCII hyphens), and a line that would start with a control character ({@code .} or {@code '})
     * guarded by {@code \&}.
     */
    static String escape(String text) {
        String escaped = text.replace("\\", "\\e").replace("-", "\\-");
        StringBuilder out = new StringBuilder();
        for (String line : escaped.split("\n", -1)) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            if (line.startsWith(".") || line.startsWith("'")) {
                out.append("\\&");
            }
            out.append(line);
        }
        return out.toString();
    }
}
