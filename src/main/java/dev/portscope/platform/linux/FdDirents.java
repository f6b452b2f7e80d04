package dev.portscope.platform.linux;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Pure decoder of the records {@code getdents64(2)} writes, one per directory entry:
 * <pre>
 * struct linux_dirent64 {        // include/linux/dirent.h
 *     u64            d_ino;      // offset 0
 *     s64            d_off;      // offset 8
 *     unsigned short d_reclen;   // offset 16: length of this record, padded to 8 bytes
 *     unsigned char  d_type;     // offset 18
 *     char           d_name[];   // offset 19: NUL-terminated, then padding
 * };
 * </pre>
 * Integers are in the machine's byte order. A walk goes {@code for (p = 0; p < n; p = next(buf, p, n))}.
 */
final class FdDirents {

    /** Offset of {@code d_name} in a record. */
    static final int NAME = 19;

    private static final VarHandle U16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.nativeOrder());

    private FdDirents() {}

    /**
     * The offset of the record after the one at {@code pos}.
     *
     * @param end the number of bytes {@code getdents64} returned
     * @throws IllegalStateException when the record's length is impossible (not kernel output)
     */
    static int next(byte[] buf, int pos, int end) {
        int reclen = Short.toUnsignedInt((short) U16.get(buf, pos + 16));
        if (reclen <= NAME || pos + reclen > end) {
            throw new IllegalStateException("bad linux_dirent64 at offset " + pos + ": d_reclen " + reclen + " of " + end + " bytes");
        }
        return pos + reclen;
    }

    /** The length of the name of the record at {@code pos}, up to its NUL. */
    static int nameLength(byte[] buf, int pos) {
        int limit = pos + Short.toUnsignedInt((short) U16.get(buf, pos + 16));
        int i = pos + NAME;
        while (i < limit && buf[i] != 0) {
            i++;
        }
        return i - pos - NAME;
    }

    /**
     * The name of the record at {@code pos} read as a decimal number: a pid under {@code /proc}, a
     * descriptor under {@code /proc/<pid>/fd}.
     *
     * @return the number, or -1 when the name is not all digits (".", "..", "self", "net")
     */
    static int decimalName(byte[] buf, int pos) {
        int limit = pos + Short.toUnsignedInt((short) U16.get(buf, pos + 16));
        int i = pos + NAME;
        long value = 0;
        int digits = 0;
        for (; i < limit && buf[i] != 0; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9 || ++digits > 10) {
                return -1;
            }
            value = value * 10 + d;
        }
        return digits == 0 || value > Integer.MAX_VALUE ? -1 : (int) value;
    }
}
