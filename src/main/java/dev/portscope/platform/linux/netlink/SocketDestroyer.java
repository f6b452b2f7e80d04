package dev.portscope.platform.linux.netlink;

import dev.portscope.model.Socket;
import dev.portscope.platform.SocketCloser;
import dev.portscope.platform.linux.ffm.LinuxConstants;
import dev.portscope.platform.linux.ffm.NetlinkSocket;
import dev.portscope.platform.linux.ffm.NetlinkSocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Closes sockets as {@code ss -K} does: one {@code SOCK_DESTROY} request per socket on a
 * {@code NETLINK_SOCK_DIAG} socket, each answered before the next is sent. For TCP the kernel
 * ({@code tcp_abort}) sends the peer a reset, gives the process ECONNABORTED on its next call, and
 * closes a listener's queue. Sees the network namespace of the process, as the dump did.
 */
public final class SocketDestroyer implements SocketCloser {

    /** An answer is one {@code nlmsgerr}: 20 bytes, and the request echoed after it on failure. */
    private static final int BUFFER_SIZE = 8192;
    private static final long RECEIVE_TIMEOUT_SECONDS = 5;
    /** Datagrams that answer no request of this run are skipped, but not forever. */
    private static final int MAX_STRAY_ANSWERS = 16;

    @Override
    public Optional<String> unavailableReason() {
        return NetlinkSocketSource.unavailableReason();
    }

    @Override
    public List<Result> close(List<Socket> sockets) {
        List<Result> results = new ArrayList<>(sockets.size());
        String stop = null;
        try (NetlinkSocket netlink = NetlinkSocket.open(LinuxConstants.NETLINK_SOCK_DIAG, BUFFER_SIZE)) {
            netlink.receiveTimeout(RECEIVE_TIMEOUT_SECONDS);
            int sequence = 0;
            for (Socket socket : sockets) {
                if (stop != null) {
                    results.add(new Result(socket, Outcome.NOT_TRIED, stop));
                    continue;
                }
                Result result;
                try {
                    result = closeOne(netlink, ++sequence, socket);
                } catch (NetlinkSocketException | IllegalArgumentException e) {
                    // the socket may still hold this request's answer: later answers could not be told apart
                    result = new Result(socket, Outcome.FAILED, "netlink: " + e.getMessage());
                    stop = result.detail();
                }
                results.add(result);
                if (result.outcome() == Outcome.NOT_PERMITTED || result.outcome() == Outcome.UNSUPPORTED) {
                    stop = result.detail();
                }
            }
        } catch (NetlinkSocketException e) {
            String why = "cannot open a sock_diag socket: " + e.getMessage();
            for (Socket socket : sockets) {
                results.add(new Result(socket, results.isEmpty() ? Outcome.FAILED : Outcome.NOT_TRIED, why));
            }
        }
        return results;
    }

    /**
     * Sends one request and waits for its answer.
     *
     * @throws IllegalArgumentException when the kernel's answer cannot be decoded
     */
    private static Result closeOne(NetlinkSocket netlink, int sequence, Socket socket) throws NetlinkSocketException {
        byte[] request;
        try {
            request = SockDestroyRequest.encode(sequence, socket);
        } catch (IllegalArgumentException e) {
            return new Result(socket, Outcome.FAILED, "its kernel identity (socket cookie) is unknown, so it cannot be named"
                    + " exactly: it was read from /proc/net, not netlink");
        }
        netlink.send(request);
        for (int stray = 0; stray <= MAX_STRAY_ANSWERS; stray++) {
            OptionalInt errno = SockDestroyRequest.answer(netlink.receive(), sequence);
            if (errno.isPresent()) {
                return DestroyErrors.of(socket, errno.getAsInt());
            }
        }
        throw new IllegalArgumentException("no answer to the request among " + MAX_STRAY_ANSWERS + " datagrams");
    }
}
