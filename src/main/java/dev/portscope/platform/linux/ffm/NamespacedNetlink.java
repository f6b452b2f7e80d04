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
     * A namespace to enter.
     *
     * @param file  a file that refers to it ({@code /proc/PID/ns/net}, a bind mount under {@code /run/netns})
     * @param inode its inode: a file that now refers to another namespace (the process exited and its
     *              pid was taken again) is not used
     */
    public record Target(Path file, long inode) {}

    /**
     * One namespace's outcome: an open socket (the caller closes it), or why there is none.
     *
     * @param socket the socket, null when it could not be opened
     * @param errno  the failed call's errno when {@code socket} is null
     * @param reason the failure in words ({@code setns: Operation not permitted}), null on success
     * @param gone   true when the namespace is no longer there (its file is gone or names another one)
     */
    public record Opened(NetlinkSocket socket, int errno, String reason, boolean gone) {
        public boolean entered() {
            return socket != null;
        }
    }

    /**
     * Opens a netlink socket of {@code protocol} in each namespace, in order.
     *
     * @return one outcome per namespace, in the same order
     * @throws UnsupportedOperationException when the system calls cannot be made here
     */
    public static List<Opened> open(List<Target> namespaces, int protocol, int bufferSize) {
        Libc libc = Libc.shared();
        List<Opened> opened = new ArrayList<>(namespaces.size());
        Thread entering = Thread.ofPlatform().name("portscope-netns").daemon(true).unstarted(() -> {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment errno = Libc.errnoSegment(arena);
                for (Target namespace : namespaces) {
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

    private static Opened openIn(Libc libc, MemorySegment errno, Arena arena, Target namespace, int protocol, int bufferSize) {
        int fd = libc.openat(errno, AT_FDCWD, arena.allocateFrom(namespace.file().toString()), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            return new Opened(null, -fd, "open " + namespace.file() + ": " + Errno.text(-fd), -fd == Errno.ENOENT || -fd == Errno.ESRCH);
        }
        try {
            int entered = libc.setns(errno, fd, CLONE_NEWNET);
            if (entered < 0) {
                return new Opened(null, -entered, "setns: " + Errno.text(-entered), false);
            }
        } finally {
            libc.close(errno, fd);
        }
        if (current(libc, errno, arena) != namespace.inode()) {
            return new Opened(null, 0, namespace.file() + " refers to another network namespace now", true);
        }
        try {
            return new Opened(NetlinkSocket.open(protocol, bufferSize), 0, null, false);
        } catch (NetlinkSocketException e) {
            return new Opened(null, e.errno(), e.getMessage(), false);
        }
    }

    /** The inode of the calling thread's network namespace ({@code /proc/thread-self/ns/net}: {@code net:[4026531840]}), or -1. */
    private static long current(Libc libc, MemorySegment errno, Arena arena) {
        MemorySegment buffer = arena.allocate(64);
        int length = libc.readlinkat(errno, AT_FDCWD, arena.allocateFrom("/proc/thread-self/ns/net"), buffer);
        if (length <= 0) {
            return -1;
        }
        String link = new String(buffer.asSlice(0, length).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), java.nio.charset.StandardCharsets.US_ASCII);
        int open = link.indexOf('[');
        int close = link.indexOf(']');
        try {
            return open < 0 || close < open ? -1 : Long.parseLong(link, open + 1, close, 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
