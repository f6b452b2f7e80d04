package dev.portscope.platform.linux.ffm;

import static dev.portscope.platform.linux.ffm.LinuxConstants.AF_INET;
import static dev.portscope.platform.linux.ffm.LinuxConstants.AF_INET6;
import static dev.portscope.platform.linux.ffm.LinuxConstants.IPPROTO_IPV6;
import static dev.portscope.platform.linux.ffm.LinuxConstants.IPV6_V6ONLY;
import static dev.portscope.platform.linux.ffm.LinuxConstants.SOCK_CLOEXEC;
import static dev.portscope.platform.linux.ffm.LinuxConstants.SOCK_DGRAM;
import static dev.portscope.platform.linux.ffm.LinuxConstants.SOCK_STREAM;
import static dev.portscope.platform.linux.ffm.LinuxConstants.SOL_SOCKET;
import static dev.portscope.platform.linux.ffm.LinuxConstants.SO_REUSEADDR;
import static dev.portscope.platform.linux.ffm.LinuxConstants.SO_REUSEPORT;

import dev.portscope.platform.BindAttempt;
import dev.portscope.platform.BindTrial;
import dev.portscope.model.IpFamily;
import dev.portscope.model.Protocol;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Binds a port for real, with exactly the socket options of a {@link BindAttempt}, and closes the
 * socket at once: the kernel's own answer, errno included, which Java's sockets would reduce to a
 * message. The port is held for the few microseconds between {@code bind} and {@code close}.
 */
public final class TrialBind {

    private TrialBind() {}

    /** @throws UnsupportedOperationException when this is not Linux on a known architecture */
    public static BindTrial attempt(BindAttempt request) {
        Libc libc = Libc.shared();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            boolean v6 = request.family() == IpFamily.IPV6;
            int type = (request.protocol() == Protocol.TCP ? SOCK_STREAM : SOCK_DGRAM) | SOCK_CLOEXEC;
            int fd = libc.socket(errno, v6 ? AF_INET6 : AF_INET, type, 0);
            if (fd < 0) {
                return failure("socket", -fd);
            }
            try {
                MemorySegment one = arena.allocateFrom(ValueLayout.JAVA_INT, 1);
                MemorySegment zero = arena.allocateFrom(ValueLayout.JAVA_INT, 0);
                int r = 0;
                if (request.reuseAddress()) {
                    r = libc.setsockopt(errno, fd, SOL_SOCKET, SO_REUSEADDR, one);
                }
                if (r == 0 && request.reusePort()) {
                    r = libc.setsockopt(errno, fd, SOL_SOCKET, SO_REUSEPORT, one);
                }
                if (r == 0 && v6) {
                    r = libc.setsockopt(errno, fd, IPPROTO_IPV6, IPV6_V6ONLY, request.v6Only() ? one : zero);
                }
                if (r < 0) {
                    return failure("setsockopt", -r);
                }
                MemorySegment address = arena.allocate(InetSockaddr.MAX_BYTES, 4);
                int length = InetSockaddr.encode(address, request.address(), request.port());
                r = libc.bind(errno, fd, address.asSlice(0, length));
                if (r < 0) {
                    return failure("bind", -r);
                }
                if (request.protocol() == Protocol.TCP) {
                    r = libc.listen(errno, fd, 1);
                    if (r < 0) {
                        return failure("listen", -r);
                    }
                }
                return BindTrial.success();
            } finally {
                libc.close(errno, fd);
            }
        }
    }

    static BindTrial failure(String step, int errno) {
        return new BindTrial(false, step, errno, Errno.text(errno));
    }
}
