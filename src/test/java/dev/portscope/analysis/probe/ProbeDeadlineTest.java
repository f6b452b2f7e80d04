package dev.portscope.analysis.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.portscope.services.ServiceTable;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * hardening #16: a server that trickles a byte every 0.3 s kept a probe going for minutes, as each
 * read got its byte before its timeout. Every probe of a port now ends by one deadline, and every
 * command's probes by another. The servers are this test's own, on loopback.
 */
class ProbeDeadlineTest {

    private static final ProbeBounds BOUNDS = ProbeBounds.of(Duration.ofMillis(500)); // longer than the trickle's 0.3 s
    /** Scheduling on a loaded machine, and closing what the deadline cut. */
    private static final Duration MARGIN = Duration.ofMillis(700);
    /** Before the fix a trickle took minutes: fail, do not hang. */
    private static final Duration HANG = Duration.ofSeconds(60);

    private record Timed<T>(T value, Duration elapsed) {}

    private static <T> Timed<T> timed(Callable<T> task) {
        return assertTimeoutPreemptively(HANG, () -> {
            long start = System.nanoTime();
            T value = task.call();
            return new Timed<>(value, Duration.ofNanos(System.nanoTime() - start));
        });
    }

    @Test
    void theBoundsOfTheDefaultWait() {
        ProbeBounds defaults = ProbeBounds.of(Duration.ofSeconds(1));
        assertThat(defaults.perPort()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.total()).isEqualTo(Duration.ofSeconds(30));
        assertThat(ProbeBounds.of(Duration.ofSeconds(10)).total()).as("two ports' worth when longer").isEqualTo(Duration.ofSeconds(100));
        assertThat(BOUNDS.perPort()).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void aTricklingServerIsTimedOutWithinTheBoundOfAPort() throws Exception {
        try (var servers = new ProbeServers()) {
            InetSocketAddress trickle = servers.trickle();
            Timed<Detection> d = timed(() -> new ProtocolProber(BOUNDS).detect(trickle));
            assertThat(d.elapsed()).isLessThan(BOUNDS.perPort().plus(MARGIN));
            assertThat(d.value().protocol()).isEqualTo(ProtocolKind.UNKNOWN);
            assertThat(d.value().timedOut()).as(d.value().evidence()).isTrue();
            assertThat(d.value().evidence()).startsWith("timed out after ").contains("unrecognised banner: x");
        }
    }

    @Test
    void aSilentServerAndAnEndlessBannerAreUnknownWithinTheBoundOfAPort() throws Exception {
        try (var servers = new ProbeServers()) {
            for (InetSocketAddress server : List.of(servers.mute(), servers.neverAccepts(), servers.endlessBanner())) {
                Timed<Detection> d = timed(() -> new ProtocolProber(BOUNDS).detect(server));
                assertThat(d.elapsed()).as(d.value().evidence()).isLessThan(BOUNDS.perPort().plus(MARGIN));
                assertThat(d.value().protocol()).isEqualTo(ProtocolKind.UNKNOWN);
            }
        }
    }

    /** The total deadline: one port at a time, three trickles, 2 s in all: one cut by its own bound, one by the total, one never started. */
    @Test
    void portsNotFinishedByTheTotalDeadlineAreReportedAsTimedOut() throws Exception {
        ProbeBounds bounds = new ProbeBounds(Duration.ofMillis(500), Duration.ofMillis(1500), Duration.ofMillis(2000));
        try (var servers = new ProbeServers()) {
            List<ProbeTarget> targets = List.of(new ProbeTarget(servers.trickle(), List.of()), new ProbeTarget(servers.trickle(), List.of()),
                    new ProbeTarget(servers.trickle(), List.of()));
            Timed<List<ProbeResult>> results = timed(() -> new ProbeRunner(bounds, 1, ServiceTable.embedded()).probe(targets));
            assertThat(results.elapsed()).isLessThan(bounds.total().plus(MARGIN));
            assertThat(results.value()).extracting(r -> r.target().address()).containsExactlyElementsOf(targets.stream().map(ProbeTarget::address).toList());
            assertThat(results.value()).allSatisfy(r -> {
                assertThat(r.detection().timedOut()).isTrue();
                assertThat(r.detection().protocol()).isEqualTo(ProtocolKind.UNKNOWN);
                assertThat(r.mismatch()).isEmpty();
            });
            assertThat(results.value().get(2).detection().evidence()).isEqualTo("not probed: the probes' 2000 ms in all were up");
            assertThat(ProbeTimeouts.of(results.value()).orElseThrow().message()).startsWith("probes of 3 ports timed out, so what they speak is unknown: 127.0.0.1:");
        }
    }
}
