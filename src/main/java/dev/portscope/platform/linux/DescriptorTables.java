package dev.portscope.platform.linux;

import dev.portscope.platform.DiagnosticLog;

/**
 * The processes' descriptor tables as {@link IncrementalOwnerTracker} reads them: cheaply stamped
 * each refresh, read in full only when a stamp moved. Not thread-safe.
 */
interface DescriptorTables extends AutoCloseable {

    /** The pids there are now, ascending; empty (and {@code log} says why) when they cannot be listed. */
    int[] pids(DiagnosticLog log);

    /** What a process's descriptor table looks like from outside, or null when the process is gone. */
    Stamp stamp(int pid);

    /**
     * Hands every socket descriptor {@code pid} holds to {@code sockets}, with its number.
     *
     * @return false when the process could not be read: gone, or refused ({@code problems} counts it)
     */
    boolean read(int pid, OwnerScanProblems problems, SocketDescriptors.Sink sockets);

    /** The inode of the socket descriptor {@code fd} of {@code pid} refers to now; -1 when closed, not a socket or unreadable. */
    long socketAt(int pid, int fd);

    @Override
    void close();

    /**
     * @param process     which process holds the pid: changes when the pid is reused
     * @param descriptors how many descriptors it has open, or -1 when the kernel does not say
     * @param uid         whom it runs as (the owner of its {@code /proc/PID/fd}), -1 when unknown
     */
    record Stamp(long process, long descriptors, int uid) {}
}
