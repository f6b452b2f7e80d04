package dev.portscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.cli.CliEnvironment;
import dev.portscope.testing.CliRun;
import dev.portscope.testing.Fixtures;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The platform seam, proved end to end: a platform whose sockets carry no inode and whose owners come
 * with the sockets runs listen, who, audit and summary through the same commands as Linux.
 */
class ScriptedPlatformTest {

    private static final CliEnvironment ENV = new CliEnvironment(Map.of(), false, 0,
            new ScriptedPlatform(Fixtures.path("scripted/web-host.txt")), Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));

    @Test
    void listenShowsEachListenerWithTheOwnersTheScriptGave() {
        CliRun run = CliRun.run(ENV, "listen");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).anySatisfy(l -> assertThat(l).contains("0.0.0.0", "80", "101,102", "nginx", "www-data"));
        assertThat(run.out().lines()).anySatisfy(l -> assertThat(l).contains("127.0.0.1", "5432", "202", "postgres"));
        assertThat(run.out().lines()).anySatisfy(l -> assertThat(l).contains("udp", "5353", "-"));
    }

    @Test
    void listenJsonNamesTheHostAndHasNoInodes() {
        CliRun run = CliRun.run(ENV, "listen", "--json");
        var sockets = run.json().get("sockets");
        assertThat(sockets).isNotEmpty();
        sockets.forEach(s -> assertThat(s.get("inode").isNull()).as("no inode on this platform: %s", s).isTrue());
        assertThat(run.out()).contains("\"nginx\"");
    }

    @Test
    void whoFindsTheListenerItsConnectionsAndTheirOwners() {
        CliRun run = CliRun.run(ENV, "who", "5432");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Listening:", "postgres (pid 202", "127.0.0.1:5432 -> 127.0.0.1:40000",
                "127.0.0.1:40000 -> 127.0.0.1:5432", "nginx (pid 102)");
    }

    @Test
    void auditFlagsTheCacheExposedOnEveryInterfaceWithItsProgram() {
        CliRun run = CliRun.run(ENV, "audit", "--json");
        assertThat(run.out()).contains("6379", "redis-server");
        assertThat(run.exitCode()).as(run.out() + run.err()).isNotZero();
    }

    @Test
    void summaryCountsStatesAndTheProcessesHoldingMostSockets() {
        CliRun run = CliRun.run(ENV, "summary", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        var json = run.json();
        assertThat(json.get("total").asInt()).isEqualTo(8);
        assertThat(json.at("/protocols/tcp/states/CLOSE_WAIT").asInt()).isEqualTo(1);
        assertThat(json.get("unowned").asInt()).isEqualTo(1);
        assertThat(json.get("topProcesses").toString()).contains("nginx");
    }

    @Test
    void closeShowsTheConnectionsWithTheirOwnersAndSaysThisPlatformCannotCloseThem() {
        CliRun dryRun = CliRun.run(ENV, "close", "sport", "=", ":5432", "--dry-run");
        assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
        assertThat(dryRun.out()).contains("Will close", "127.0.0.1:5432", "postgres", "Left out 1 listener", "Dry run: nothing was closed.");
        CliRun run = CliRun.run(ENV, "close", "sport", "=", ":5432", "--yes");
        assertThat(run.out()).contains("not closed: cannot close connections here: a scripted platform cannot close sockets");
        assertThat(run.exitCode()).isEqualTo(1);
    }
}
