package dev.portscope.platform.linux;

import dev.portscope.model.Diagnostic;
import dev.portscope.model.OwnerIndex;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.OwnerScan;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongPredicate;

/**
 * Socket owners with java.nio only: lists {@code /proc/<pid>/fd} and reads each link. The fallback
 * where {@link FdOwnerScanner} cannot bind libc (no native access, another libc); several times slower
 * because every descriptor costs a {@code Path} and a {@code String}.
 */
final class NioOwnerScanner {

    private final Path procRoot;

    NioOwnerScanner(Path procRoot) {
        this.procRoot = procRoot;
    }

    OwnerScan scan(LongPredicate wanted, int wantedCount, DiagnosticLog log) {
        OwnerIndex.Builder owners = new OwnerIndex.Builder();
        int unreadable = 0;
        boolean complete = true;
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(procRoot, NioOwnerScanner::isPidDirectory)) {
            for (Path pidDir : pids) {
                int pid = Integer.parseInt(pidDir.getFileName().toString());
                if (!scanDescriptors(pidDir.resolve("fd"), pid, wanted, owners)) {
                    unreadable++;
                }
                if (wantedCount >= 0 && owners.size() >= wantedCount) {
                    complete = false;
                    break;
                }
            }
        } catch (IOException e) {
            log.report(Failures.of(e), procRoot + ": cannot list processes: " + Failures.reason(e));
        }
        return new OwnerScan(owners.build(), unreadable, complete);
    }

    private static boolean isPidDirectory(Path path) {
        String name = path.getFileName().toString();
        if (name.isEmpty() || name.length() > 10) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** @return false when the descriptors could not be read for lack of permission */
    private static boolean scanDescriptors(Path fdDir, int pid, LongPredicate wanted, OwnerIndex.Builder owners) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
            for (Path fd : fds) {
                String link;
                try {
                    link = Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    continue; // closed while we looked
                }
                long inode = ProcPidFiles.socketInode(link);
                if (inode > 0 && (wanted == null || wanted.test(inode))) {
                    owners.add(inode, pid);
                }
            }
            return true;
        } catch (AccessDeniedException e) {
            return false;
        } catch (IOException e) {
            return true; // the process exited: nothing of it to report
        }
    }
}
