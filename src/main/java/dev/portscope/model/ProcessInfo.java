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
 */
public record ProcessInfo(
        int pid, int parentPid, String name, List<String> commandLine, int uid, String user, Instant startTime) {

    public ProcessInfo {
        commandLine = List.copyOf(commandLine);
    }
}
