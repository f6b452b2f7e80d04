package dev.portscope.platform.linux.netlink;

import dev.portscope.model.Socket;
import dev.portscope.platform.SocketCloser.Outcome;
import dev.portscope.platform.SocketCloser.Result;
import dev.portscope.platform.linux.ffm.Errno;

/**
 * What the kernel's answer to {@code SOCK_DESTROY} means for one socket: the one {@link Errno#text}
 * of the errno and why the kernel gave it ({@code net/core/sock_diag.c}, {@code net/ipv4/inet_diag.c},
 * {@code net/ipv4/tcp_diag.c}).
 */
final class DestroyErrors {

    private DestroyErrors() {}

    /**
     * The result of asking for {@code socket} to be closed.
     *
     * @param errno 0 when the kernel closed it
     */
    static Result of(Socket socket, int errno) {
        return switch (errno) {
            case 0 -> new Result(socket, Outcome.CLOSED, null);
            // inet_diag_find_one_icsk: no socket has these addresses and ports, or the one that has
            // them now is another (its cookie differs): the connection asked about is gone
            case Errno.ENOENT -> new Result(socket, Outcome.GONE,
                    Errno.text(errno) + ": the connection had already ended; nothing to close");
            // sock_diag_destroy: CAP_NET_ADMIN in the socket's network namespace
            case Errno.EPERM -> new Result(socket, Outcome.NOT_PERMITTED,
                    Errno.text(errno) + ": closing connections needs CAP_NET_ADMIN (run portscope as root)");
            // a security module's check of the netlink message (SELinux: nlmsg_write on a tcpdiag socket)
            case Errno.EACCES -> new Result(socket, Outcome.NOT_PERMITTED,
                    Errno.text(errno) + ": closing connections needs CAP_NET_ADMIN (run portscope as root),"
                            + " and no security policy (SELinux, AppArmor) that forbids it");
            case Errno.EOPNOTSUPP -> unsupported(socket, errno);
            case Errno.EINVAL -> new Result(socket, Outcome.FAILED,
                    Errno.text(errno) + ": the request is not understood by this kernel");
            default -> new Result(socket, Outcome.FAILED, Errno.text(errno));
        };
    }

    /**
     * {@code inet_diag_cmd_exact} answers EOPNOTSUPP when TCP has no destroy handler, which it gets
     * only with {@code CONFIG_INET_DIAG_DESTROY}: then no socket can be closed. A kernel with the
     * handler may still refuse a socket without an owner ({@link Socket#uidKnown}: a connection its
     * application has closed, kept in FIN-WAIT-2 or TIME-WAIT, or a connection request), which
     * {@code tcp_abort} of older kernels does not handle: that one only.
     */
    private static Result unsupported(Socket socket, int errno) {
        if (!socket.uidKnown()) {
            return new Result(socket, Outcome.FAILED, Errno.text(errno)
                    + ": this kernel cannot close a socket its application has already closed; it ends by itself");
        }
        return new Result(socket, Outcome.UNSUPPORTED, Errno.text(errno)
                + ": this kernel cannot close connections: it was built without CONFIG_INET_DIAG_DESTROY");
    }
}
