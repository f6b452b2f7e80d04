package dev.portscope.platform.linux.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.Endpoint;
import dev.portscope.model.IpFamily;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import dev.portscope.platform.SocketCloser.Outcome;
import dev.portscope.platform.SocketCloser.Result;
import dev.portscope.platform.linux.ffm.Errno;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** What each answer to {@code SOCK_DESTROY} means, in the words the user reads. */
class DestroyErrorsTest {

    private static Socket socket(SocketState state, int uid) {
        return new Socket(Protocol.TCP, IpFamily.IPV4, new Endpoint(InetAddress.ofLiteral("127.0.0.1"), 1),
                new Endpoint(InetAddress.ofLiteral("127.0.0.1"), 2), state, uid, 0, 0, 0, null, null);
    }

    private static final Socket ESTABLISHED = socket(SocketState.ESTABLISHED, 0);

    @Test
    void zeroIsClosed() {
        assertThat(DestroyErrors.of(ESTABLISHED, 0)).isEqualTo(new Result(ESTABLISHED, Outcome.CLOSED, null));
    }

    @Test
    void enoentIsAConnectionAlreadyGone() {
        Result r = DestroyErrors.of(ESTABLISHED, Errno.ENOENT);
        assertThat(r.outcome()).isEqualTo(Outcome.GONE);
        assertThat(r.outcome().done()).isTrue();
        assertThat(r.detail()).isEqualTo("ENOENT (no such file or directory): the connection had already ended; nothing to close");
    }

    @Test
    void epermAndEaccesNeedCapNetAdmin() {
        Result eperm = DestroyErrors.of(ESTABLISHED, Errno.EPERM);
        assertThat(eperm.outcome()).isEqualTo(Outcome.NOT_PERMITTED);
        assertThat(eperm.detail())
                .isEqualTo("EPERM (operation not permitted): closing connections needs CAP_NET_ADMIN (run portscope as root)");
        Result eacces = DestroyErrors.of(ESTABLISHED, Errno.EACCES);
        assertThat(eacces.outcome()).isEqualTo(Outcome.NOT_PERMITTED);
        assertThat(eacces.detail()).startsWith("EACCES (permission denied): closing connections needs CAP_NET_ADMIN")
                .contains("SELinux");
    }

    @Test
    void eopnotsuppNamesTheKernelOption() {
        Result r = DestroyErrors.of(ESTABLISHED, Errno.EOPNOTSUPP);
        assertThat(r.outcome()).isEqualTo(Outcome.UNSUPPORTED);
        assertThat(r.detail()).isEqualTo("EOPNOTSUPP (operation not supported on transport endpoint): this kernel cannot close"
                + " connections: it was built without CONFIG_INET_DIAG_DESTROY");
    }

    /** A socket without an owner (FIN-WAIT-2 after its application closed it): older kernels' tcp_abort refuses that one only. */
    @Test
    void eopnotsuppForASocketWithoutAnOwnerIsThatSocketsOnly() {
        Socket orphan = socket(SocketState.FIN_WAIT2, Socket.UNKNOWN_UID);
        Result r = DestroyErrors.of(orphan, Errno.EOPNOTSUPP);
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.detail()).contains("already closed");
    }

    @Test
    void anyOtherErrnoIsAFailureWithItsName() {
        assertThat(DestroyErrors.of(ESTABLISHED, Errno.EINVAL).detail()).isEqualTo("EINVAL (invalid argument): the request is not"
                + " understood by this kernel");
        Result r = DestroyErrors.of(ESTABLISHED, Errno.ENOMEM);
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.detail()).isEqualTo("ENOMEM (out of memory)");
    }
}
