package dev.portscope.platform.linux;

import dev.portscope.model.OwnerIndex;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.OwnerScan;
import dev.portscope.platform.linux.ffm.Errno;
import dev.portscope.platform.linux.ffm.FdReader;
import dev.portscope.platform.linux.ffm.Libc;
import dev.portscope.platform.linux.ffm.LinuxConstants;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongPredicate;

/**
 * Socket owners through libc: {@code getdents64} on {@code /proc} for the pids, then per process
 * {@code openat("<pid>/fd")}, {@code getdents64} and, per descriptor, {@code readlinkat} into reused
 * native buffers, decoded without a String per descriptor. Processes are shared among threads through
 * one cursor, as their descriptor counts differ by orders of magnitude. What cannot be read is judged
 * by {@link OwnerScanProblems}, as {@link NioOwnerScanner} judges it.
 */
final class FdOwnerScanner implements OwnerScanner {

    /**
     * @param threads how many threads share the processes (1 = the caller's thread only)
     */
    record Settings(int threads) {
        Settings {
            if (threads < 1 || threads > 64) {
                throw new IllegalArgumentException("threads " + threads);
            }
        }

        /**
         * Up to two threads (bench/README.md): two threads cost no more CPU than one, and the kernel
         * work they do is per process. More were not tried: the machines this was measured on had two
         * CPUs. ({@code statx} through each link instead of {@code readlinkat} was measured too, was not
         * faster and fails on copied trees, and is gone.)
         */
        static Settings forThisMachine() {
            return new Settings(Math.min(2, Runtime.getRuntime().availableProcessors()));
        }
    }

    private static final int DIRENT_BUFFER_BYTES = 32 * 1024;
    private static final byte[] FD = "/fd".getBytes(StandardCharsets.US_ASCII);

    private final Libc libc;
    private final Path procRoot;
    private final Settings settings;

    /** @throws UnsupportedOperationException when libc cannot be bound here */
    FdOwnerScanner(Path procRoot, Settings settings) {
        this.libc = Libc.shared();
        this.procRoot = procRoot;
        this.settings = settings;
    }

    @Override
    public OwnerScan scan(LongPredicate wanted, DiagnosticLog log) {
        byte[] root = procRoot.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8);
        try (FdReader reader = new FdReader(libc, DIRENT_BUFFER_BYTES)) {
            int procFd = reader.openDirectory(LinuxConstants.AT_FDCWD, root, 0, root.length);
            if (procFd < 0) {
                log.report(Failures.ofErrno(-procFd), procRoot + ": cannot list processes: " + Failures.errnoText(-procFd));
                return new OwnerScan(OwnerIndex.empty());
            }
            try {
                return scanProcesses(procFd, listPids(reader, procFd, procRoot, log), wanted, log);
            } finally {
                reader.closeDescriptor(procFd);
            }
        }
    }

    private OwnerScan scanProcesses(int procFd, int[] pids, LongPredicate wanted, DiagnosticLog log) {
        AtomicInteger cursor = new AtomicInteger();
        int threads = Math.min(settings.threads(), Math.max(1, pids.length));
        Worker[] workers = new Worker[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Worker(procFd, pids, cursor, wanted);
        }
        Thread[] started = new Thread[threads - 1];
        for (int t = 1; t < threads; t++) {
            started[t - 1] = Thread.ofPlatform().name("portscope-fd-" + t).start(workers[t]);
        }
        workers[0].run();
        joinAll(started);
        OwnerIndex.Builder owners = workers[0].owners;
        OwnerScanProblems problems = workers[0].problems;
        for (Worker worker : workers) {
            if (worker.failure != null) {
                throw new IllegalStateException("scanning /proc/<pid>/fd failed", worker.failure);
            }
            if (worker != workers[0]) {
                owners.addAll(worker.owners);
                problems.merge(worker.problems);
            }
        }
        problems.report(log);
        return new OwnerScan(owners.build(), problems.unreadableProcesses());
    }

    private static void joinAll(Thread[] threads) {
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the workers finish on their own: the scan is bounded by /proc's size
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The numeric entries of {@code /proc}, in directory order (ascending pid on Linux). */
    static int[] listPids(FdReader reader, int procFd, Path procRoot, DiagnosticLog log) {
        byte[] buf = new byte[reader.direntBufferBytes()];
        int[] pids = new int[1024];
        int count = 0;
        int n;
        while ((n = reader.readDirectory(procFd, buf)) > 0) {
            for (int pos = 0; pos < n; pos = FdDirents.next(buf, pos, n)) {
                int pid = FdDirents.decimalName(buf, pos);
                if (pid > 0) {
                    if (count == pids.length) {
                        pids = Arrays.copyOf(pids, count * 2);
                    }
                    pids[count++] = pid;
                }
            }
        }
        if (n < 0) {
            log.report(Failures.ofErrno(-n), procRoot + ": the list of processes was cut short: " + Failures.errnoText(-n));
        }
        return Arrays.copyOf(pids, count);
    }

    /** One thread's share: its own buffers and owner table, merged after all threads end. */
    private final class Worker implements Runnable {
        private final int procFd;
        private final int[] pids;
        private final AtomicInteger cursor;
        private final LongPredicate wanted;
        final OwnerIndex.Builder owners = new OwnerIndex.Builder();
        final OwnerScanProblems problems = new OwnerScanProblems();
        Throwable failure;

        Worker(int procFd, int[] pids, AtomicInteger cursor, LongPredicate wanted) {
            this.procFd = procFd;
            this.pids = pids;
            this.cursor = cursor;
            this.wanted = wanted;
        }

        @Override
        public void run() {
            try (SocketDescriptors descriptors = new SocketDescriptors(libc, DIRENT_BUFFER_BYTES)) {
                int i;
                while ((i = cursor.getAndIncrement()) < pids.length) {
                    int pid = pids[i];
                    descriptors.read(procFd, pid, problems, (fd, inode) -> {
                        if (wanted == null || wanted.test(inode)) {
                            owners.add(inode, pid);
                        }
                    });
                }
            } catch (RuntimeException | Error e) {
                failure = e; // rethrown by the thread that merges
            }
        }
    }

    /** Writes {@code "<pid>/fd"} into {@code path}; returns its length. */
    static int pidFdPath(int pid, byte[] path) {
        int digits = 1;
        for (int p = pid; p >= 10; p /= 10) {
            digits++;
        }
        for (int i = digits - 1, p = pid; i >= 0; i--, p /= 10) {
            path[i] = (byte) ('0' + p % 10);
        }
        System.arraycopy(FD, 0, path, digits, FD.length);
        return digits + FD.length;
    }
}
