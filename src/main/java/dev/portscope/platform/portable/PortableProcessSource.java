package dev.portscope.platform.portable;

import dev.portscope.model.Diagnostic;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.ProcessOrigin;
import dev.portscope.model.ProcessStatus;
import dev.portscope.model.Socket;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.OwnerScan;
import dev.portscope.platform.ProcessSource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Owners from OSHI's connection tables (each row names its process), processes from OSHI's
 * {@link OperatingSystem}. Start times come from OSHI both when a process is described and when its
 * status is checked before {@code kill} signals it, so the two always compare equal for one process.
 */
final class PortableProcessSource implements ProcessSource {

    /** Windows' "System" process: the kernel, which holds the ports of HTTP.sys. */
    static final int WINDOWS_SYSTEM_PID = 4;

    private final ConnectionReads reads;
    private final OperatingSystem os;
    private final BooleanSupplier elevated;

    PortableProcessSource(ConnectionReads reads, OperatingSystem os, BooleanSupplier elevated) {
        this.reads = reads;
        this.os = os;
        this.elevated = elevated;
    }

    @Override
    public OwnerScan scanOwners(LongPredicate wanted, DiagnosticLog log) {
        ConnectionTable table = reads.forOwners();
        reportOwnerless(table, wanted, log);
        if (reads.system() == SystemKind.WINDOWS) {
            noteHttpSys(table, wanted, log);
            if (!elevated.getAsBoolean()) {
                log.report(Diagnostic.Kind.NOTE, "not an administrator: the command lines and users of other users'"
                        + " and elevated processes are not readable on Windows (run from an elevated prompt to see them)");
            }
        }
        return new OwnerScan(table.owners());
    }

    /**
     * OSHI names no process for a socket whose holder it could not read (Linux: descriptors refused;
     * elsewhere: a process it may not inspect): its owner is unknown, and the answer partial.
     */
    private static void reportOwnerless(ConnectionTable table, LongPredicate wanted, DiagnosticLog log) {
        int ownerless = 0;
        for (Socket socket : table.sockets()) {
            if (socket.key() != 0 && (wanted == null || wanted.test(socket.key())) && table.owners().pidsOf(socket.key()).length == 0) {
                ownerless++;
            }
        }
        if (ownerless > 0) {
            log.report(Diagnostic.Kind.PERMISSION_DENIED, "owners of " + ownerless + " sockets unknown: OSHI named no process"
                    + " for them (a process portscope may not inspect: run as root or administrator)");
        }
    }

    /**
     * A listener held by pid 4 on Windows is HTTP.sys's, the kernel's HTTP server, on behalf of the
     * service that reserved the URL (IIS, WinRM, a .NET HttpListener): stopping pid 4 is impossible,
     * the service behind it is the one to stop.
     */
    private static void noteHttpSys(ConnectionTable table, LongPredicate wanted, DiagnosticLog log) {
        TreeSet<Integer> ports = new TreeSet<>();
        for (Socket socket : table.sockets()) {
            if (socket.isListening() && socket.key() != 0 && (wanted == null || wanted.test(socket.key()))) {
                for (int pid : table.owners().pidsOf(socket.key())) {
                    if (pid == WINDOWS_SYSTEM_PID) {
                        ports.add(socket.local().port());
                    }
                }
            }
        }
        if (!ports.isEmpty()) {
            log.report(Diagnostic.Kind.NOTE, "pid 4 (System) holds " + (ports.size() == 1 ? "port " : "ports ")
                    + String.join(", ", ports.stream().map(String::valueOf).toList())
                    + " for HTTP.sys, the kernel's HTTP server, on behalf of a service (IIS, WinRM, an HttpListener):"
                    + " 'netsh http show servicestate' names it; stop that service, not pid 4");
        }
    }

    @Override
    public Optional<ProcessInfo> describe(int pid, DiagnosticLog log) {
        OSProcess process = os.getProcess(pid);
        if (process == null) {
            return Optional.empty();
        }
        return Optional.of(ProcessFacts.of(process));
    }

    @Override
    public ProcessStatus status(int pid) {
        OSProcess process = os.getProcess(pid);
        if (process == null) {
            return ProcessStatus.GONE;
        }
        if (process.getState() == OSProcess.State.ZOMBIE) {
            return ProcessStatus.EXITED;
        }
        Instant start = ProcessFacts.startTime(process);
        return start == null ? ProcessStatus.UNKNOWN : ProcessStatus.running(start);
    }

    @Override
    public ProcessOrigin origin(int pid) {
        return ProcessOrigin.NONE;
    }

    /** OSHI resolves names per process, not per uid: a uid with no process at hand is shown as a number. */
    @Override
    public String userName(int uid) {
        return Integer.toString(uid);
    }

    /** OSHI's process facts in the model's terms; what OSHI reports as unknown stays unknown. */
    static final class ProcessFacts {

        private static final String OSHI_UNKNOWN = "unknown";

        private ProcessFacts() {}

        static ProcessInfo of(OSProcess p) {
            int uid = number(p.getUserID());
            String user = known(p.getUser());
            if (user == null) {
                user = uid >= 0 ? Integer.toString(uid) : "-";
            }
            List<String> arguments = p.getArguments() == null ? List.of() : p.getArguments();
            String name = known(p.getName());
            return new ProcessInfo(p.getProcessID(), p.getParentProcessID(), name == null ? "-" : name, arguments, uid,
                    user, startTime(p), known(p.getPath()), false);
        }

        static Instant startTime(OSProcess p) {
            long millis = p.getStartTime();
            return millis > 0 ? Instant.ofEpochMilli(millis) : null;
        }

        /** A POSIX uid; Windows gives a SID ({@code S-1-5-18}), which is no uid: -1. */
        private static int number(String id) {
            if (id == null || !id.matches("\\d{1,10}")) {
                return -1;
            }
            long value = Long.parseLong(id);
            return value <= Integer.MAX_VALUE ? (int) value : -1;
        }

        private static String known(String text) {
            return text == null || text.isEmpty() || text.equals(OSHI_UNKNOWN) ? null : text;
        }
    }
}
