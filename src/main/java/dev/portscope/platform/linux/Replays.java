package dev.portscope.platform.linux;

import dev.portscope.platform.Backend;
import dev.portscope.platform.NoProcesses;
import dev.portscope.platform.Recording;
import dev.portscope.platform.linux.netlink.RecordingHeader;
import dev.portscope.platform.linux.netlink.ReplaySocketSource;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Recordings of netlink {@code sock_diag} traffic: what {@code portscope record} writes, and what replays read. */
public final class Replays {

    static final String HOST = "host";
    static final String TIME = "time";

    private Replays() {}

    /** Opens a recording: its sockets, and the facts its header keeps (none for a recording without one). */
    public static Recording open(Path file, boolean details) {
        Map<String, String> facts = RecordingHeader.read(file);
        Optional<String> host = Optional.ofNullable(facts.get(HOST)).map(String::strip).filter(h -> !h.isEmpty());
        Optional<Instant> time;
        try {
            time = Optional.ofNullable(facts.get(TIME)).map(Instant::parse);
        } catch (DateTimeParseException e) {
            time = Optional.empty(); // not trusted, so not known
        }
        Backend backend = new Backend("replay", new ReplaySocketSource(file, details), new NoProcesses("a replay has no processes: owners are not shown"));
        return new Recording(backend, host, time, new RecordedKernel(facts));
    }

    /** The header of a recording made now, on this machine: its name, the time and its port settings. */
    static byte[] header(Path procRoot, Optional<String> host, Instant time) {
        Map<String, String> facts = new LinkedHashMap<>();
        host.ifPresent(h -> facts.put(HOST, h));
        facts.put(TIME, time.toString());
        facts.putAll(PortSysctls.readValues(procRoot));
        return RecordingHeader.encode(facts);
    }
}
