package dev.portscope.platform.linux.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The gate, asked from inside a network namespace the test makes (a child JVM run with
 * {@code ip netns exec}, the main method below), before and after nat chains are added there.
 * The host's own rules are never touched.
 */
@Tag("live")
class NatChainsLiveTest {

    /** Prints what {@link NatChains#exist()} says, in the namespace it runs in. */
    public static void main(String[] args) {
        System.out.println(NatChains.exist().map(String::valueOf).orElse("unknown"));
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s ends", command).isTrue();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.exitValue()).as("%s: %s", command, out).isZero();
        return out;
    }

    private static String gateIn(String namespace) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String out = run(List.of("ip", "netns", "exec", namespace, java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), NatChainsLiveTest.class.getName()));
        return out.lines().reduce((a, b) -> b).orElse("");
    }

    @Test
    void saysNoNatChainUntilNftOrIptablesNftMakesOne() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root for ip netns");
        for (String second : List.of("nft", "iptables-nft")) {
            String ns = "psgate-" + ProcessHandle.current().pid() + "-" + second;
            run(List.of("ip", "netns", "add", ns));
            try {
                assertThat(gateIn(ns)).isEqualTo("false");
                run(List.of("ip", "netns", "exec", ns, "nft", "add", "table", "inet", "f"));
                run(List.of("ip", "netns", "exec", ns, "nft", "add chain inet f input { type filter hook input priority 0; }"));
                assertThat(gateIn(ns)).as("a filter chain is not a nat chain").isEqualTo("false");
                if (second.equals("nft")) {
                    run(List.of("ip", "netns", "exec", ns, "nft", "add", "table", "ip", "t"));
                    run(List.of("ip", "netns", "exec", ns, "nft", "add chain ip t c { type nat hook prerouting priority -100; }"));
                } else {
                    run(List.of("ip", "netns", "exec", ns, "iptables-nft", "-t", "nat", "-A", "PREROUTING",
                            "-p", "tcp", "--dport", "8080", "-j", "DNAT", "--to-destination", "10.0.0.2:80"));
                }
                assertThat(gateIn(ns)).isEqualTo("true");
            } finally {
                run(List.of("ip", "netns", "del", ns));
            }
        }
    }

    @Test
    void unknownRatherThanNoWhenTheKernelRefuses() {
        // In this process: whatever the host holds, the answer is a yes/no as root, never an exception.
        Optional<Boolean> answer = NatChains.exist();
        if ("root".equals(System.getProperty("user.name"))) {
            assertThat(answer).isPresent();
        } else {
            assertThat(answer).isEmpty(); // nfnetlink wants CAP_NET_ADMIN
        }
    }
}
