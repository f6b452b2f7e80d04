package dev.portscope.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FdDirentsTest {

    /** Writes records as getdents64 does: header, name, NUL, padded to 8 bytes, native byte order. */
    static byte[] records(String... names) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long ino = 100;
        for (String name : names) {
            byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
            int reclen = (FdDirents.NAME + bytes.length + 1 + 7) & ~7;
            ByteBuffer record = ByteBuffer.allocate(reclen).order(ByteOrder.nativeOrder());
            record.putLong(ino++).putLong(ino * 31).putShort((short) reclen).put((byte) 10 /* DT_LNK */).put(bytes);
            out.writeBytes(record.array());
        }
        return out.toByteArray();
    }

    private static List<String> walk(byte[] buf) {
        List<String> names = new ArrayList<>();
        for (int pos = 0; pos < buf.length; pos = FdDirents.next(buf, pos, buf.length)) {
            names.add(new String(buf, pos + FdDirents.NAME, FdDirents.nameLength(buf, pos), StandardCharsets.UTF_8));
        }
        return names;
    }

    @Test
    void walksEveryRecordOfABatch() {
        byte[] buf = records(".", "..", "0", "1", "17", "self", "a-much-longer-name-than-eight-bytes");
        assertThat(walk(buf)).containsExactly(".", "..", "0", "1", "17", "self", "a-much-longer-name-than-eight-bytes");
    }

    @Test
    void readsDecimalNamesAndRejectsOthers() {
        byte[] buf = records("4242", "0", ".", "..", "self", "12a", "2147483647", "2147483648", "99999999999");
        List<Integer> numbers = new ArrayList<>();
        for (int pos = 0; pos < buf.length; pos = FdDirents.next(buf, pos, buf.length)) {
            numbers.add(FdDirents.decimalName(buf, pos));
        }
        assertThat(numbers).containsExactly(4242, 0, -1, -1, -1, -1, Integer.MAX_VALUE, -1, -1);
    }

    @Test
    void aRecordLongerThanTheBatchIsNotKernelOutput() {
        byte[] buf = records("12345");
        assertThatThrownBy(() -> FdDirents.next(buf, 0, buf.length - 8))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("d_reclen");
    }

    @Test
    void aZeroLengthRecordDoesNotLoopForever() {
        byte[] buf = records("1");
        buf[16] = 0;
        buf[17] = 0;
        assertThatThrownBy(() -> FdDirents.next(buf, 0, buf.length)).isInstanceOf(IllegalStateException.class);
    }
}
