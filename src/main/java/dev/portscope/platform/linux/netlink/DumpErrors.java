package dev.portscope.platform.linux.netlink;

import dev.portscope.platform.linux.ffm.Errno;

/**
 * What the errno that ends a {@code sock_diag} dump means: the one {@link Errno#text} of it, and,
 * for the two answers a dump commonly gets, why the kernel gave it.
 */
final class DumpErrors {

    private DumpErrors() {}

    /** e.g. {@code ENOENT (no such file or directory): no handler, the diag module is not loaded}. */
    static String describe(int errno) {
        String meaning = switch (errno) {
            // net/ipv4/inet_diag.c, inet_diag_lock_handler: no handler registered for the protocol
            case Errno.ENOENT -> ": no handler, the diag module is not loaded";
            // net/core/sock_diag.c, sock_diag_rcv_msg: a request type or length it does not know
            case Errno.EINVAL -> ": the request is not understood by this kernel";
            default -> "";
        };
        return Errno.text(errno) + meaning;
    }
}
