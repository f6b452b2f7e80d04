package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import dev.portscope.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The shared options exist twice: annotated (mixins of the lazily registered commands) and built with
 * picocli's programmatic API (the listings). Both must describe the same options.
 */
class ListingSpecTest {

    record Form(String name, Object annotated, java.util.function.Consumer<CommandSpec> programmatic) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Form> forms() {
        return Stream.of(
                new Form("selection", new SelectionOptions(), SelectionOptions::addTo),
                new Form("output", new OutputOptions(), OutputOptions::addTo),
                new Form("json", new JsonOption(), JsonOption::addTo),
                new Form("numeric", new NumericOption(), NumericOption::addTo),
                new Form("source", new SourceOptions(), SourceOptions::addTo),
                new Form("filter", new FilterOptions(), FilterOptions::addTo));
    }

    @ParameterizedTest
    @MethodSource("forms")
    void programmaticOptionsAreTheAnnotatedOnes(Form form) {
        CommandSpec annotated = CommandSpec.forAnnotatedObject(form.annotated());
        CommandSpec built = CommandSpec.create();
        form.programmatic().accept(built);
        assertThat(describe(built)).isEqualTo(describe(annotated)).isNotEmpty();
    }

    @Test
    void standardHelpOptionsAreThePicocliOnes() {
        CommandSpec mixin = CommandSpec.create().mixinStandardHelpOptions(true);
        CommandSpec built = CommandSpec.create();
        ListingCommand.addStandardHelpOptions(built);
        assertThat(describe(built)).isEqualTo(describe(mixin)).hasSize(2);
    }

    @Test
    void stateOptionOfConnsParsesLikeTheOthers() {
        CommandLine conns = new CommandLine(new ConnsCommand(CliRun.liveEnvironment(java.util.Map.of())).spec());
        var parsed = conns.parseArgs("--state", "established,close-wait", "--state", "time-wait", "-tn", "sport", "=", ":22");
        assertThat(parsed.matchedOptionValue("--state", List.of())).isEqualTo(List.of("established", "close-wait", "time-wait"));
        assertThat(SelectionOptions.from(parsed).tcp).isTrue();
        assertThat(SelectionOptions.from(parsed).udp).isFalse();
        assertThat(OutputOptions.from(parsed).numeric.requested()).isTrue();
        assertThat(FilterOptions.from(parsed).expression).containsExactly("sport", "=", ":22");
        assertThat(SourceOptions.from(parsed).backend).isEqualTo("auto");
    }

    /** What a user can observe of each option: names, arity, types, labels (of options that take a value), text, candidates. */
    private static List<String> describe(CommandSpec spec) {
        List<String> lines = new ArrayList<>();
        for (ArgSpec arg : spec.args()) {
            String names = arg instanceof OptionSpec o ? String.join(",", o.names()) : "positional " + arg.paramLabel();
            List<String> candidates = new ArrayList<>();
            if (arg.completionCandidates() != null) {
                arg.completionCandidates().forEach(candidates::add);
            }
            String flags = arg instanceof OptionSpec o ? " usageHelp=" + o.usageHelp() + " versionHelp=" + o.versionHelp() : "";
            lines.add(names + " arity=" + arg.arity() + " type=" + arg.type().getName()
                    + " aux=" + Arrays.toString(arg.auxiliaryTypes()) + " label=" + (arg.arity().max() > 0 ? arg.paramLabel() : "none (no parameter)") + " split=" + arg.splitRegex()
                    + " required=" + arg.required() + " hidden=" + arg.hidden() + flags
                    + " description=" + Arrays.toString(arg.description()) + " candidates=" + candidates);
        }
        lines.sort(null);
        return lines;
    }
}
