package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.testing.CliRun;
import dev.portscope.testing.Fixtures;
import dev.portscope.testing.LoopbackSockets;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** top when standard output is not a terminal (a table per refresh), and its usage errors. */
class TopCommandTest {

    private static List<String> linesStarting(String out, String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix)).toList();
    }

    @Test
    @Tag("live")
    @Timeout(60)
    void pipedItPrintsOneTablePerRefreshWithASeparatorLine() throws Exception {
        try (LoopbackSockets sockets = new LoopbackSockets()) {
            ServerSocketChannel server = sockets.listen("127.0.0.1");
            int port = LoopbackSockets.port(server);
            CliRun run = CliRun.run("top", "--count", "2", "--interval", "0.2", "sport = :" + port);
            assertThat(run.exitCode()).as(run.err()).isIn(ExitCodes.OK, ExitCodes.PARTIAL);
            assertThat(linesStarting(run.out(), "--- refresh ")).hasSize(2)
                    .allSatisfy(l -> assertThat(l).matches("--- refresh \\d at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC: \\+\\d+ opened  -\\d+ closed"
                            + "  ~\\d+ changed \\(short connections (caught|missed)\\); filter: sport = :" + port + " ---"));
            assertThat(linesStarting(run.out(), "PROTO ")).hasSize(2);
            assertThat(run.out().lines().filter(l -> l.contains("127.0.0.1:" + port) && l.contains("LISTEN"))).hasSize(2);
            assertThat(run.out()).doesNotContain("\u001b");
        }
    }

    @Test
    @Timeout(60)
    void aReplayShowsTheSameTableEachRefreshWithNothingChanged() {
        String recording = Fixtures.path("netlink/loopback-all-states/recording.bin").toString();
        CliRun run = CliRun.run("top", "--replay", recording, "--count", "2", "--interval", "100ms", "--view", "listeners");
        assertThat(run.exitCode()).as(run.err()).isIn(ExitCodes.OK, ExitCodes.PARTIAL);
        List<String> separators = linesStarting(run.out(), "--- refresh ");
        assertThat(separators).hasSize(2);
        assertThat(separators.get(1)).contains("+0 opened  -0 closed  ~0 changed");
        String[] tables = run.out().split("--- refresh .*\n");
        assertThat(tables).hasSize(3);
        assertThat(tables[1].strip()).isEqualTo(tables[2].strip()).startsWith("PROTO  ADDRESS").contains("tcp    127.0.0.1  37275");
    }

    @Test
    void usageErrorsAreOneLineAndExitTwo() {
        assertUsage(new String[] {"top", "--interval", "0.05"}, "portscope: --interval must be from 0.1 s to 1 h, not '0.05'");
        assertUsage(new String[] {"top", "--interval", "1e3"}, "portscope: --interval must be seconds (2, 0.5, 0.5s) or milliseconds (500ms), not '1e3'");
        assertUsage(new String[] {"top", "--count", "0"}, "portscope: --count must be from 1 to 1000000, not 0");
        assertUsage(new String[] {"top", "--view", "sockets"}, "portscope: --view: expected all, listeners or connections, not 'sockets'");
        assertUsage(new String[] {"top", "dport", "="}, "portscope: filter:1:8: expected a port after 'dport =' but found the end of the filter");
    }

    @Test
    void intervalsReadAsSecondsOrMilliseconds() {
        assertThat(TopCommand.interval("2")).hasSeconds(2);
        assertThat(TopCommand.interval("0.5s")).hasMillis(500);
        assertThat(TopCommand.interval("0.5")).hasMillis(500);
        assertThat(TopCommand.interval("250ms")).hasMillis(250);
        assertThat(TopCommand.interval("3600")).hasHours(1);
    }

    private static void assertUsage(String[] args, String message) {
        CliRun run = CliRun.run(args);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().strip()).isEqualTo(message);
        assertThat(run.out()).isEmpty();
    }
}
