package dev.portscope.platform.linux.ffm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InetSockaddrTest {

    /** A heap segment is byte-aligned: the codec must not need more. */
    private final byte[] bytes = new byte[InetSockaddr.MAX_BYTES];
    private final MemorySegment sa = MemorySegment.ofArray(bytes);

    @Test
    void writesASockaddrInWithThePortInNetworkOrder() throws Exception {
        Arrays.fill(bytes, (byte) 0x55);
        int length = InetSockaddr.encode(sa, InetAddress.ofLiteral("192.0.2.7"), 0x1F90);
        assertThat(length).isEqualTo(16);
        assertThat(sa.get(ValueLayout.JAVA_SHORT_UNALIGNED, 0)).isEqualTo((short) LinuxConstants.AF_INET);
        assertThat(Arrays.copyOfRange(bytes, 2, 16)).containsExactly(
                0x1F, 0x90,             // sin_port 8080, high byte first
                192, 0, 2, 7,           // sin_addr
                0, 0, 0, 0, 0, 0, 0, 0); // sin_zero
        assertThat(Arrays.copyOfRange(bytes, 16, 28)).containsOnly(0x55); // past the struct: untouched
    }

    @Test
    void writesASockaddrIn6WithItsScope() throws Exception {
        byte[] linkLocal = InetAddress.ofLiteral("fe80::1").getAddress();
        int length = InetSockaddr.encode(sa, Inet6Address.getByAddress(null, linkLocal, 3), 443);
        assertThat(length).isEqualTo(28);
        assertThat(sa.get(ValueLayout.JAVA_SHORT_UNALIGNED, 0)).isEqualTo((short) LinuxConstants.AF_INET6);
        assertThat(Arrays.copyOfRange(bytes, 2, 8)).containsExactly(0x01, 0xBB, 0, 0, 0, 0); // port 443, flowinfo 0
        assertThat(Arrays.copyOfRange(bytes, 8, 24)).containsExactly(linkLocal);
        assertThat(sa.get(ValueLayout.JAVA_INT_UNALIGNED, 24)).isEqualTo(3);
    }

    @Test
    void roundTripsEachFamilyAndThePortExtremes() throws Exception {
        for (String literal : new String[] {"127.0.0.1", "0.0.0.0", "255.255.255.255", "::", "::1", "2001:db8::ff00:42:8329"}) {
            for (int port : new int[] {0, 1, 80, 32768, 65535}) {
                var original = new InetSocketAddress(InetAddress.ofLiteral(literal), port);
                int length = InetSockaddr.encode(sa, original.getAddress(), port);
                InetSocketAddress back = InetSockaddr.decode(sa, length);
                assertThat(back).isEqualTo(original);
                assertThat(back.getAddress().getClass()).isEqualTo(original.getAddress().getClass());
            }
        }
    }

    @Test
    void keepsAnIpv4MappedAddressIpv6() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 127, 0, 0, 1};
        Inet6Address address = Inet6Address.getByAddress(null, mapped, -1);
        assertThat(InetSockaddr.encode(sa, address, 5432)).isEqualTo(28);
        assertThat(Arrays.copyOfRange(bytes, 8, 24)).containsExactly(mapped);

        InetSocketAddress back = InetSockaddr.decode(sa, 28);
        assertThat(back.getAddress()).isInstanceOf(Inet6Address.class);
        assertThat(back.getAddress().getAddress()).containsExactly(mapped);
        assertThat(back.getPort()).isEqualTo(5432);
        assertThat(back.getAddress().getHostAddress()).doesNotContain("%"); // no scope

        // Java's own parser turns the mapped literal into IPv4: it goes out as a sockaddr_in
        assertThat(InetAddress.ofLiteral("::ffff:127.0.0.1")).isInstanceOf(Inet4Address.class);
        assertThat(InetSockaddr.encode(sa, InetAddress.ofLiteral("::ffff:127.0.0.1"), 5432)).isEqualTo(16);
    }

    @Test
    void refusesWhatIsNotAnInternetAddress() throws Exception {
        sa.set(ValueLayout.JAVA_SHORT_UNALIGNED, 0, (short) LinuxConstants.AF_NETLINK);
        assertThatThrownBy(() -> InetSockaddr.decode(sa, 12)).hasMessageContaining("family 16");
        InetSockaddr.encode(sa, InetAddress.ofLiteral("::1"), 1);
        assertThatThrownBy(() -> InetSockaddr.decode(sa, 16)).hasMessageContaining("needs 28");
        assertThatThrownBy(() -> InetSockaddr.encode(sa, InetAddress.ofLiteral("::1"), 65536)).hasMessageContaining("port");
    }
}
