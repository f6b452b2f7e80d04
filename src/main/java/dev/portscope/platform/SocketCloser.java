package dev.portscope.platform;

import dev.portscope.model.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Closes TCP connections of any process without stopping it, as {@code ss -K} does: the kernel
 * aborts the connection (its peer gets a reset, its process an error on the next call) and the
 * process goes on. Linux: {@code SOCK_DESTROY} over {@code sock_diag}, which needs
 * {@code CAP_NET_ADMIN} and a kernel built with {@code CONFIG_INET_DIAG_DESTROY}.
 *
 * <p>Example: {@code platform.socketCloser().close(List.of(socket)).getFirst().outcome() == Outcome.CLOSED}
 */
public interface SocketCloser {

    /** What became of one socket. */
    enum Outcome {
        /** The kernel closed it. */
        CLOSED,
        /** It was gone before the kernel was asked (closed by its process, or by its peer): nothing left to close. */
        GONE,
        /** Closing sockets needs a privilege portscope does not have. */
        NOT_PERMITTED,
        /** This kernel or platform cannot close sockets. */
        UNSUPPORTED,
        /** The kernel refused this socket for another reason, or the socket cannot be named exactly. */
        FAILED,
        /** Not asked for: an earlier socket failed for a reason that holds for every socket. */
        NOT_TRIED;

        /** Whether the connection is closed now, by portscope or before it. */
        public boolean done() {
            return this == CLOSED || this == GONE;
        }
    }

    /**
     * What became of one socket.
     *
     * @param detail why, for anything but {@link Outcome#CLOSED} (the errno's name and what it means
     *               here); null when closed
     */
    record Result(Socket socket, Outcome outcome, String detail) {
        public Result {
            Objects.requireNonNull(socket, "socket");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /** Why sockets cannot be closed here at all (no native access, no netlink), or empty when the platform can ask. */
    Optional<String> unavailableReason();

    /**
     * Asks for each socket to be closed, in order, each named exactly (its addresses, ports, interface
     * and, where the platform has one, its identity for life, so that a connection that reused the
     * same addresses and ports is never the one closed). After a failure that would repeat for every
     * socket ({@link Outcome#NOT_PERMITTED}, {@link Outcome#UNSUPPORTED}) the rest are
     * {@link Outcome#NOT_TRIED}.
     *
     * @return one result per socket, in the order given
     */
    List<Result> close(List<Socket> sockets);

    /** A closer for a platform that cannot close sockets: every socket is {@link Outcome#UNSUPPORTED}, for {@code why}. */
    static SocketCloser unsupported(String why) {
        return new SocketCloser() {
            @Override
            public Optional<String> unavailableReason() {
                return Optional.of(why);
            }

            @Override
            public List<Result> close(List<Socket> sockets) {
                List<Result> results = new ArrayList<>();
                for (Socket socket : sockets) {
                    results.add(new Result(socket, Outcome.UNSUPPORTED, why));
                }
                return results;
            }
        };
    }
}
