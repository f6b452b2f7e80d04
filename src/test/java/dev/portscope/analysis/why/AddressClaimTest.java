package dev.portscope.analysis.why;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.IpFamily;
import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The kernel's address overlap rules for binds, case by case ({@code inet_rcv_saddr_equal}). */
class AddressClaimTest {

    private static AddressClaim claim(String family, String address, boolean v6Only) throws Exception {
        return AddressClaim.of(IpFamily.valueOf(family), InetAddress.getByName(address), v6Only);
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
    })
    void overlapIsSymmetricAndFollowsTheKernel(String fa, String a, boolean va, String fb, String b, boolean vb, boolean overlaps) throws Exception {
        assertThat(claim(fa, a, va).overlaps(claim(fb, b, vb))).isEqualTo(overlaps);
        assertThat(claim(fb, b, vb).overlaps(claim(fa, a, va))).isEqualTo(overlaps);
    }
}
