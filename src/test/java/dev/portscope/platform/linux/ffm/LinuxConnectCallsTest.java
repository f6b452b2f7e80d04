package dev.portscope.platform.linux.ffm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The self-connect check, on a socket really connected to itself (TCP simultaneous open, RFC 9293 3.5). */
class LinuxConnectCallsTest {

    @Test
    void tellsASocketConnectedToItselfFromOneConnectedElsewhere() throws Exception {
        assumeTrue(Libc.unavailableReason().isEmpty(), () -> "no native access: " + Libc.unavailableReason());
        Libc libc = Libc.shared();
        for (String literal : new String[] {"127.0.0.1", "::1"}) {
            InetAddress loopback = InetAddress.ofLiteral(literal);
            try (Arena arena = Arena.ofConfined(); LinuxConnectCalls calls = LinuxConnectCalls.open()) {
                MemorySegment errno = Libc.errnoSegment(arena);
                MemorySegment sa = arena.allocate(InetSockaddr.MAX_BYTES, 8);
                MemorySegment length = arena.allocateFrom(ValueLayout.JAVA_INT, InetSockaddr.MAX_BYTES);
                int family = loopback.getAddress().length == 4 ? LinuxConstants.AF_INET : LinuxConstants.AF_INET6;
                int fd = libc.socket(errno, family, LinuxConstants.SOCK_STREAM | LinuxConstants.SOCK_CLOEXEC, 0);
                assertThat(fd).isNotNegative();
                try {
                    int n = InetSockaddr.encode(sa, loopback, 0);
                    assertThat(libc.bind(errno, fd, sa.asSlice(0, n))).isZero();
                    assertThat(libc.getsockname(errno, fd, sa, length)).isZero();
                    InetSocketAddress self = InetSockaddr.decode(sa, length.get(ValueLayout.JAVA_INT, 0));
                    assertThat(self.getAddress()).isEqualTo(loopback);

                    assertThat(libc.connect(errno, fd, sa, length.get(ValueLayout.JAVA_INT, 0))).isZero();
                    assertThat(calls.connectedToItself(fd, self)).isTrue();
                    assertThat(calls.connectedToItself(fd, new InetSocketAddress(loopback, self.getPort() == 1 ? 2 : 1))).isFalse();
                } finally {
                    libc.close(errno, fd);
                }
            }
        }
    }
}
