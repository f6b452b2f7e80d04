package dev.portscope.platform.linux;

import java.util.ArrayList;
import java.util.List;

/** Pure decoders for the per-process files of procfs ({@code proc(5)}). */
final class ProcPidFiles {

    private ProcPidFiles() {}

    /** The fields of {@code /proc/<pid>/stat} that portscope uses. */
    record Stat(String name, char state, int parentPid, long startTicks) {

        /** {@code Z} (zombie) and {@code X} (dead): the process has exited, only its pid is left. */
        boolean exited() {
            return state == 'Z' || state == 'X';
        }
    }

    /**
     * Decodes {@code /proc/<pid>/stat}. The name sits in parentheses and may itself hold spaces and
     * parentheses, so fields are counted from the last {@code ')'}.
     */
    static Stat parseStat(String text) {
        int open = text.indexOf('(');
        int close = text.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("no (comm) field");
        }
        String[] rest = text.substring(close + 2).trim().split(" ");
        // rest[0] is field 3 (state); ppid is field 4, starttime field 22.
        if (rest.length < 20) {
            throw new IllegalArgumentException("too few fields");
        }
        if (rest[0].length() != 1) {
            throw new IllegalArgumentException("state '" + rest[0] + "' is not one letter");
        }
        return new Stat(text.substring(open + 1, close), rest[0].charAt(0), Integer.parseInt(rest[1]), Long.parseLong(rest[19]));
    }

    /** The effective uid from the {@code Uid:} line of {@code /proc/<pid>/status} (real, effective, saved, fs). */
    static int parseEffectiveUid(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("Uid:")) {
                String[] ids = line.substring(4).trim().split("\\s+");
                return Integer.parseInt(ids.length > 1 ? ids[1] : ids[0]);
            }
        }
        throw new IllegalArgumentException("no Uid line");
    }

    /** Splits {@code /proc/<pid>/cmdline}: arguments ended by NUL bytes. */
    static List<String> parseCommandLine(byte[] raw) {
        List<String> args = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == 0) {
                args.add(new String(raw, start, i - start, java.nio.charset.StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < raw.length) {
            // A process that rewrote its arguments (setproctitle) may leave no final NUL.
            args.add(new String(raw, start, raw.length - start, java.nio.charset.StandardCharsets.UTF_8));
        }
        // A process that rewrote its title (nginx, redis, postgres) pads the rest of its old arguments
        // with NULs: empty arguments at the end are that padding, as ps shows it.
        while (!args.isEmpty() && args.getLast().isEmpty()) {
            args.removeLast();
        }
        return args;
    }

    /** The suffix readlink(2) gives {@code /proc/PID/exe} once the file is gone (fs/d_path.c). */
    private static final String DELETED = " (deleted)";

    /** The executable named by the {@code /proc/PID/exe} link, without the kernel's deletion mark. */
    static String executablePath(String link) {
        return link.endsWith(DELETED) ? link.substring(0, link.length() - DELETED.length()) : link;
    }

    /** Whether the {@code /proc/PID/exe} link says the file was deleted (or replaced by a new one). */
    static boolean executableDeleted(String link) {
        return link.endsWith(DELETED);
    }

    /** The boot time in seconds since the epoch, from the {@code btime} line of {@code /proc/stat}. */
    static long parseBootTime(String procStat) {
        for (String line : procStat.split("\n")) {
            if (line.startsWith("btime ")) {
                return Long.parseLong(line.substring(6).trim());
            }
        }
        throw new IllegalArgumentException("no btime line");
    }

    /** The inode of a descriptor link {@code socket:[12345]}, or -1 when it is not a socket. */
    static long socketInode(String link) {
        if (!link.startsWith("socket:[") || !link.endsWith("]")) {
            return -1;
        }
        try {
            return Long.parseLong(link, 8, link.length() - 1, 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
