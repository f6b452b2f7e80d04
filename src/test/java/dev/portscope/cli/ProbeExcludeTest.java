package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portscope.analysis.probe.ProbeServers;
import dev.portscope.testing.CliRun;
import dev.portscope.testing.NetNamespace;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The guard of the probes: a listener the test opens but does not name, or names and excludes,
 * receives no connection while {@code probe} or {@code audit --probe} runs. Each such listener
 * never accepts during the run; afterwards an accept with a timeout finds its queue empty (a
 * connect that was made and closed again would still wait there).
 */
@Tag("live")
class ProbeExcludeTest {

    /** Connections waiting for {@code server}, taken until none comes within 300 ms. */
    private static int connectionsTo(ServerSocket server) throws IOException {
        server.setSoTimeout(300);
        int n = 0;
        while (true) {
            try {
                server.accept().close();
                n++;
            } catch (SocketTimeoutException none) {
                return n;
            }
        }
    }

    private static List<Integer> probedPorts(JsonNode probe) {
        List<Integer> ports = new ArrayList<>();
        probe.get("probes").forEach(p -> ports.add(p.get("port").asInt()));
        return ports;
    }

    @Test
    void aListenerNotNamedOrExcludedGetsNoConnection() throws Exception {
        try (var servers = new ProbeServers();
                ServerSocket unnamed = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
                ServerSocket excluded = new ServerSocket(0, 16, InetAddress.getLoopbackAddress())) {
            int http = servers.http().getPort();
            CliRun named = CliRun.run("probe", Integer.toString(http), "--timeout", "300", "--json");
            assertThat(probedPorts(named.json())).as(named.err()).containsExactly(http);

            CliRun run = CliRun.run("probe", Integer.toString(http), Integer.toString(excluded.getLocalPort()), "--timeout", "300", "--json",
                    "--exclude", Integer.toString(excluded.getLocalPort()));
            assertThat(probedPorts(run.json())).as(run.err()).containsExactly(http);
            assertThat(run.json().get("probes").get(0).get("detected").asText()).isEqualTo("http");
            assertThat(run.err()).contains("portscope: not probed (--exclude): " + excluded.getLocalPort() + "/tcp")
                    .doesNotContain("nothing listens");

            assertThat(connectionsTo(unnamed)).as("connections to the listener no probe named").isZero();
            assertThat(connectionsTo(excluded)).as("connections to the excluded listener").isZero();
        }
    }

    /**
     * Without a port list, probe and audit --probe connect to every listener: so in a namespace of the
     * test's own, where a listener on 2024 is excluded. The last run, without --exclude, shows that the
     * count does see a probe's connections.
     */
    @Test
    @Timeout(240)
    void probeAndAuditProbeLeaveAnExcludedListenerAlone() throws Exception {
        NetNamespace.Run ns = new NetNamespace().quiet(2024).quiet(6005).http(8080)
                .portscope("probe", "--exclude", "2024,6000-6010", "--timeout", "300", "--json")
                .portscope("audit", "--probe", "--exclude", "2024,6000-6010", "--probe-timeout", "300", "--json")
                .portscope("probe", "--timeout", "300", "--json")
                .run();
        NetNamespace.Result probe = ns.results().get(0);
        assertThat(probedPorts(probe.json())).as(probe.err()).containsExactly(8080);
        assertThat(probe.err()).contains("portscope: not probed (--exclude): 2024/tcp, 6005/tcp");
        assertThat(probe.connectionsTo(2024)).isZero();
        assertThat(probe.connectionsTo(6005)).isZero();

        NetNamespace.Result audit = ns.results().get(1);
        assertThat(audit.exitCode()).as(audit.err()).isIn(ExitCodes.OK, ExitCodes.WARNING);
        assertThat(audit.err()).contains("portscope: not probed (--exclude): 2024/tcp, 6005/tcp");
        assertThat(audit.connectionsTo(2024)).isZero();
        assertThat(audit.connectionsTo(6005)).isZero();

        NetNamespace.Result control = ns.results().get(2);
        assertThat(probedPorts(control.json())).containsExactly(2024, 6005, 8080);
        assertThat(control.connectionsTo(2024)).as("a probe's connections are counted").isPositive();
    }
}
