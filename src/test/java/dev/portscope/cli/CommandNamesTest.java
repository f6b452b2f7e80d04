package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.testing.CliRun;
import dev.portscope.testing.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** A mistyped command is named as one, with the nearest command; {@code help} works; an impossible listing is said to be one. */
class CommandNamesTest {

    @ParameterizedTest
    @CsvSource({"lsiten, listen", "conn, conns", "sumary, summary", "aduit, audit", "wo, who"})
    void aMistypedCommandSuggestsTheNearestOne(String typed, String meant) {
        CliRun run = CliRun.run(typed);
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("portscope: unknown command '" + typed + "' (did you mean '" + meant + "'?)")
                .doesNotContain("filter", "Exception");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aWordFarFromEveryCommandIsAnUnknownCommand() {
        CliRun run = CliRun.run("frobnicate");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("portscope: unknown command 'frobnicate'\n");
    }

    @Test
    void filtersStillStartTheDefaultListing() {
        String recording = Fixtures.path("netlink/loopback-all-states/recording.bin").toString();
        CliRun run = CliRun.run("sport", "=", ":37275", "--replay", recording);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("37275");
    }

    @Test
    void helpPrintsTheCommandsAndHelpOfOneCommandPrintsItsOwn() {
        CliRun root = CliRun.run("help");
        assertThat(root.exitCode()).isZero();
        assertThat(root.out()).contains("Commands:", "listen", "why");
        CliRun who = CliRun.run("help", "who");
        assertThat(who.exitCode()).isZero();
        assertThat(who.out()).startsWith("Usage: portscope who");
    }

    @Test
    void aStateTheListingNeverShowsIsAUsageErrorThatNamesTheRightCommand() {
        String recording = Fixtures.path("netlink/loopback-all-states/recording.bin").toString();
        CliRun run = CliRun.run("state", "established", "--replay", recording);
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("selects no listening socket", "portscope conns state established");
        assertThat(run.out()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--replay /nonexistent all | '--replay' comes before the command 'all'",
        "--json all                | '--json' comes before the command 'all'",
        "--pid 1 all               | '--pid' comes before the command 'all'",
        "-u all                    | '--udp' comes before the command 'all'",
        "-n who 22                 | '--numeric' comes before the command 'who'",
    })
    void optionsBeforeTheCommandAreRefusedNotIgnored(String args, String message) {
        CliRun run = CliRun.run(args.split(" "));
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("portscope: " + message).contains("options and filters go after it");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void editDistanceCountsASwapAsOneEdit() {
        assertThat(Subcommands.editDistance("lsiten", "listen")).isEqualTo(1);
        assertThat(Subcommands.editDistance("who", "who")).isZero();
        assertThat(Subcommands.editDistance("", "all")).isEqualTo(3);
    }
}
