package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portscope.testing.CliRun;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code why --as-user U --try} asks the kernel as U: an SO_REUSEPORT group admits new members of
 * its own uid only (net/ipv4/inet_connection_sock.c, sk_reuseport_match), so root may join the
 * test's group while nobody may not.
 */
@Timeout(90)
class WhyAsUserLiveTest {

    @Test
    void theTrialRunsWithTheCredentialsOfTheUserAskedAbout() throws Exception {
        assumeTrue("0".equals(new com.sun.security.auth.module.UnixSystem().getUid() + ""), "needs root to switch users");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs util-linux's setpriv (installed by .ci/run)");
        try (ServerSocketChannel group = ServerSocketChannel.open()) {
            group.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            group.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) group.getLocalAddress()).getPort();

            CliRun asRoot = CliRun.run("why", Integer.toString(port), "--addr", "127.0.0.1", "--reuse", "port", "--try", "--json");
            assertThat(asRoot.json().at("/trial/succeeded").asBoolean()).as(asRoot.out()).isTrue();

            CliRun asNobody = CliRun.run("why", Integer.toString(port), "--addr", "127.0.0.1", "--reuse", "port", "--as-user", "nobody",
                    "--try", "--json");
            assertThat(asNobody.json().at("/trial/succeeded").asBoolean()).as(asNobody.out() + asNobody.err()).isFalse();
            assertThat(asNobody.json().at("/trial/error").asText()).startsWith("EADDRINUSE");
            assertThat(asNobody.json().get("verdict").asText()).isEqualTo("blocked");
            assertThat(asNobody.exitCode()).isEqualTo(1);
        }
    }
}
