package dev.portscope.platform.linux.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

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
        try {
            Linker linker = Linker.nativeLinker();
            MethodHandle ioctl = linker.downcallHandle(
                    linker.defaultLookup().find("ioctl").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS),
                    Linker.Option.firstVariadicArg(2));
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment winsize = arena.allocate(8, 2);
                int rc = (int) ioctl.invokeExact(1, TIOCGWINSZ, winsize);
                return rc == 0 ? Short.toUnsignedInt(winsize.get(ValueLayout.JAVA_SHORT, 2)) : 0;
            }
        } catch (Throwable e) {
            return 0; // no libc ioctl (another platform): tables are simply not narrowed
        }
    }
}
