package dev.portscope.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portscope.model.PortForward;
import dev.portscope.model.Protocol;
import dev.portscope.testing.Fixtures;
import java.net.InetAddress;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The DNAT rules of iptables-save and nft -j, captured from rules made as Docker, netavark and people make them. */
class NatParsersTest {

    private static String text(String fixture) throws Exception {
        return Files.readString(Fixtures.path("nat/" + fixture));
    }

    private static String row(PortForward f) {
        return f.protocol().label() + " " + (f.destination() == null ? "*" : f.destination()) + ":" + f.port() + " -> " + f.targetText() + " by " + f.by();
    }

    @Test
    void dockersIptablesRulesNftFlavour() throws Exception {
        List<PortForward> rules = IptablesNatParser.parse(text("iptables-nft-save"), "iptables-nft");
        assertThat(rules).map(NatParsersTest::row).containsExactly(
                "tcp *:8080 -> 172.17.0.2:80 by iptables-nft nat DOCKER",
                "udp 127.0.0.1:5353 -> 172.17.0.3:53 by iptables-nft nat DOCKER");
    }

    @Test
    void ip6tablesBracketsItsTargets() throws Exception {
        assertThat(IptablesNatParser.parse(text("ip6tables-nft-save"), "ip6tables-nft")).map(NatParsersTest::row)
                .containsExactly("tcp *:8443 -> [fd00:dead::2]:443 by ip6tables-nft nat DOCKER");
    }

    @Test
    void legacyFlavourAndPortRangesWithoutATargetPort() throws Exception {
        List<PortForward> rules = IptablesNatParser.parse(text("iptables-legacy-save"), "iptables-legacy");
        assertThat(rules).map(NatParsersTest::row).containsExactly(
                "tcp *:9090 -> 172.17.0.4:9000 by iptables-legacy nat DOCKER",
                "tcp *:7000 -> 172.17.0.5:7000 by iptables-legacy nat DOCKER",
                "tcp *:7001 -> 172.17.0.5:7001 by iptables-legacy nat DOCKER",
                "tcp *:7002 -> 172.17.0.5:7002 by iptables-legacy nat DOCKER");
        assertThat(rules.get(1).targetPort()).as("unchanged").isZero();
    }

    @Test
    void aBrokenTargetNamesItsLine() {
        String text = "*nat\n:DOCKER - [0:0]\n-A DOCKER -p tcp -m tcp --dport 80 -j DNAT --to-destination 999.1.1.1:80\nCOMMIT\n";
        assertThatThrownBy(() -> IptablesNatParser.parse(text, "iptables-nft")).hasMessageStartingWith("line 3: --to-destination 999.1.1.1:80");
    }

    @Test
    void rulesOfOtherTablesAndWithoutAPortAreNotPublishedPorts() {
        String text = "*filter\n-A FORWARD -p tcp --dport 80 -j DNAT --to-destination 10.0.0.1\nCOMMIT\n*nat\n"
                + "-A PREROUTING -j DNAT --to-destination 10.0.0.2\n-A PREROUTING -p tcp ! --dport 22 -j DNAT --to-destination 10.0.0.3\n"
                + "-A PREROUTING -p tcp -m multiport --dports 80,443 -m comment --comment \"two -j DNAT words\" -j DNAT --to-destination 10.0.0.4\nCOMMIT\n";
        assertThat(IptablesNatParser.parse(text, "iptables-nft")).map(NatParsersTest::row).containsExactly(
                "tcp *:80 -> 10.0.0.4:80 by iptables-nft nat PREROUTING",
                "tcp *:443 -> 10.0.0.4:443 by iptables-nft nat PREROUTING");
    }

    @Test
    void nftablesNativeRules() throws Exception {
        List<PortForward> rules = NftNatParser.parse(Files.readAllBytes(Fixtures.path("nat/nft-native.json")));
        assertThat(rules).map(NatParsersTest::row).containsExactly(
                "tcp *:8081 -> 192.0.2.2:80 by nftables ip docker-bridges port-dnat",
                "udp 127.0.0.1:5354 -> 192.0.2.3:53 by nftables ip docker-bridges port-dnat",
                "tcp 10.0.0.0/8:8082 -> 192.0.2.4:8000 by nftables inet netavark nv_2f259bab_10_88_0_0_nm16_dnat",
                "tcp *:8444 -> [2001:db8::2]:443 by nftables inet netavark nv_2f259bab_10_88_0_0_nm16_dnat",
                "tcp *:7100 -> 192.0.2.5:7100 by nftables inet netavark nv_2f259bab_10_88_0_0_nm16_dnat",
                "tcp *:7101 -> 192.0.2.5:7101 by nftables inet netavark nv_2f259bab_10_88_0_0_nm16_dnat",
                "tcp *:7200 -> 192.0.2.6:7300 by nftables inet netavark nv_2f259bab_10_88_0_0_nm16_dnat",
                "tcp *:7201 -> 192.0.2.6:7300 by nftables inet netavark nv_2f259bab_10_88_0_0_nm16_dnat",
                "tcp *:7202 -> 192.0.2.6:7300 by nftables inet netavark nv_2f259bab_10_88_0_0_nm16_dnat");
    }

    @Test
    void iptablesNftRulesShowAnOpaqueTargetInNftsJson() throws Exception {
        assertThat(NftNatParser.parse(Files.readAllBytes(Fixtures.path("nat/nft-xt-compat.json")))).isEmpty();
    }

    @Test
    void aRulesetWithoutDnatHasNoForwards() {
        assertThat(NftNatParser.parse("{\"nftables\": [{\"metainfo\": {\"version\": \"1.0.6\"}}, {\"table\": {\"family\": \"inet\", \"name\": \"filter\"}}]}".getBytes())).isEmpty();
    }

    @Test
    void notNftJson() {
        assertThatThrownBy(() -> NftNatParser.parse("Error: Operation not permitted".getBytes())).hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> NftNatParser.parse("{}".getBytes())).hasMessage("no \"nftables\" array");
    }

    @Test
    void aNamespacesOwnAddresses() throws Exception {
        assertThat(LocalAddressParser.fibTrie(Files.readString(Fixtures.path("netns-addresses/fib_trie"))))
                .containsExactly(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("192.0.2.1"));
        assertThat(LocalAddressParser.ifInet6(Files.readString(Fixtures.path("netns-addresses/if_inet6"))))
                .containsExactly(InetAddress.getByName("2001:db8::1"), InetAddress.getByName("::1"));
    }

    @Test
    void forwardsSayWhereTheyLead() throws Exception {
        PortForward f = new PortForward(Protocol.TCP, null, 8080, InetAddress.getByName("172.17.0.2"), 0, "x");
        assertThat(f.effectiveTargetPort()).isEqualTo(8080);
    }
}
