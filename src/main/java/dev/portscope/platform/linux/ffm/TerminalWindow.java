package dev.portscope.platform.linux.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** The width of the terminal on standard output, from {@code ioctl(TIOCGWINSZ)} ({@code tty_ioctl(4)}). */
public final class TerminalWindow {

    /** {@code TIOCGWINSZ} from {@code asm-generic/ioctls.h} (x86, arm64, riscv). */
    private static final long TIOCGWINSZ = 0x5413;

    private TerminalWindow() {}

    /**
     * <pre>
     * struct winsize {            // include/uapi/asm-generic/termios.h
     *     unsigned short ws_row;     // offset 0
     *     unsigned short ws_col;     // offset 2
     *     unsigned short ws_xpixel;
     *     unsigned short ws_ypixel;
     * };
     * </pre>
     *
     * @return the number of columns, or 0 when standard output is not a terminal or the call fails
     */
    public static int columnsOfStandardOutput() {
        if (Libc.unavailableReason().isPresent()) {
            return 0; // not Linux, or no native access: tables are simply not narrowed
        }
        try (Arena arena = Arena.ofConfined()) {
            // Through the one shared syscall() binding: a handle of its own would cost as much to link again.
            MemorySegment winsize = arena.allocate(8, 2);
            int rc = Libc.shared().ioctl(Libc.errnoSegment(arena), 1, TIOCGWINSZ, winsize);
            return rc == 0 ? Short.toUnsignedInt(winsize.get(ValueLayout.JAVA_SHORT, 2)) : 0;
        }
    }
}
