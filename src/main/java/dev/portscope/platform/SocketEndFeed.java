package dev.portscope.platform;

import dev.portscope.model.Socket;
import java.util.List;

/**
 * The kernel's notices of sockets that ended, collected between two refreshes, so that a
 * connection shorter than a refresh is not lost (Linux: the {@code sock_diag} destroy multicast
 * groups that {@code ss -E} reads). Notices are kept in a bounded buffer: what overflowed it is
 * counted, never silently dropped.
 */
public interface SocketEndFeed extends AutoCloseable {

    /** The sockets that ended since the previous call, oldest first, as the kernel last described them. */
    List<Socket> drain();

    /** How many notices were lost since the previous call (the kernel's or this buffer's overflow). */
    long lost();

    @Override
    void close();
}
