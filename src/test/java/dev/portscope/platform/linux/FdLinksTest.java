package dev.portscope.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FdLinksTest {

    private static long inodeOf(String link) {
        byte[] buf = new byte[64]; // as the scanner reads links: into a larger, reused buffer
        byte[] bytes = link.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, buf, 0, bytes.length);
        return FdLinks.socketInode(buf, bytes.length);
    }

    @ParameterizedTest
    @CsvSource({
        "socket:[12345], 12345",
        "socket:[0], 0",
        "socket:[4294967295], 4294967295",
        "socket:[9223372036854775807], 9223372036854775807",
        "socket:[9223372036854775808], -1",
        "socket:[], -1",
        "socket:[12a], -1",
        "socket:[123, -1",
        "socket:123], -1",
        "pipe:[12345], -1",
        "anon_inode:[eventpoll], -1",
        "/tmp/socket:[1], -1",
        "net:[4026531840], -1",
        "'', -1"
    })
    void readsTheInodeOfSocketLinksOnly(String link, long expected) {
        assertThat(inodeOf(link)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"-1", "65"})
    void aLengthOutsideTheBufferIsNotASocket(int length) {
        byte[] buf = "socket:[1]".getBytes(StandardCharsets.UTF_8);
        assertThat(FdLinks.socketInode(java.util.Arrays.copyOf(buf, 64), length)).isEqualTo(-1);
    }
}
