package dev.portscope.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@link IpLiteral} takes as an address, and what it refuses although {@link InetAddress#getByName} takes it. */
class IpLiteralTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
        "0.0.0.0                     | 0.0.0.0",
        "127.0.0.1                   | 127.0.0.1",
        "255.255.255.255             | 255.255.255.255",
        "10.0.0.10                   | 10.0.0.10",
        "[192.168.1.1]               | 192.168.1.1",
        "::                          | ::",
        "::1                         | ::1",
        "[::1]                       | ::1",
        "0:0:0:0:0:0:0:1             | ::1",
        "2001:DB8::1                 | 2001:db8::1",
        "2001:0db8:0000::0001        | 2001:db8::1",
        "fe80::                      | fe80::",
        "1:2:3:4:5:6:7::             | 1:2:3:4:5:6:7:0",
        "::2:3:4:5:6:7:8             | 0:2:3:4:5:6:7:8",
        "1:2:3:4:5:6:7:8             | 1:2:3:4:5:6:7:8",
        "::ffff:10.0.0.1             | 10.0.0.1",
        "64:ff9b::192.0.2.33         | 64:ff9b::c000:221",
        "1:2:3:4:5:6:1.2.3.4         | 1:2:3:4:5:6:102:304",
    })
    void accepts(String text, String address) {
        assertThat(IpLiteral.parse(text)).isEqualTo(InetAddress.ofLiteral(address));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "12345",            // inet_aton: 0.0.48.57
        "127.1",            // inet_aton: 127.0.0.1 (ss: 127.1.0.0)
        "10.1.1",           // inet_aton: 10.1.0.1
        "0x7f.1",           // inet_aton: hexadecimal
        "0x7f000001",
        "010.0.0.1",        // inet_aton and ss: octal, 8.0.0.1; Java: 10.0.0.1
        "0177.0.0.1",
        "00.0.0.0",
        "256.0.0.1",
        "1.2.3.4.5",
        "1.2.3.",
        ".1.2.3",
        "1..2.3",
        " 127.0.0.1",
        "127.0.0.1 ",
        "+1.2.3.4",
        "1.2.3.-4",
        "١.٢.٣.٤",          // Arabic-Indic digits: Character.isDigit, not ASCII
        "",
        "[]",
        "localhost",
        "example.com",
        ":",
        ":::",
        "1:2",
        ":1::2",
        "1::2:",
        "1::2::3",
        "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7:8::",
        "::1:2:3:4:5:6:7:8",
        "12345::1",
        "g::1",
        "::ffff:1.2.3",
        "::ffff:010.0.0.1",
        "1.2.3.4::",
        "::1%",
        "::1%a b",
        "[::1",
        "::1]",
    })
    void refuses(String text) {
        assertThatThrownBy(() -> IpLiteral.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an IP address: '" + text + "'");
    }

    @Test
    void aZoneNamesAScopeIdOrAnInterface() throws Exception {
        InetAddress numbered = IpLiteral.parse("fe80::1%1");
        assertThat(numbered).isInstanceOf(Inet6Address.class);
        assertThat(((Inet6Address) numbered).getScopeId()).isEqualTo(1);
        var linkLocal = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                .filter(nif -> nif.inetAddresses().anyMatch(InetAddress::isLinkLocalAddress)).findFirst();
        if (linkLocal.isPresent()) {
            String name = linkLocal.get().getName();
            InetAddress named = IpLiteral.parse("[fe80::1%" + name + "]");
            assertThat(((Inet6Address) named).getScopedInterface().getName()).isEqualTo(name);
        }
        assertThatThrownBy(() -> IpLiteral.parse("fe80::1%no-such-nic"))
                .hasMessage("no network interface 'no-such-nic' on this machine: 'fe80::1%no-such-nic'");
    }

    @Test
    void anIpv4MappedAddressBecomesIpv4AsInTheModel() {
        assertThat(IpLiteral.parse("::ffff:127.0.0.1")).isInstanceOf(Inet4Address.class);
        assertThat(IpLiteral.isIpv6Text("[::ffff:127.0.0.1]")).isTrue();
        assertThat(IpLiteral.isIpv6Text("127.0.0.1")).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "12345, true", "127.1, true", "0x7f.1, true", "010.0.0.1, true", "::1, true", "[::1], true", "10.0.0.1, true",
        "db1, false", "example.com, false", "deadbeef, false", "0xdb1.example, false", "host-1, false",
    })
    void looksLikeAnAddressWhatInetAtonWouldRead(String text, boolean address) {
        assertThat(IpLiteral.looksLikeAddress(text)).isEqualTo(address);
    }
}
