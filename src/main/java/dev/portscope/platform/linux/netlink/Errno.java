package dev.portscope.platform.linux.netlink;

/**
 * Names of the errno values a {@code sock_diag} dump answers with ({@code include/uapi/asm-generic/errno-base.h},
 * {@code errno.h}), for diagnostics that read the same on every machine, recordings included.
 */
final class Errno {

    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EACCES = 13;
    static final int EINVAL = 22;

    private Errno() {}

    static String describe(int errno) {
        String name = switch (errno) {
            case EPERM -> "EPERM (operation not permitted)";
            case ENOENT -> "ENOENT (no handler: the diag module is not loaded)";
            case 4 -> "EINTR (interrupted)";
            case 11 -> "EAGAIN (try again)";
            case 12 -> "ENOMEM (out of memory)";
            case EACCES -> "EACCES (permission denied)";
            case 16 -> "EBUSY (busy)";
            case EINVAL -> "EINVAL (request not understood by this kernel)";
            case 93 -> "EPROTONOSUPPORT (protocol not supported)";
            case 95 -> "EOPNOTSUPP (operation not supported)";
            case 97 -> "EAFNOSUPPORT (address family not supported)";
            case 105 -> "ENOBUFS (no buffer space)";
            default -> "errno " + errno;
        };
        return name;
    }
}
