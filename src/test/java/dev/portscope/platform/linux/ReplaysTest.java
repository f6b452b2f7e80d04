package dev.portscope.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.platform.PortSettings;
import dev.portscope.platform.Recording;
import dev.portscope.platform.linux.netlink.RecordingHeader;
import dev.portscope.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a replay knows of the recorded machine: what the recording says, and nothing of the machine replaying it. */
class ReplaysTest {

    @TempDir
    Path dir;

    @Test
    void aRecordingWithoutAHeaderKnowsNoHostNoTimeAndAssumesEverySetting() {
        Recording old = Replays.open(Fixtures.path("netlink/loopback-all-states/recording.bin"), false);
        assertThat(old.host()).isEmpty();
        assertThat(old.time()).isEmpty();
        assertThat(old.kernel().portSettings().assumed()).containsExactlyElementsOf(PortSettings.assumedDefaults().assumed());
        assertThat(old.kernel().maxAcceptQueue()).isEmpty();
        assertThat(old.backend().name()).isEqualTo("replay");
    }

    @Test
    void theHeaderOfARecordingMadeHereNamesThisMachineAndItsSettings(@TempDir Path proc) throws Exception {
        Path ipv4 = Files.createDirectories(proc.resolve("sys/net/ipv4"));
        Files.writeString(ipv4.resolve("ip_local_port_range"), "40000\t40999\n");
        Files.writeString(ipv4.resolve("ip_unprivileged_port_start"), "80\n");
        Files.createDirectories(proc.resolve("sys/net/core"));
        Files.writeString(proc.resolve("sys/net/core/somaxconn"), "512\n");
        Instant time = Instant.parse("2025-12-30T10:00:00Z");
        byte[] header = Replays.header(proc, Optional.of("db1"), time);

        Path file = dir.resolve("r.bin");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(header);
        bytes.write(Files.readAllBytes(Fixtures.path("netlink/loopback-all-states/recording.bin")));
        Files.write(file, bytes.toByteArray());

        Recording recorded = Replays.open(file, false);
        assertThat(recorded.host()).contains("db1");
        assertThat(recorded.time()).contains(time);
        PortSettings settings = recorded.kernel().portSettings();
        assertThat(settings.ephemeralFirst()).isEqualTo(40000);
        assertThat(settings.ephemeralLast()).isEqualTo(40999);
        assertThat(settings.unprivilegedPortStart()).isEqualTo(80);
        assertThat(settings.assumed()).containsExactly("net.ipv4.ip_local_reserved_ports", "net.ipv6.bindv6only", "net.ipv4.ip_nonlocal_bind");
        assertThat(recorded.kernel().maxAcceptQueue()).hasValue(512);
    }

    @Test
    void aDamagedFactIsNotKnownRatherThanGuessed() throws Exception {
        Path file = dir.resolve("damaged.bin");
        Files.write(file, RecordingHeader.encode(Map.of("time", "yesterday", "net.ipv4.ip_local_port_range", "many")));
        Recording recording = Replays.open(file, false);
        assertThat(recording.time()).isEmpty();
        assertThat(recording.kernel().portSettings().assumed()).contains("net.ipv4.ip_local_port_range");
    }
}
