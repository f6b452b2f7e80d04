package dev.portscope.platform.linux.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portscope.cli.CliEnvironment;
import dev.portscope.cli.Main;
import dev.portscope.platform.linux.LinuxPlatform;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --backend}, {@code --replay} and {@code record}, run in-process. */
@Tag("live")
class NetlinkCommandLineTest {

    private static final CliEnvironment ENV =
            new CliEnvironment(Map.of(), false, 0, Path.of("/proc"), Path.of("/etc"), Clock.systemUTC());

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), ENV);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void autoPicksNetlinkWhenItWorksAndProcForACapturedTree() {
        assumeTrue(NetlinkSocketSource.unavailableReason().isEmpty());
        assertThat(new LinuxPlatform(Path.of("/proc"), Path.of("/etc")).backend("auto", false).name()).isEqualTo("netlink");
        assertThat(new LinuxPlatform(Path.of("/proc"), Path.of("/etc")).backend("netlink", false).name()).isEqualTo("netlink");
        assertThat(new LinuxPlatform(Path.of("/proc"), Path.of("/etc")).backend("proc", false).name()).isEqualTo("proc");
        assertThat(new LinuxPlatform(Path.of("/proc/self/.."), Path.of("/etc")).backend("auto", false).name()).as("the same /proc, spelled otherwise").isEqualTo("netlink");
        assertThatThrownBy(() -> new LinuxPlatform(Path.of("/proc"), Path.of("/etc")).backend("sockdiag", false))
                .hasMessageContaining("auto, netlink, proc");
    }

    @Test
    void aMissingRecordingIsAUsageErrorNamingTheFile() {
        Run run = run("all", "--replay", dir.resolve("nothing-here.bin").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("nothing-here.bin").doesNotContain("Exception");
        Run both = run("all", "--replay", dir.toString(), "--backend", "proc");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("--replay");
    }

    @Test
    void aCorruptRecordingGivesAPartialAnswerWithDiagnostics() throws Exception {
        byte[] good = Fixtures.recording("loopback-all-states");
        Path corrupt = dir.resolve("corrupt.bin");
        byte[] bad = Arrays.copyOf(good, good.length - 7);
        Files.write(corrupt, bad);
        Run run = run("all", "-n", "--replay", corrupt.toString());
        assertThat(run.code()).isEqualTo(3);
        assertThat(run.err()).contains("corrupt.bin, byte ").doesNotContain("Exception");
        assertThat(run.out()).contains("FIN-WAIT-2");
    }

    @Test
    void recordThenReplayShowsOwnSocket() throws Exception {
        assumeTrue(NetlinkSocketSource.unavailableReason().isEmpty());
        Path file = dir.resolve("udp4.bin");
        try (DatagramChannel udp = DatagramChannel.open(StandardProtocolFamily.INET)) {
            udp.bind(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0));
            int port = ((InetSocketAddress) udp.getLocalAddress()).getPort();
            Run record = run("record", file.toString(), "-u", "-4");
            assertThat(record.code()).as(record.err()).isZero();
            assertThat(record.err()).startsWith("portscope: recorded 0 tcp and ").contains(" udp sockets (", file.toString());

            Run replay = run("listen", "-n", "--replay", file.toString());
            assertThat(replay.code()).as(replay.err()).isZero();
            assertThat(replay.out()).contains(Integer.toString(port));
            assertThat(replay.err()).contains("a replay has no processes");
        }
    }

    /**
     * A recording names the machine it was made on, and a replay elsewhere shows that name (or none
     * for a recording that does not say), never the name of the machine replaying it.
     */
    @Test
    void aReplayCarriesTheRecordedHostNotThisOne() throws Exception {
        assumeTrue(NetlinkSocketSource.unavailableReason().isEmpty());
        String here = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        Path file = dir.resolve("tcp.bin");
        assertThat(run("record", file.toString(), "-t").code()).isZero();

        Path elsewhere = dir.resolve("elsewhere-proc");
        Files.createDirectories(elsewhere.resolve("net"));
        Files.createDirectories(elsewhere.resolve("sys/kernel"));
        Files.writeString(elsewhere.resolve("sys/kernel/hostname"), "elsewhere\n");
        var other = new CliEnvironment(Map.of(), false, 0, elsewhere, Path.of("/etc"), Clock.systemUTC());

        StringWriter out = new StringWriter();
        int code = Main.run(new String[] {"listen", "--json", "--replay", file.toString()}, new PrintWriter(out), new PrintWriter(new StringWriter()), other);
        assertThat(code).isZero();
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString()).get("host").asText()).isEqualTo(here);

        StringWriter old = new StringWriter();
        Main.run(new String[] {"listen", "--json", "--replay", Fixtures.ROOT.resolve("loopback-all-states/recording.bin").toString()},
                new PrintWriter(old), new PrintWriter(new StringWriter()), other);
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(old.toString()).get("host").isNull()).isTrue();
    }

    @Test
    void recordIntoAMissingDirectoryIsAUsageError() {
        Run run = run("record", dir.resolve("no/such/dir/x.bin").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("x.bin").contains("no such directory");
    }
}
