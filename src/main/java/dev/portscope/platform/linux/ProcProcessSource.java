package dev.portscope.platform.linux;

import dev.portscope.model.ProcessInfo;
import dev.portscope.model.ProcessOrigin;
import dev.portscope.model.ProcessStatus;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.OwnerScan;
import dev.portscope.platform.OwnerTracker;
import dev.portscope.platform.ProcessSource;
import dev.portscope.platform.linux.ffm.Libc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.LongPredicate;

/**
 * Processes from procfs: socket owners by reading the {@code socket:[inode]} links under
 * {@code /proc/<pid>/fd}, and each process from its {@code stat}, {@code status} and {@code cmdline}.
 * Processes that exit during the scan are skipped; unreadable ones are counted.
 */
public final class ProcProcessSource implements ProcessSource {

    /** {@code USER_HZ}, the unit of {@code starttime}: 100 on every architecture Linux exports it on but alpha. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private final Path procRoot;
    private final PasswdUsers users;
    private final ContainerNames containerNames;
    private long bootTime = -1;
    private FdOwnerScanner fastScanner;

    public ProcProcessSource(Path procRoot, Path passwdFile) {
        this(procRoot, passwdFile, Path.of("/"));
    }

    /** @param stateRoot where container runtimes keep their state, for containers' names ({@link ContainerNames}) */
    public ProcProcessSource(Path procRoot, Path passwdFile, Path stateRoot) {
        this.procRoot = procRoot;
        this.users = new PasswdUsers(passwdFile);
        this.containerNames = new ContainerNames(stateRoot, passwdFile);
    }

    /**
     * Scans with libc through FFM ({@link FdOwnerScanner}) where it can be bound, else with java.nio
     * ({@link NioOwnerScanner}). Bound on first use, so listings without owners never pay for it.
     */
    @Override
    public OwnerScan scanOwners(LongPredicate wanted, DiagnosticLog log) {
        FdOwnerScanner fast = fastScanner();
        return (fast != null ? fast : new NioOwnerScanner(procRoot)).scan(wanted, log);
    }

    /**
     * Incremental where the kernel counts descriptors in {@code stat} (Linux 6.2+) and libc can be
     * bound; full scans otherwise.
     */
    @Override
    public OwnerTracker ownerTracker() {
        if (Libc.unavailableReason().isEmpty()) {
            ProcDescriptorTables tables = ProcDescriptorTables.open(procRoot);
            if (tables != null) {
                return new IncrementalOwnerTracker(tables);
            }
        }
        return ProcessSource.super.ownerTracker();
    }

    private synchronized FdOwnerScanner fastScanner() {
        if (fastScanner == null && Libc.unavailableReason().isEmpty()) {
            fastScanner = new FdOwnerScanner(procRoot, FdOwnerScanner.Settings.forThisMachine());
        }
        return fastScanner;
    }

    @Override
    public Optional<ProcessInfo> describe(int pid, DiagnosticLog log) {
        Path dir = procRoot.resolve(Integer.toString(pid));
        try {
            ProcPidFiles.Stat stat = ProcPidFiles.parseStat(Files.readString(dir.resolve("stat")));
            // comm ends with one newline; anything else in it is the name, spaces and all (exact, escaped only for display)
            String comm = readOptional(dir.resolve("comm"));
            String name = comm.endsWith("\n") ? comm.substring(0, comm.length() - 1) : comm;
            if (name.isEmpty()) {
                name = stat.name();
            }
            List<String> commandLine = List.of();
            try {
                commandLine = ProcPidFiles.parseCommandLine(Files.readAllBytes(dir.resolve("cmdline")));
            } catch (AccessDeniedException e) {
                // hidden by hidepid: keep what stat gave
            }
            int uid = -1;
            try {
                uid = ProcPidFiles.parseEffectiveUid(Files.readString(dir.resolve("status")));
            } catch (IllegalArgumentException e) {
                log.malformed(dir.resolve("status").toString(), e.getMessage());
            }
            Instant start = startTime(stat.startTicks(), log);
            String user = uid >= 0 ? users.nameOf(uid) : "?";
            String exe = executableLink(dir);
            return Optional.of(new ProcessInfo(pid, stat.parentPid(), name, commandLine, uid, user, start,
                    exe == null ? null : ProcPidFiles.executablePath(exe), exe != null && ProcPidFiles.executableDeleted(exe)));
        } catch (IOException e) {
            if (!Failures.vanished(e)) { // an exited process is churn, not a gap
                log.report(Failures.of(e), "process " + pid + " not described: " + Failures.reason(e));
            }
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            log.malformed(dir.resolve("stat").toString(), e.getMessage());
            return Optional.empty();
        }
    }

    /** From {@code /proc/<pid>/stat}: its state letter and the start time {@link #describe} computes. */
    @Override
    public ProcessStatus status(int pid) {
        try {
            ProcPidFiles.Stat stat = ProcPidFiles.parseStat(Files.readString(procRoot.resolve(Integer.toString(pid)).resolve("stat")));
            if (stat.exited()) {
                return ProcessStatus.EXITED;
            }
            Instant start = startTime(stat.startTicks(), new DiagnosticLog());
            return start == null ? ProcessStatus.UNKNOWN : ProcessStatus.running(start);
        } catch (NoSuchFileException e) {
            return ProcessStatus.GONE;
        } catch (IOException | IllegalArgumentException e) {
            return ProcessStatus.UNKNOWN;
        }
    }

    /** From {@code /proc/<pid>/cgroup}, a container named from its runtime's state (each file read once per source). */
    @Override
    public ProcessOrigin origin(int pid) {
        String text;
        try {
            text = Files.readString(procRoot.resolve(Integer.toString(pid)).resolve("cgroup"));
        } catch (IOException e) {
            return ProcessOrigin.NONE; // exited, or hidden: nothing to say about its origin
        }
        ProcessOrigin origin = CgroupParser.parse(text);
        if (origin.container() == null) {
            return origin;
        }
        return new ProcessOrigin(origin.systemdUnit(), origin.userUnit(),
                containerNames.name(origin.container(), CgroupParser.userManagerUid(text)));
    }

    @Override
    public ProcessOrigin origin(int pid, DiagnosticLog log) {
        ProcessOrigin origin = origin(pid);
        containerNames.reportTo(log);
        return origin;
    }

    @Override
    public String userName(int uid) {
        return users.nameOf(uid);
    }

    /** The {@code exe} link's target; null when unreadable (another user's process without root, a kernel thread). */
    private static String executableLink(Path dir) {
        try {
            return Files.readSymbolicLink(dir.resolve("exe")).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static String readOptional(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private synchronized Instant startTime(long ticks, DiagnosticLog log) {
        if (bootTime == -1) {
            try {
                bootTime = ProcPidFiles.parseBootTime(Files.readString(procRoot.resolve("stat")));
            } catch (IOException | IllegalArgumentException e) {
                bootTime = -2;
            }
        }
        if (bootTime < 0) {
            return null;
        }
        long millis = bootTime * 1000 + ticks * 1000 / CLOCK_TICKS_PER_SECOND;
        return Instant.ofEpochMilli(millis);
    }
}
