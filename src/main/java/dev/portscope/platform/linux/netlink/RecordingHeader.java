package dev.portscope.platform.linux.netlink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a recording says of the machine and moment it was made on: host name, time and the port
 * settings ({@code sysctl} values), kept as the first message of the file so that a replay on
 * another machine judges with the recorded machine's facts, not its own.
 *
 * <p>It is an {@code NLMSG_NOOP} message, which every netlink reader skips (portscope's decoder
 * always has), so old readers replay new recordings and recordings without it (older portscope,
 * iproute2's {@code TCPDIAG_FILE} dumps) replay as before, with nothing known of their machine:
 * <pre>
 * struct nlmsghdr {          // 16 bytes, host byte order, as every message of the recording
 *     nlmsg_len   = 16 + payload length (not padded)
 *     nlmsg_type  = NLMSG_NOOP (1)
 *     nlmsg_flags = 0, nlmsg_seq = 0, nlmsg_pid = 0
 * };
 * payload: UTF-8 text, "portscope-recording 1\n" then one "key=value\n" per fact, padded with NUL
 *          to 4 bytes (NLMSG_ALIGN); keys: host, time (ISO-8601 UTC), and sysctl names
 *          (net.ipv4.ip_local_port_range=32768 60999); a fact that was not read is left out.
 * </pre>
 * Pure but for {@link #read(Path)}.
 */
public final class RecordingHeader {

    static final String MAGIC = "portscope-recording 1\n";
    /** The header is the first message and small; a longer one is not ours. */
    private static final int MAX_LENGTH = 64 * 1024;

    private RecordingHeader() {}

    /** The header message for these facts, in this machine's byte order. */
    public static byte[] encode(Map<String, String> facts) {
        StringBuilder text = new StringBuilder(MAGIC);
        facts.forEach((key, value) -> {
            if (key.isEmpty() || key.contains("=") || key.contains("\n") || value.contains("\n")) {
                throw new IllegalArgumentException("a recording fact cannot hold '=' in its key or a line break: " + key);
            }
            text.append(key).append('=').append(value).append('\n');
        });
        byte[] payload = text.toString().getBytes(StandardCharsets.UTF_8);
        int length = NetlinkHeader.LENGTH + payload.length;
        ByteBuffer message = ByteBuffer.allocate(NetlinkHeader.align(length)).order(ByteOrder.nativeOrder());
        NetlinkHeader.write(message, length, NetlinkHeader.NLMSG_NOOP, 0, 0);
        message.put(payload);
        return message.array();
    }

    /**
     * The facts of the header at the buffer's position, or empty when the first message is not one
     * (a recording made before headers, or by another program).
     */
    public static Optional<Map<String, String>> decode(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate().order(ByteOrder.nativeOrder());
        int at = b.position();
        if (b.remaining() < NetlinkHeader.LENGTH + MAGIC.length()) {
            return Optional.empty();
        }
        int length = NetlinkHeader.length(b, at);
        if (NetlinkHeader.type(b, at) != NetlinkHeader.NLMSG_NOOP || length < NetlinkHeader.LENGTH + MAGIC.length()
                || length > b.remaining() || length > MAX_LENGTH) {
            return Optional.empty();
        }
        byte[] payload = new byte[length - NetlinkHeader.LENGTH];
        b.get(at + NetlinkHeader.LENGTH, payload);
        String text = new String(payload, StandardCharsets.UTF_8);
        if (!text.startsWith(MAGIC)) {
            return Optional.empty();
        }
        Map<String, String> facts = new LinkedHashMap<>();
        for (String line : text.substring(MAGIC.length()).split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                facts.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return Optional.of(facts);
    }

    /** The facts of a recording file's header; empty when it has none or cannot be read (the replay then says why). */
    public static Map<String, String> read(Path recording) {
        try (InputStream in = Files.newInputStream(recording)) {
            return decode(ByteBuffer.wrap(in.readNBytes(MAX_LENGTH))).orElse(Map.of());
        } catch (IOException e) {
            return Map.of();
        }
    }
}
