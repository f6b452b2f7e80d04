package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portscope.testing.CliRun;
import dev.portscope.testing.Daemon;
import dev.portscope.testing.DaemonRecipes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code portscope probe} against the real programs, each started by the test on a free port of
 * 127.0.0.1: the probes must name the protocol, and the inventory the daemon's pid and program. On a
 * port the kernel hands out (registered to no protocol the probes know), a daemon is on a
 * non-standard port, which is a note and not a mismatch (trust #17): the exit status stays 0.
 * Skipped where a program is not installed.
 */
@Timeout(180)
@Tag("live")
class RealDaemonsProbeTest {

    /**
     * The probe of the daemon's port; the port must be the daemon's own and held by its pid under
     * {@code program}, and its protocol no mismatch but a note on the non-standard port.
     */
    private static JsonNode probe(Daemon daemon, String program) {
        CliRun run = CliRun.run("probe", Integer.toString(daemon.port()), "--timeout", "1000", "--json");
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
        JsonNode probes = run.json().get("probes");
        assertThat(probes).as(run.out()).hasSize(1);
        JsonNode p = probes.get(0);
        assertThat(p.get("port").asInt()).isEqualTo(daemon.port());
        assertThat(p.get("address").asText()).isEqualTo("127.0.0.1");
        List<String> owners = new ArrayList<>();
        p.get("processes").forEach(o -> owners.add(o.get("pid").asLong() + " " + o.get("name").asText()));
        assertThat(owners).as(run.out()).contains(daemon.pid() + " " + program);
        assertThat(p.get("mismatch").isNull()).as(run.out()).isTrue();
        assertThat(p.get("note").asText()).as(run.out()).startsWith(p.get("detected").asText() + " on " + daemon.port())
                .contains("not its usual port").contains("served by " + program);

        CliRun text = CliRun.run("probe", Integer.toString(daemon.port()), "--timeout", "1000");
        assertThat(text.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(text.out()).doesNotContain("Mismatches:", " !").contains("On non-standard ports (not mismatches):");
        return p;
    }

    @Test
    void sshdSpeaksSsh() throws Exception {
        try (Daemon sshd = DaemonRecipes.sshd()) {
            JsonNode p = probe(sshd, "sshd");
            assertThat(p.get("detected").asText()).isEqualTo("ssh");
            assertThat(p.get("evidence").asText()).startsWith("SSH-2.0-OpenSSH_");
        }
    }

    @Test
    void redisServerSpeaksRedis() throws Exception {
        try (Daemon redis = DaemonRecipes.redis()) {
            JsonNode p = probe(redis, "redis-server");
            assertThat(p.get("detected").asText()).isEqualTo("redis");
        }
    }

    @Test
    void memcachedSpeaksMemcached() throws Exception {
        try (Daemon memcached = DaemonRecipes.memcached()) {
            JsonNode p = probe(memcached, "memcached");
            assertThat(p.get("detected").asText()).isEqualTo("memcached");
            assertThat(p.get("evidence").asText()).matches("VERSION \\d+\\.\\d+.*");
        }
    }

    @Test
    void dnsmasqSpeaksDnsOverTcp() throws Exception {
        try (Daemon dnsmasq = DaemonRecipes.dnsmasq()) {
            JsonNode p = probe(dnsmasq, "dnsmasq");
            assertThat(p.get("detected").asText()).isEqualTo("dns");
            assertThat(p.get("evidence").asText()).startsWith("version.bind CH TXT answered NOERROR \"dnsmasq-");
        }
    }

    @Test
    void postgresSpeaksPostgresql() throws Exception {
        try (Daemon postgres = DaemonRecipes.postgres()) {
            JsonNode p = probe(postgres, "postgres");
            assertThat(p.get("detected").asText()).isEqualTo("postgresql");
            assertThat(p.get("evidence").asText()).startsWith("SSLRequest answered");
        }
    }
}
