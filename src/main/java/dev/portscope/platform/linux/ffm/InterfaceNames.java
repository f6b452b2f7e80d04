package dev.portscope.platform.linux.ffm;

import static dev.portscope.platform.linux.ffm.LinuxConstants.AF_INET;
import static dev.portscope.platform.linux.ffm.LinuxConstants.SOCK_CLOEXEC;
import static dev.portscope.platform.linux.ffm.LinuxConstants.SOCK_DGRAM;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Interface names by index, in the network namespace of the calling thread, from
 * {@code ioctl(SIOCGIFNAME)} ({@code netdevice(7)}) as {@code if_indextoname(3)} asks them: unlike
 * {@code /sys/class/net}, which shows the namespace of whoever mounted sysfs, this is the namespace
 * the sockets were dumped from. The datagram socket the call needs is opened on first use, so a scan
 * with no bound socket costs nothing; names are remembered until {@link #close}. One thread at a time.
 *
 * <pre>
 * struct ifreq {                    // include/uapi/linux/if.h: 40 bytes on 64-bit machines
 *     char ifr_name[IFNAMSIZ];      // offset 0: IFNAMSIZ 16, NUL-terminated
 *     union {
 *         int ifr_ifindex;          // offset 16
 *         ...                       // the largest member, struct ifmap, makes the union 24 bytes
 *     };
 * };
 * </pre>
 */
public final class InterfaceNames implements AutoCloseable {

    /** {@code SIOCGIFNAME} from {@code include/uapi/linux/sockios.h}. */
    private static final long SIOCGIFNAME = 0x8910;
    private static final int IFREQ_SIZE = 40;
    private static final int IFNAMSIZ = 16;

    private final Map<Integer, String> names = new HashMap<>();
    private Libc libc;
    private int fd = -1;
    private boolean unavailable;

    /** The name of interface {@code index}, or null when there is none (gone) or it cannot be asked (no native access). */
    public String nameOf(int index) {
        if (names.containsKey(index)) {
            return names.get(index);
        }
        String name = ask(index);
        names.put(index, name);
        return name;
    }

    private String ask(int index) {
        if (unavailable) {
            return null;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            if (fd < 0) {
                libc = Libc.shared();
                fd = libc.socket(errno, AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
                if (fd < 0) {
                    unavailable = true;
                    return null;
                }
            }
            MemorySegment ifreq = arena.allocate(IFREQ_SIZE, 8);
            ifreq.set(ValueLayout.JAVA_INT, IFNAMSIZ, index);
            if (libc.ioctl(errno, fd, SIOCGIFNAME, ifreq) < 0) {
                return null; // ENODEV: no interface of that index (any more)
            }
            byte[] bytes = ifreq.asSlice(0, IFNAMSIZ).toArray(ValueLayout.JAVA_BYTE);
            int length = 0;
            while (length < IFNAMSIZ && bytes[length] != 0) {
                length++;
            }
            return new String(bytes, 0, length, StandardCharsets.UTF_8);
        } catch (RuntimeException | LinkageError e) {
            unavailable = true; // not Linux, or no native access: sockets keep their interface's index
            return null;
        }
    }

    @Override
    public void close() {
        if (fd >= 0) {
            try (Arena arena = Arena.ofConfined()) {
                libc.close(Libc.errnoSegment(arena), fd);
            }
            fd = -1;
        }
    }
}
