package dev.portscope.cli;

import picocli.CommandLine.Option;

/** Where sockets come from, and whether to look for their processes. */
public final class SourceOptions {

    @Option(names = "--backend", paramLabel = "NAME", description = "Socket source: ${COMPLETION-CANDIDATES} (default: auto).",
            completionCandidates = BackendNames.class)
    String backend = "auto";

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
