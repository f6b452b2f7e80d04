package dev.portscope.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where sockets come from, and whether to look for their processes. */
public final class SourceOptions {

    @Option(names = "--backend", paramLabel = "NAME", description = "Socket source: ${COMPLETION-CANDIDATES} (default: auto).",
            completionCandidates = BackendNames.class)
    String backend = "auto";

    @Option(names = "--replay", paramLabel = "FILE",
            description = "Read sockets from a recording made by 'portscope record' (or an iproute2 TCPDIAG_FILE dump) instead of this machine.")
    Path replay;

    @Option(names = {"-i", "--info"}, description = "Ask the kernel for TCP details (round-trip time, retransmissions, "
            + "congestion window, bytes, idle times) and socket memory, as ss -i -m; netlink only.")
    boolean info;

    @Option(names = "--no-process", description = "Do not look up the processes holding sockets (faster).")
    boolean noProcess;

    /** Candidates for completion and help. */
    static final class BackendNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return dev.portscope.source.Backends.NAMES.iterator();
        }
    }
}
