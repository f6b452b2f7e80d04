package dev.portscope.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portscope.model.PortRange;
import dev.portscope.platform.PortSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortSysctlsTest {

    @Test
    void parsesReservedPortsAsTheKernelWritesThem() {
        assertThat(PortSysctls.parseReserved("")).isEmpty();
        assertThat(PortSysctls.parseReserved("8080,9000-9010\n")).containsExactly(PortRange.of(8080), new PortRange(9000, 9010));
        assertThatThrownBy(() -> PortSysctls.parseReserved("9010-9000")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsATreeAndSaysWhatItHadToAssume(@TempDir Path proc) throws Exception {
        Path ipv4 = Files.createDirectories(proc.resolve("sys/net/ipv4"));
        Files.writeString(ipv4.resolve("ip_unprivileged_port_start"), "80\n");
        Files.writeString(ipv4.resolve("ip_local_port_range"), "40000\t50000\n");
        Files.writeString(ipv4.resolve("ip_local_reserved_ports"), "45000\n");
        PortSettings s = PortSysctls.read(proc);
        assertThat(s.unprivilegedPortStart()).isEqualTo(80);
        assertThat(s.isEphemeral(40000)).isTrue();
        assertThat(s.isEphemeral(50001)).isFalse();
        assertThat(s.isReserved(45000)).isTrue();
        assertThat(s.assumed()).containsExactly("net.ipv6.bindv6only", "net.ipv4.ip_nonlocal_bind");
    }
}
