package dev.portscope.platform.linux;

import dev.portscope.platform.TcpCounters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Reads the TCP counters of the reader's network namespace. */
public final class TcpCounterReader {

    private TcpCounterReader() {}

    /** @throws IOException when neither file can be read; a malformed file gives IllegalArgumentException naming file:line */
    public static TcpCounters read(Path procRoot, Clock clock) throws IOException {
        Map<String, Long> values = new HashMap<>();
        NetSnmpParser.parse(text(procRoot.resolve("net/snmp")), procRoot.resolve("net/snmp").toString(), Set.of("Tcp"), values);
        Path netstat = procRoot.resolve("net/netstat");
        if (Files.exists(netstat)) {
            NetSnmpParser.parse(text(netstat), netstat.toString(), Set.of("TcpExt"), values);
        }
        return new TcpCounters(clock.instant(), values);
    }

    private static String text(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
