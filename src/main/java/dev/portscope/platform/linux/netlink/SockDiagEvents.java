package dev.portscope.platform.linux.netlink;

import dev.portscope.model.IpFamily;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;

/**
 * What {@link SockDiagDecoder} finds in a byte stream, in order. Offsets count bytes from the start
 * of the stream (a recording, or one dump's datagrams), so diagnostics can point at them.
 */
public interface SockDiagEvents {

    void socket(Socket socket);

    /** A dump request (recordings hold them): the answers that follow are of this protocol. */
    default void request(long offset, Protocol protocol, IpFamily family) {}

    /** {@code NLMSG_DONE}: the dump is complete. */
    void done(long offset);

    /** {@code NLMSG_ERROR} with a non-zero code, or a failed {@code NLMSG_DONE}: the dump ended with errno {@code errno}. */
    void error(long offset, int errno);

    /** Bytes that could not be decoded; the entry was skipped. */
    void malformed(long offset, String what);

    /** The kernel set {@code NLM_F_DUMP_INTR}: sockets changed during the dump. */
    default void interrupted(long offset) {}
}
