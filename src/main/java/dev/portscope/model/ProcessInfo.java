package dev.portscope.model;

import java.time.Instant;
import java.util.List;

/**
 * A process that holds sockets.
 *
 * @param pid         process id
 * @param parentPid   parent process id, -1 when unknown
 * @param name        short name ({@code comm})
 * @param commandLine arguments, empty for kernel threads or when unreadable
 * @param uid         effective uid, -1 when unknown
 * @param user        user name, or the uid as text when the name is unknown
 * @param startTime   when the process started, null when unknown
 * @param executable  the program file it runs, null when unknown (not root, a kernel thread)
 * @param executableDeleted true when that file was deleted or replaced since the process started
 *                    (an upgrade not yet restarted, or a program that removed itself)
 */
public record ProcessInfo(
        int pid, int parentPid, String name, List<String> commandLine, int uid, String user, Instant startTime,
        String executable, boolean executableDeleted) {

    public ProcessInfo {
        commandLine = List.copyOf(commandLine);
    }

    /** A process whose executable is unknown. */
    public ProcessInfo(int pid, int parentPid, String name, List<String> commandLine, int uid, String user, Instant startTime) {
        this(pid, parentPid, name, commandLine, uid, user, startTime, null, false);
    }
}
