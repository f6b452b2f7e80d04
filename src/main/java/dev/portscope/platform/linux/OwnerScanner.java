package dev.portscope.platform.linux;

import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.OwnerScan;
import java.util.function.LongPredicate;

/**
 * Finds the processes holding socket inodes by reading every {@code /proc/<pid>/fd}. Every
 * implementation reads every process (a socket may have many holders: see {@code Inventory}) and
 * judges what it could not read through {@link OwnerScanProblems}: the same counts, the same
 * diagnostics, whichever way the descriptors are read.
 */
interface OwnerScanner {

    /**
     * @param wanted the inodes to keep, or {@code null} for all; called from every scanning thread,
     *               so it must be safe for concurrent reads (a set nobody writes to meanwhile is)
     * @param log    told what could not be read, but permission: that is counted in the result
     */
    OwnerScan scan(LongPredicate wanted, DiagnosticLog log);
}
