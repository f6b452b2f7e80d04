package dev.portscope.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The kernel's address rules, case by case: bind overlap ({@code inet_rcv_saddr_equal}) and which
 * destinations a listener takes ({@code compute_score}). {@code who}, {@code why} and the probes share them.
 */
class AddressClaimTest {

    private static AddressClaim claim(String family, String address, boolean v6Only) throws Exception {
        return AddressClaim.of(IpFamily.valueOf(family), InetAddress.getByName(address), v6Only);
    }

    private static Socket listener(String family, String address, String v6Only) throws Exception {
        return new Socket(Protocol.TCP, IpFamily.valueOf(family), new Endpoint(InetAddress.getByName(address), 8080),
                new Endpoint(InetAddress.getByName(family.equals("IPV4") ? "0.0.0.0" : "::"), 0), SocketState.LISTEN,
                0, 1, 0, 0, v6Only.equals("unknown") ? null : Boolean.valueOf(v6Only), null);
    }

    @ParameterizedTest(name = "{0} {1} v6only={2} vs {3} {4} v6only={5}: {6}")
    @CsvSource({
        "IPV4, 0.0.0.0,   false, IPV4, 127.0.0.1, false, true",
        "IPV4, 127.0.0.1, false, IPV4, 127.0.0.1, false, true",
        "IPV4, 127.0.0.1, false, IPV4, 127.0.0.2, false, false",
        "IPV6, ::,        false, IPV4, 0.0.0.0,   false, true",
        "IPV6, ::,        false, IPV4, 10.1.2.3,  false, true",
        "IPV6, ::,        true,  IPV4, 0.0.0.0,   false, false",
        "IPV6, ::,        true,  IPV6, ::1,       false, true",
        "IPV6, ::1,       false, IPV4, 0.0.0.0,   false, false",
        "IPV6, ::1,       false, IPV6, ::1,       true,  true",
        "IPV6, ::1,       false, IPV6, ::2,       false, false",
        "IPV6, ::ffff:127.0.0.1, false, IPV4, 127.0.0.1, false, true",
        "IPV6, ::ffff:127.0.0.1, false, IPV4, 127.0.0.2, false, false",
        "IPV6, ::ffff:127.0.0.1, false, IPV6, ::1,       false, false",
        "IPV6, ::ffff:0.0.0.0,   false, IPV4, 10.1.2.3,  false, true",
        "IPV6, ::ffff:0.0.0.0,   false, IPV4, 0.0.0.0,   false, true",
        "IPV6, ::ffff:0.0.0.0,   false, IPV6, ::1,       false, false",
        "IPV6, ::ffff:0.0.0.0,   false, IPV6, ::,        true,  false",
        "IPV6, ::ffff:0.0.0.0,   false, IPV6, ::,        false, true",
    })
    void overlapIsSymmetricAndFollowsTheKernel(String fa, String a, boolean va, String fb, String b, boolean vb, boolean overlaps) throws Exception {
        assertThat(claim(fa, a, va).overlaps(claim(fb, b, vb))).isEqualTo(overlaps);
        assertThat(claim(fb, b, vb).overlaps(claim(fa, a, va))).isEqualTo(overlaps);
    }

    @ParameterizedTest(name = "{0} {1} v6only={2} takes {3}: {4}")
    @CsvSource({
        "IPV4, 0.0.0.0,        false,   127.0.0.1, YES",
        "IPV4, 0.0.0.0,        false,   ::1,       NO",
        "IPV4, 127.0.0.1,      false,   127.0.0.2, NO",
        "IPV6, ::,             false,   127.0.0.1, YES",
        "IPV6, ::,             false,   ::1,       YES",
        "IPV6, ::,             true,    127.0.0.1, NO",
        "IPV6, ::,             true,    ::1,       YES",
        "IPV6, ::,             unknown, 127.0.0.1, UNKNOWN",
        "IPV6, ::,             unknown, ::1,       YES",
        "IPV6, ::1,            unknown, 127.0.0.1, NO",
        "IPV6, ::ffff:0.0.0.0, unknown, 127.0.0.1, YES",
        "IPV6, ::ffff:0.0.0.0, false,   ::1,       NO",
        "IPV6, ::ffff:0.0.0.0, unknown, ::,        NO",
        "IPV6, ::ffff:10.0.0.1, unknown, 10.0.0.1, YES",
    })
    void whatAListenerTakes(String family, String address, String v6Only, String destination, AddressClaim.Answer answer) throws Exception {
        assertThat(AddressClaim.takes(listener(family, address, v6Only), InetAddress.getByName(destination))).isEqualTo(answer);
    }
}
