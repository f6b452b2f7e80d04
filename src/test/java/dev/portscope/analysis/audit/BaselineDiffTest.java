package dev.portscope.analysis.audit;

import static dev.portscope.analysis.audit.Snapshots.process;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.AddressText;
import dev.portscope.model.IpFamily;
import dev.portscope.model.Protocol;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class BaselineDiffTest {

    @Test
    void appearedDisappearedAndChangedListenersAreTold() throws Exception {
        var before = new Snapshots();
        before.listen(Protocol.TCP, "127.0.0.1", 5432, process(1, "postgres", 100, "postgres"));
        before.listen(Protocol.TCP, "0.0.0.0", 22, process(2, "sshd", 0, "root"));
        before.listen(Protocol.UDP, "0.0.0.0", 53, process(3, "dnsmasq", 0, "root"));
        before.listen(Protocol.TCP, "0.0.0.0", 80, process(4, "nginx", 0, "root"));
        var now = new Snapshots();
        now.listen(Protocol.TCP, "0.0.0.0", 5432, process(11, "postgres", 100, "postgres"));
        now.listen(Protocol.TCP, "0.0.0.0", 22, process(12, "sshd", 0, "root"));
        now.listen(Protocol.TCP, "0.0.0.0", 80, process(14, "python3", 1000, "bob"));
        now.listen(Protocol.TCP, "0.0.0.0", 8080, process(15, "java", 0, "root"));
        var changes = BaselineDiff.compare(Baseline.of(before.build()), Baseline.of(now.build()));
        assertThat(changes).extracting(c -> c.getClass().getSimpleName() + " " + c.listener().key()).containsExactly(
                "Disappeared 53/udp", "OwnerChanged 80/tcp", "ExposureChanged 5432/tcp", "Appeared 8080/tcp");
    }

    /** Baselines saved before addresses had one spelling wrote IPv6 as getHostAddress() does. */
    private static final String OLD_SPELLING = """
            {"format": "portscope-baseline", "version": 1, "generator": "portscope 0.1.0", "host": "h", "time": "2026-01-01T00:00:00Z",
             "listeners": [{"protocol": "tcp", "port": 22, "exposure": "loopback", "addresses": ["0:0:0:0:0:0:0:1", "127.0.0.1"],
                            "processes": ["sshd"], "users": ["root"], "pids": [2]}]}
            """;

    @Test
    void anOldBaselineSpellingIpv6InFullIsReadAsAddresses() throws Exception {
        Baseline old = BaselineParser.parse(OLD_SPELLING, "old.json");
        var now = new Snapshots();
        now.listen(Protocol.TCP, "::1", 22, process(12, "sshd", 0, "root"));
        now.listen(Protocol.TCP, "127.0.0.1", 22, process(12, "sshd", 0, "root"));
        Baseline current = Baseline.of(now.build());
        assertThat(old.listeners().getFirst().addresses())
                .containsExactly(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1"))
                .isEqualTo(current.listeners().getFirst().addresses());
        assertThat(old.listeners().getFirst().addresses()).extracting(AddressText::of).containsExactly("127.0.0.1", "::1");
        assertThat(BaselineDiff.compare(old, current)).isEmpty();
    }

    @Test
    void anIpv6SocketsMappedAddressStaysIpv6() throws Exception {
        String text = OLD_SPELLING.replace("\"0:0:0:0:0:0:0:1\"", "\"::ffff:127.0.0.1\"");
        var addresses = BaselineParser.parse(text, "b.json").listeners().getFirst().addresses();
        assertThat(addresses).extracting(AddressText::of).containsExactly("127.0.0.1", "::ffff:127.0.0.1");
        assertThat(addresses.get(1)).isEqualTo(IpFamily.IPV6.holding(InetAddress.getByName("127.0.0.1")));
    }

    @Test
    void anAddressThatIsNoAddressDamagesTheBaseline() {
        String text = OLD_SPELLING.replace("\"127.0.0.1\"", "\"127.1\"");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BaselineParser.parse(text, "b.json"))
                .hasMessage("b.json:2:105: expected an IP address, found \"127.1\"");
    }

    @Test
    void aNewerFormatVersionIsRefused() {
        String text = "{\"format\":\"portscope-baseline\",\"version\":2,\"host\":\"h\",\"time\":\"2026-01-01T00:00:00Z\",\"listeners\":[]}";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BaselineParser.parse(text, "b.json"))
                .hasMessage("b.json: baseline format version 2 is newer than this portscope reads (1); "
                        + "upgrade portscope or save the baseline again");
    }
}
