package dev.portscope.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProcPidFilesTest {

    @Test
    void statNamesMayHoldSpacesAndParentheses() {
        String stat = "123 (my (odd) name) S 45 123 123 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 9876 1 1 1";
        var parsed = ProcPidFiles.parseStat(stat);
        assertThat(parsed.name()).isEqualTo("my (odd) name");
        assertThat(parsed.parentPid()).isEqualTo(45);
        assertThat(parsed.startTicks()).isEqualTo(9876);
        assertThat(parsed.state()).isEqualTo('S');
        assertThat(parsed.exited()).isFalse();
    }

    @Test
    void aZombieHasExited() {
        var zombie = ProcPidFiles.parseStat("4321 (python3) Z 4320 4320 1 0 -1 4227148 0 0 0 0 0 0 0 0 20 0 1 0 123456 0 0");
        assertThat(zombie.state()).isEqualTo('Z');
        assertThat(zombie.exited()).isTrue();
        assertThat(zombie.startTicks()).isEqualTo(123456);
    }

    @Test
    void truncatedStatIsRejected() {
        assertThatThrownBy(() -> ProcPidFiles.parseStat("123 (x) S 1 2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcPidFiles.parseStat("garbage")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void effectiveUidIsTheSecondField() {
        assertThat(ProcPidFiles.parseEffectiveUid("Name:\tx\nUid:\t1000\t0\t0\t0\n")).isZero();
    }

    @Test
    void commandLineWithAndWithoutFinalNul() {
        assertThat(ProcPidFiles.parseCommandLine("a\0b c\0".getBytes(StandardCharsets.UTF_8))).containsExactly("a", "b c");
        assertThat(ProcPidFiles.parseCommandLine("nginx: worker process".getBytes(StandardCharsets.UTF_8)))
                .containsExactly("nginx: worker process");
        assertThat(ProcPidFiles.parseCommandLine(new byte[0])).isEmpty();
    }

    @Test
    void aRewrittenTitleLosesItsNulPadding() {
        // what nginx leaves in /proc/PID/cmdline after setproctitle: the title, then the old arguments' bytes as NULs
        byte[] nginx = "nginx: master process /usr/sbin/nginx\0\0\0\0\0\0\0\0".getBytes(StandardCharsets.UTF_8);
        assertThat(ProcPidFiles.parseCommandLine(nginx)).containsExactly("nginx: master process /usr/sbin/nginx");
        assertThat(ProcPidFiles.parseCommandLine("redis-server 0.0.0.0:6379\0\0\0".getBytes(StandardCharsets.UTF_8)))
                .containsExactly("redis-server 0.0.0.0:6379");
    }

    @Test
    void aDeletedExecutableIsNamedAndFlagged() {
        assertThat(ProcPidFiles.executablePath("/usr/sbin/nginx (deleted)")).isEqualTo("/usr/sbin/nginx");
        assertThat(ProcPidFiles.executableDeleted("/usr/sbin/nginx (deleted)")).isTrue();
        assertThat(ProcPidFiles.executablePath("/usr/sbin/nginx")).isEqualTo("/usr/sbin/nginx");
        assertThat(ProcPidFiles.executableDeleted("/usr/sbin/nginx")).isFalse();
    }

    @Test
    void socketLinks() {
        assertThat(ProcPidFiles.socketInode("socket:[12345]")).isEqualTo(12345);
        assertThat(ProcPidFiles.socketInode("pipe:[12345]")).isEqualTo(-1);
        assertThat(ProcPidFiles.socketInode("socket:[x]")).isEqualTo(-1);
        assertThat(ProcPidFiles.socketInode("/dev/null")).isEqualTo(-1);
    }

    @Test
    void passwd() {
        var names = PasswdUsers.parse("root:x:0:0::/root:/bin/bash\nbad\nweird:x:notanumber:0::/:/\ntoor:x:0:0::/:/bin/sh\n");
        assertThat(names).containsEntry(0, "root").hasSize(1);
    }
}
