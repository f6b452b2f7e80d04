package dev.portscope.platform.linux.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.Protocol;
import org.junit.jupiter.api.Test;

/**
 * Real refusals, recorded from Linux 6.18 by {@link CaptureKernelRefusals}: a dump for a protocol
 * with no diag handler ends in an {@code NLMSG_DONE} carrying -ENOENT (what a kernel without
 * {@code udp_diag} answers a UDP dump), and a short request gets an {@code NLMSG_ERROR} of -EINVAL.
 */
class KernelRefusalsFixtureTest {

    @Test
    void refusalsAreErrorsWithTheirOffsetsAndNoSockets() {
        var decoded = new SockDiagDecoder(0, false).decodeAll(Fixtures.recording("kernel-refusals"), Protocol.TCP);
        assertThat(decoded.sockets()).isEmpty();
        assertThat(decoded.completedDumps()).isZero();
        assertThat(decoded.problems()).containsExactly(
                "byte 0: request for IP protocol 132, which portscope does not list: its answers are skipped",
                "byte 72: dump failed with ENOENT (no such file or directory): no handler, the diag module is not loaded",
                "byte 116: dump failed with EINVAL (invalid argument): the request is not understood by this kernel");
    }
}
