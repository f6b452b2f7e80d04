package dev.portscope.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portscope.model.Protocol;
import dev.portscope.services.ServiceTable;
import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PortTargetTest {

    private static final ServiceTable SERVICES = ServiceTable.embedded();

    @Test
    void theFormsPeopleType() throws Exception {
        assertThat(PortTarget.parse("8080", SERVICES)).isEqualTo(new PortTarget(8080, Optional.empty(), Optional.empty()));
        assertThat(PortTarget.parse(":8080", SERVICES).port()).isEqualTo(8080);
        assertThat(PortTarget.parse("53/udp", SERVICES)).isEqualTo(new PortTarget(53, Optional.of(Protocol.UDP), Optional.empty()));
        assertThat(PortTarget.parse("127.0.0.1:8080", SERVICES).address()).contains(InetAddress.getByName("127.0.0.1"));
        assertThat(PortTarget.parse("[::1]:8080/tcp", SERVICES))
                .isEqualTo(new PortTarget(8080, Optional.of(Protocol.TCP), Optional.of(InetAddress.getByName("::1"))));
        assertThat(PortTarget.parse("ssh", SERVICES).port()).isEqualTo(22);
        assertThat(PortTarget.parse(":https", SERVICES).port()).isEqualTo(443);
        assertThat(PortTarget.parse("ntp", SERVICES).port()).isEqualTo(123);
        assertThat(PortTarget.parse("localhost:80", SERVICES).address()).contains(InetAddress.getByName("127.0.0.1"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "70000 | port out of range (0-65535): '70000'",
        "99999999999 | port out of range (0-65535): '99999999999'",
        "nosuchservice | unknown service name 'nosuchservice' in 'nosuchservice'",
        "8080/sctp | unknown protocol 'sctp' in '8080/sctp' (expected tcp or udp)",
        "example.com:80 | not an IP address: 'example.com' in 'example.com:80'",
        "10.0.0.999:80 | not an IP address: '10.0.0.999' in '10.0.0.999:80'",
        "12345:80 | not an IP address: '12345' in '12345:80'",
        "127.1:80 | not an IP address: '127.1' in '127.1:80'",
        "010.0.0.1:80 | not an IP address: '010.0.0.1' in '010.0.0.1:80'",
        "[0x7f.1]:80 | not an IP address: '[0x7f.1]' in '[0x7f.1]:80'",
        "127.0.0.1: | no port in '127.0.0.1:'",
    })
    void badInputNamesTheBadPart(String text, String message) {
        assertThatThrownBy(() -> PortTarget.parse(text, SERVICES)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void onlyAsciiDigitsMakeAPort() {
        for (String text : new String[] {"\u0668\u0660", "\uff18\uff10", "\u0968\u0966"}) { // Arabic-Indic, fullwidth, Devanagari 80
            assertThatThrownBy(() -> PortTarget.parse(text, SERVICES)).as(text).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void bracketMistakesAreNamedAsSuch() {
        assertThatThrownBy(() -> PortTarget.parse("[::1]", SERVICES)).hasMessage("'[::1]' names an address but no port (write [::1]:PORT)");
        assertThatThrownBy(() -> PortTarget.parse("[::1", SERVICES))
                .hasMessage("the '[' of '[::1' is not closed (write [ADDRESS]:PORT, as [::1]:22)");
        assertThatThrownBy(() -> dev.portscope.analysis.probe.HostNames.splitHostPort("[::1"))
                .hasMessage("the '[' of '[::1' is not closed (write [ADDRESS]:PORT, as [::1]:22)");
        assertThat(PortTarget.parse("[::1]:22", SERVICES).port()).isEqualTo(22);
    }
}
