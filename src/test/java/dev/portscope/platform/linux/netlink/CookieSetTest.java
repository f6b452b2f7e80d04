package dev.portscope.platform.linux.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import org.junit.jupiter.api.Test;

/** Repeats of a dump are dropped by the kernel's socket cookie, the one identity no socket shares. */
class CookieSetTest {

    @Test
    void eachCookieIsAddedOnceAndUnknownIsNeverARepeat() {
        CookieSet set = new CookieSet();
        for (long c = 1; c <= 100_000; c++) {
            assertThat(set.add(c * 4099)).isTrue();
        }
        for (long c = 1; c <= 100_000; c += 997) {
            assertThat(set.add(c * 4099)).as("repeat of %d", c).isFalse();
        }
        assertThat(set.add(0)).isTrue();
        assertThat(set.add(0)).isTrue();
    }

    @Test
    void theRecordedSocketsCarryDistinctCookies() throws Exception {
        var decoded = new SockDiagDecoder(4026531840L, true).decodeAll(Fixtures.recording("loopback-all-states"), Protocol.TCP);
        assertThat(decoded.sockets()).isNotEmpty();
        assertThat(decoded.sockets().stream().map(Socket::linux).map(l -> l.cookie()))
                .doesNotContain(0L)
                .doesNotHaveDuplicates();
    }
}
