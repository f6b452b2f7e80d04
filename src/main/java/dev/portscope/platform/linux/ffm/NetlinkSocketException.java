package dev.portscope.platform.linux.ffm;

import java.io.IOException;

/** A failed system call on a netlink socket, with the {@code errno} it set ({@code errno(3)}). */
public final class NetlinkSocketException extends IOException {

    private final int errno;

    public NetlinkSocketException(String call, int errno, String detail) {
        super(call + " failed: " + detail);
        this.errno = errno;
    }

    /** The {@code errno} value, or 0 when the failure was not a system call's (a truncated datagram). */
    public int errno() {
        return errno;
    }
}
