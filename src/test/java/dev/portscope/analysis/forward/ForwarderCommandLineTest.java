package dev.portscope.analysis.forward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.PortForward;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Protocol;
import dev.portscope.query.PortTarget;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ForwarderCommandLineTest {

    private static ProcessInfo process(String name, String... argv) {
        return new ProcessInfo(812, 700, name, List.of(argv), 0, "root", null, null, false);
    }

    @Test
    void dockerProxyAsTheDaemonStartsIt() throws Exception {
        Optional<PortForward> f = ForwarderCommandLine.dockerProxy(process("docker-proxy", "/usr/bin/docker-proxy",
                "-proto", "tcp", "-host-ip", "0.0.0.0", "-host-port", "8080", "-container-ip", "172.17.0.2", "-container-port", "80"));
        assertThat(f).contains(new PortForward(Protocol.TCP, null, 8080, InetAddress.getByName("172.17.0.2"), 80, "docker-proxy (pid 812)"));
    }

    @Test
    void newerDaemonsHandItTheListenerAndGoFlagsTakeEverySpelling() throws Exception {
        PortForward f = ForwarderCommandLine.dockerProxy(process("docker-proxy", "docker-proxy", "--proto=udp", "-host-ip=127.0.0.1",
                "--host-port", "5353", "-container-ip", "fd00::2", "-container-port=53", "-use-listen-fd")).orElseThrow();
        assertThat(f.protocol()).isEqualTo(Protocol.UDP);
        assertThat(f.destination()).isEqualTo("127.0.0.1");
        assertThat(f.port()).isEqualTo(5353);
        assertThat(f.targetText()).isEqualTo("[fd00::2]:53");
    }

    @Test
    void recognisedByItsArgvZeroWhenItsNameIsAnother() {
        assertThat(ForwarderCommandLine.dockerProxy(process("python3", "docker-proxy", "-c", "code", "-host-port", "18080",
                "-container-ip", "192.0.2.2", "-container-port", "80"))).isPresent();
    }

    @Test
    void otherProcessesAndIncompleteCommandLinesForwardNothing() {
        assertThat(ForwarderCommandLine.dockerProxy(process("nginx", "nginx", "-host-port", "80"))).isEmpty();
        assertThat(ForwarderCommandLine.dockerProxy(process("docker-proxy", "docker-proxy", "-host-port", "8080"))).isEmpty();
        assertThat(ForwarderCommandLine.dockerProxy(process("docker-proxy", "docker-proxy", "-proto", "sctp", "-host-port", "8080",
                "-container-ip", "172.17.0.2", "-container-port", "80"))).as("sctp is not listed").isEmpty();
        assertThat(ForwarderCommandLine.dockerProxy(process("docker-proxy", "docker-proxy", "-host-port", "99999",
                "-container-ip", "172.17.0.2", "-container-port", "80"))).isEmpty();
        assertThat(ForwarderCommandLine.dockerProxy(process("docker-proxy", "docker-proxy", "-host-port", "8080",
                "-container-ip", "not-an-ip", "-container-port", "80"))).isEmpty();
        assertThat(ForwarderCommandLine.dockerProxy(process("docker-proxy"))).as("a hidden command line").isEmpty();
    }

    @Test
    void rootlessportIsRecognised() {
        assertThat(ForwarderCommandLine.isRootlessport(process("rootlessport", "/usr/libexec/podman/rootlessport"))).isTrue();
        assertThat(ForwarderCommandLine.isRootlessport(process("conmon", "/usr/bin/conmon"))).isFalse();
    }

    @Test
    void publishedPortsMatchingAPortAskedAbout() throws Exception {
        InetAddress target = InetAddress.getByName("172.17.0.2");
        PortForward any = new PortForward(Protocol.TCP, null, 8080, target, 80, "a");
        PortForward loopback = new PortForward(Protocol.TCP, "127.0.0.1", 8080, target, 80, "b");
        PortForward prefix = new PortForward(Protocol.TCP, "10.0.0.0/8", 8080, target, 80, "c");
        PortForward udp = new PortForward(Protocol.UDP, null, 8080, target, 80, "d");
        PortForward other = new PortForward(Protocol.TCP, null, 9090, target, 80, "e");
        List<PortForward> all = List.of(any, loopback, prefix, udp, other);
        assertThat(PublishedPorts.matching(all, new PortTarget(8080, Optional.empty(), Optional.empty()))).containsExactly(any, loopback, prefix, udp);
        assertThat(PublishedPorts.matching(all, new PortTarget(8080, Optional.of(Protocol.TCP), Optional.of(InetAddress.getByName("192.0.2.7")))))
                .containsExactly(any, prefix);
        assertThat(PublishedPorts.bindCaution(List.of())).isNull();
        assertThat(PublishedPorts.bindCaution(List.of(loopback))).contains("127.0.0.1 to 172.17.0.2:80 (b)").contains("do not stop a bind");
    }
}
