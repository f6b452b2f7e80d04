package dev.portscope.platform.linux;

import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.linux.ffm.Libc;
import dev.portscope.platform.linux.ffm.LinuxConstants;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code /proc}'s descriptor tables. A stamp is one {@code stat("/proc/PID/fd")}: since Linux 6.2
 * its size is the number of open descriptors, and its inode number is drawn afresh for every
 * process (a reused pid gets a new one), so a process that opened, closed or received a descriptor,
 * or a new process behind an old pid, shows in the stamp without reading a single link.
 */
final class ProcDescriptorTables implements DescriptorTables {

    private static final int DIRENT_BUFFER_BYTES = 32 * 1024;

    private final Path procRoot;
    private final SocketDescriptors descriptors;
    private final int procFd;

    private ProcDescriptorTables(Path procRoot, SocketDescriptors descriptors, int procFd) {
        this.procRoot = procRoot;
        this.descriptors = descriptors;
        this.procFd = procFd;
    }

    /**
     * Opens {@code procRoot}, or returns null when this kernel does not count descriptors in
     * {@code stat} (before 6.2) or {@code procRoot} is no live procfs: then only full scans are right.
     */
    static ProcDescriptorTables open(Path procRoot) {
        if (countedDescriptors(procRoot.resolve("self/fd")) <= 0) {
            return null;
        }
        SocketDescriptors descriptors = new SocketDescriptors(Libc.shared(), DIRENT_BUFFER_BYTES, true);
        byte[] root = procRoot.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8);
        int fd = descriptors.reader().openDirectory(LinuxConstants.AT_FDCWD, root, 0, root.length);
        if (fd < 0) {
            descriptors.close();
            return null;
        }
        return new ProcDescriptorTables(procRoot, descriptors, fd);
    }

    private static long countedDescriptors(Path fdDirectory) {
        try {
            return Files.size(fdDirectory);
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }

    @Override
    public int[] pids(DiagnosticLog log) {
        // getdents64 from the start again: the directory offset of an open /proc is rewound by lseek
        int fd = descriptors.reader().openDirectory(procFd, new byte[] {'.'}, 0, 1);
        if (fd < 0) {
            log.report(Failures.ofErrno(-fd), procRoot + ": cannot list processes: " + Failures.errnoText(-fd));
            return new int[0];
        }
        try {
            return FdOwnerScanner.listPids(descriptors.reader(), fd, procRoot, log);
        } finally {
            descriptors.reader().closeDescriptor(fd);
        }
    }

    @Override
    public Stamp stamp(int pid) {
        try {
            Map<String, Object> attributes = Files.readAttributes(
                    procRoot.resolve(Integer.toString(pid)).resolve("fd"), "unix:ino,size,uid", LinkOption.NOFOLLOW_LINKS);
            long size = (Long) attributes.get("size");
            return new Stamp((Long) attributes.get("ino"), size > 0 ? size : -1, (Integer) attributes.get("uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return null; // exited (ENOENT, ESRCH); a refusal of stat itself never happens to /proc/PID
        }
    }

    @Override
    public boolean read(int pid, OwnerScanProblems problems, SocketDescriptors.Sink sockets) {
        return descriptors.read(procFd, pid, problems, sockets);
    }

    @Override
    public long socketAt(int pid, int fd) {
        return descriptors.socketAt(procFd, pid, fd);
    }

    @Override
    public void close() {
        descriptors.reader().closeDescriptor(procFd);
        descriptors.close();
    }
}
