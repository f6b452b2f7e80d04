package dev.portscope.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressTextTest {

    @ParameterizedTest
    @CsvSource({
        "::1, ::1",
        "::, ::",
        "fe80:0:0:0:0:0:0:1, fe80::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:DB8:0:0:0:0:0:AB, 2001:db8::ab",
        "1:0:0:2:0:0:0:3, 1:0:0:2::3",
    })
    void ipv6FollowsRfc5952(String input, String expected) throws Exception {
        assertThat(AddressText.of(InetAddress.getByName(input), IpFamily.IPV6)).isEqualTo(expected);
    }

    @Test
    void ipv4OnAnIpv6SocketKeepsItsMappedForm() throws Exception {
        InetAddress mapped = InetAddress.getByName("::ffff:127.0.0.1");
        assertThat(AddressText.of(mapped, IpFamily.IPV6)).isEqualTo("::ffff:127.0.0.1");
        assertThat(AddressText.of(mapped, IpFamily.IPV4)).isEqualTo("127.0.0.1");
    }

    @Test
    void theMappedWildcardIsNotTheIpv6Wildcard() throws Exception {
        // ::ffff:0.0.0.0 takes every IPv4 address and no IPv6 one; Java folds it into 0.0.0.0
        assertThat(AddressText.of(InetAddress.getByName("::ffff:0.0.0.0"), IpFamily.IPV6)).isEqualTo("::ffff:0.0.0.0");
        assertThat(AddressText.endpoint(new Endpoint(InetAddress.getByName("::ffff:0.0.0.0"), 80), IpFamily.IPV6))
                .isEqualTo("[::ffff:0.0.0.0]:80");
        assertThat(AddressText.of(InetAddress.getByName("::"), IpFamily.IPV6)).isEqualTo("::");
    }

    private static Socket wildcard6(Boolean v6Only) throws Exception {
        return new Socket(Protocol.TCP, IpFamily.IPV6, new Endpoint(InetAddress.getByName("::"), 22), new Endpoint(InetAddress.getByName("::"), 0),
                SocketState.LISTEN, 0, 1, 0, 0, v6Only, null);
    }

    @Test
    void aDualStackWildcardReadsStarAsInSs() throws Exception {
        assertThat(AddressText.local(wildcard6(false))).isEqualTo("*:22");
        assertThat(AddressText.localAddress(wildcard6(false))).isEqualTo("*");
        assertThat(AddressText.local(wildcard6(true))).as("IPV6_V6ONLY").isEqualTo("[::]:22");
        assertThat(AddressText.localAddress(wildcard6(true))).isEqualTo("::");
        assertThat(AddressText.local(wildcard6(null))).as("flag not reported: no claim").isEqualTo("[::]:22");
    }

    @Test
    void theInterfaceOfALocalEndFollowsAPercentSign() throws Exception {
        NetInterface lo = new NetInterface(1, "lo", true);
        NetInterface veth = new NetInterface(7, "veth0", false);
        assertThat(AddressText.endpoint(new Endpoint(InetAddress.getByName("0.0.0.0"), 22, lo), IpFamily.IPV4)).isEqualTo("0.0.0.0%lo:22");
        assertThat(AddressText.endpoint(new Endpoint(InetAddress.getByName("fe80::1"), 22, veth), IpFamily.IPV6))
                .isEqualTo("[fe80::1%veth0]:22");
        assertThat(AddressText.endpoint(new Endpoint(InetAddress.getByName("fe80::1"), 22, new NetInterface(9, null, false)), IpFamily.IPV6))
                .as("unnamed: the index, RFC 4007").isEqualTo("[fe80::1%9]:22");
        StringBuilder text = new StringBuilder();
        AddressText.appendEndpoint(text, new Endpoint(InetAddress.getByName("10.0.0.1"), 22, veth), IpFamily.IPV4);
        assertThat(text).hasToString("10.0.0.1%veth0:22");
        Socket dualOnLo = new Socket(Protocol.TCP, IpFamily.IPV6, new Endpoint(InetAddress.getByName("::"), 22, lo),
                new Endpoint(InetAddress.getByName("::"), 0), SocketState.LISTEN, 0, 1, 0, 0, false, null);
        assertThat(AddressText.local(dualOnLo)).isEqualTo("*%lo:22");
        assertThat(AddressText.localAddress(dualOnLo)).isEqualTo("*%lo");
    }

    @Test
    void endpoints() throws Exception {
        assertThat(AddressText.endpoint(new Endpoint(InetAddress.getByName("::1"), 22), IpFamily.IPV6)).isEqualTo("[::1]:22");
        assertThat(AddressText.endpoint(new Endpoint(InetAddress.getByName("10.0.0.1"), 22), IpFamily.IPV4)).isEqualTo("10.0.0.1:22");
        assertThat(AddressText.endpoint(new Endpoint(InetAddress.getByName("0.0.0.0"), 0), IpFamily.IPV4)).isEqualTo("*:*");
        assertThat(AddressText.endpoint(new Endpoint(InetAddress.getByName("10.0.0.1"), 0), IpFamily.IPV4)).isEqualTo("10.0.0.1:*");
    }

    @Test
    void anAddressOnItsOwnTakesTheFamilyOfItsClass() throws Exception {
        assertThat(AddressText.of(InetAddress.getByName("0:0:0:0:0:0:0:1"))).isEqualTo("::1");
        assertThat(AddressText.of(InetAddress.getByName("10.0.0.1"))).isEqualTo("10.0.0.1");
        byte[] mapped = InetAddress.getByName("::ffff:10.0.0.1").getAddress();
        byte[] sixteen = new byte[16];
        sixteen[10] = (byte) 0xff;
        sixteen[11] = (byte) 0xff;
        System.arraycopy(mapped, 0, sixteen, 12, 4);
        assertThat(AddressText.of(Inet6Address.getByAddress(null, sixteen, -1))).isEqualTo("::ffff:10.0.0.1");
        assertThat(AddressText.of(Inet6Address.getByAddress(null, InetAddress.getByName("fe80::1").getAddress(), 3))).isEqualTo("fe80::1%3");
    }

    @Test
    void withAPortAnIpv6AddressIsBracketed() throws Exception {
        assertThat(AddressText.withPort(InetAddress.getByName("0:0:0:0:0:0:0:1"), 22)).isEqualTo("[::1]:22");
        assertThat(AddressText.withPort(InetAddress.getByName("10.0.0.1"), 0)).isEqualTo("10.0.0.1:0");
        assertThat(AddressText.withPort(InetAddress.getByName("10.0.0.1"), IpFamily.IPV6, 80)).isEqualTo("[::ffff:10.0.0.1]:80");
    }
}
