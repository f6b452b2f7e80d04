package dev.portscope.platform.linux.ffm;

import static dev.portscope.platform.linux.ffm.LinuxConstants.AT_FDCWD;
import static dev.portscope.platform.linux.ffm.LinuxConstants.O_CLOEXEC;
import static dev.portscope.platform.linux.ffm.LinuxConstants.O_RDONLY;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Netlink sockets opened inside other network namespaces. A netlink socket answers for the
 * namespace it was created in, for its whole life ({@code netlink(7)}, {@code net/netlink/af_netlink.c}
 * takes the creating task's {@code nsproxy->net_ns}); so a thread of its own enters each namespace
 * with {@code setns(fd, CLONE_NEWNET)} ({@code setns(2)}, which moves the calling thread only), opens
 * a socket there and moves on; the sockets are then used from any thread. The thread ends when it is
 * done, so no thread of this process is left in a foreign namespace.
 *
 * <p>Entering a namespace needs {@code CAP_SYS_ADMIN} over its owning user namespace: without it
 * each entry fails with EPERM, and the caller reads {@code /proc/PID/net} instead.
 */
public final class NamespacedNetlink {

    /** {@code CLONE_NEWNET} from {@code include/uapi/linux/sched.h}. */
    static final int CLONE_NEWNET = 0x40000000;

    private NamespacedNetlink() {}

    /**
     * One namespace's outcome: an open socket (the caller closes it), or why there is none.
     *
     * @param socket the socket, null when it could not be opened
     * @param errno  the failed call's errno when {@code socket} is null
     * @param reason the failure in words ({@code setns: Operation not permitted}), null on success
     */
    public record Opened(NetlinkSocket socket, int errno, String reason) {
        public boolean entered() {
            return socket != null;
        }
    }

    /**
     * Opens a netlink socket of {@code protocol} in each namespace named by a file that refers to one
     * ({@code /proc/PID/ns/net}, a bind mount under {@code /run/netns}), in order.
     *
     * @return one outcome per file, in the same order
     * @throws UnsupportedOperationException when the system calls cannot be made here
     */
    public static List<Opened> open(List<Path> namespaces, int protocol, int bufferSize) {
        Libc libc = Libc.shared();
        List<Opened> opened = new ArrayList<>(namespaces.size());
        Thread entering = Thread.ofPlatform().name("portscope-netns").daemon(true).unstarted(() -> {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment errno = Libc.errnoSegment(arena);
                for (Path namespace : namespaces) {
                    opened.add(openIn(libc, errno, arena, namespace, protocol, bufferSize));
                }
            }
        });
        entering.start();
        boolean interrupted = false;
        while (true) {
            try {
                entering.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the thread holds open sockets: wait for it, then pass the interrupt on
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (opened.size() != namespaces.size()) {
            for (Opened o : opened) {
                if (o.socket() != null) {
                    o.socket().close();
                }
            }
            throw new IllegalStateException("the thread entering network namespaces ended early");
        }
        return opened;
    }

    private static Opened openIn(Libc libc, MemorySegment errno, Arena arena, Path namespace, int protocol, int bufferSize) {
        int fd = libc.openat(errno, AT_FDCWD, arena.allocateFrom(namespace.toString()), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            return new Opened(null, -fd, "open " + namespace + ": " + Errno.text(-fd));
        }
        try {
            int entered = libc.setns(errno, fd, CLONE_NEWNET);
            if (entered < 0) {
                return new Opened(null, -entered, "setns: " + Errno.text(-entered));
            }
        } finally {
            libc.close(errno, fd);
        }
        try {
            return new Opened(NetlinkSocket.open(protocol, bufferSize), 0, null);
        } catch (NetlinkSocketException e) {
            return new Opened(null, e.errno(), e.getMessage());
        }
    }
}
