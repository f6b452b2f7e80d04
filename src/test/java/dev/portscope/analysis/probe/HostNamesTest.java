package dev.portscope.analysis.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class HostNamesTest {

    @Test
    void splitsHostsAndPortsOfEveryForm() {
        assertThat(HostNames.splitHostPort("db1:5432")).isEqualTo(new HostNames.HostPort("db1", 5432));
        assertThat(HostNames.splitHostPort("[::1]:22")).isEqualTo(new HostNames.HostPort("[::1]", 22));
        assertThatThrownBy(() -> HostNames.splitHostPort("::1:22")).hasMessageContaining("brackets");
        assertThatThrownBy(() -> HostNames.splitHostPort("db1")).hasMessageContaining("HOST:PORT");
        assertThatThrownBy(() -> HostNames.splitHostPort("db1:0")).hasMessageContaining("bad port '0'");
        assertThatThrownBy(() -> HostNames.splitHostPort("db1:ssh")).hasMessageContaining("bad port 'ssh'");
    }

    @Test
    void resolvesLiteralsAndLocalNamesAndRefusesTheRest() throws Exception {
        assertThat(HostNames.resolve("[::1]")).isEqualTo(InetAddress.getByName("::1"));
        assertThat(HostNames.resolve("127.0.0.1")).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(HostNames.resolve("localhost").isLoopbackAddress()).isTrue();
        assertThatThrownBy(() -> HostNames.resolve("no-such-host.invalid")).hasMessage("cannot resolve host 'no-such-host.invalid'");
        assertThatThrownBy(() -> HostNames.resolve("bad host")).hasMessageContaining("not a host name");
    }

    @Test
    void whatTheResolverWouldReadAsInetAtonIsRefused() {
        for (String host : new String[] {"12345", "127.1", "0x7f.1", "0x7f000001", "010.0.0.1", "[127.1]"}) {
            assertThatThrownBy(() -> HostNames.resolve(host)).as(host).hasMessage("not an IP address: '" + host + "'");
        }
    }
}
