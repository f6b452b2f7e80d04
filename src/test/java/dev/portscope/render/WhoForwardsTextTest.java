package dev.portscope.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.analysis.forward.Forwarding;
import dev.portscope.analysis.who.Holding;
import dev.portscope.analysis.who.HoldingRole;
import dev.portscope.analysis.who.PortReport;
import dev.portscope.model.Container;
import dev.portscope.model.Endpoint;
import dev.portscope.model.IpFamily;
import dev.portscope.model.PortForward;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.ProcessOrigin;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import dev.portscope.query.PortTarget;
import dev.portscope.services.ServiceTable;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** who's text for a forwarded port: the proxy, then where it leads; NAT rules; rootlessport. */
class WhoForwardsTextTest {

    private static final ListingContext CONTEXT = new ListingContext(ServiceTable.embedded(), uid -> "root", true, true, false);
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    private static Socket listener(String address, int port) throws Exception {
        return new Socket(Protocol.TCP, IpFamily.IPV4, new Endpoint(InetAddress.getByName(address), port),
                new Endpoint(InetAddress.getByName("0.0.0.0"), 0), SocketState.LISTEN, 0, 1, 0, 128, null, null);
    }

    private static ProcessInfo process(int pid, String name, String... argv) {
        return new ProcessInfo(pid, 1, name, List.of(argv), 0, "root", NOW.minusSeconds(60));
    }

    private static String write(PortReport report, Map<Integer, ProcessOrigin> origins, Map<Integer, Forwarding> proxies, List<Forwarding> published) {
        StringWriter text = new StringWriter();
        new WhoTextWriter(new PrintWriter(text), CONTEXT, origins, NOW, proxies, published).write(report);
        return text.toString();
    }

    @Test
    void aProxyIsFollowedToTheContainersListener() throws Exception {
        ProcessInfo proxy = process(812, "docker-proxy", "/usr/bin/docker-proxy", "-proto", "tcp", "-host-port", "8080");
        ProcessInfo nginx = process(4242, "nginx", "nginx", "-g", "daemon off;");
        PortForward forward = new PortForward(Protocol.TCP, null, 8080, InetAddress.getByName("172.17.0.2"), 80, "docker-proxy (pid 812)");
        Forwarding to = new Forwarding(forward, "4026532301", List.of(new Forwarding.Target(listener("0.0.0.0", 80), List.of(nginx))));
        PortReport report = new PortReport(new PortTarget(8080, Optional.empty(), Optional.empty()),
                List.of(new Holding(HoldingRole.LISTENER, listener("0.0.0.0", 8080), List.of(proxy))));
        String text = write(report, Map.of(4242, new ProcessOrigin(null, false, new Container("docker", "a".repeat(64), "web", null))),
                Map.of(812, to), List.of());
        assertThat(text).contains("""
                        forwards to 172.17.0.2:80 (tcp)
                          in network namespace 4026532301:
                            tcp  0.0.0.0:80  LISTEN
                              nginx (pid 4242, parent 1), user root, up 1m 00s (since 2026-11-28 11:59:00 UTC)
                                container: web (docker)
                                command: nginx -g 'daemon off;'
                """);
    }

    @Test
    void aPortPublishedByNatAloneAndATargetNoNamespaceHolds() throws Exception {
        PortForward rule = new PortForward(Protocol.TCP, null, 8081, InetAddress.getByName("10.88.0.5"), 80, "iptables-nft nat DOCKER");
        PortForward empty = new PortForward(Protocol.TCP, "127.0.0.1", 8081, InetAddress.getByName("172.17.0.9"), 0, "nftables ip nat DOCKER");
        String text = write(new PortReport(new PortTarget(8081, Optional.empty(), Optional.empty()), List.of()), Map.of(), Map.of(),
                List.of(new Forwarding(rule, null, List.of()), new Forwarding(empty, "4026532400", List.of())));
        assertThat(text).startsWith("Port 8081 is published by NAT rules on this machine")
                .contains("  tcp  *:8081 -> 10.88.0.5:80  (iptables-nft nat DOCKER)\n"
                        + "      no network namespace on this machine owns 10.88.0.5")
                .contains("  tcp  127.0.0.1:8081 -> 172.17.0.9:8081  (nftables ip nat DOCKER)\n"
                        + "      in network namespace 4026532400, where nothing listens on tcp port 8081");
    }

    @Test
    void rootlessportSaysItsMappingCannotBeRead() throws Exception {
        ProcessInfo rootlessport = process(900, "rootlessport", "rootlessport");
        PortReport report = new PortReport(new PortTarget(8080, Optional.empty(), Optional.empty()),
                List.of(new Holding(HoldingRole.LISTENER, listener("0.0.0.0", 8080), List.of(rootlessport))));
        assertThat(write(report, Map.of(), Map.of(), List.of())).contains("Podman's rootless port forwarder: its mapping was handed to it on a pipe");
    }
}
