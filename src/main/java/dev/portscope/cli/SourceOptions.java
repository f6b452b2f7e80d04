package dev.portscope.cli;

import dev.portscope.platform.Platforms;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * Where sockets come from, and whether to look for their processes. Annotated and programmatic forms
 * as {@link SelectionOptions}.
 */
public final class SourceOptions {

    static final String BACKEND = "Socket source: ${COMPLETION-CANDIDATES} (default: auto).";
    static final String REPLAY = "Read sockets from a recording made by 'portscope record' (or an iproute2 TCPDIAG_FILE dump) "
            + "instead of this machine.";
    static final String INFO = "Ask the kernel for TCP details (round-trip time, retransmissions, "
            + "congestion window, bytes, idle times) and socket memory, as ss -i -m; netlink only.";
    static final String NO_PROCESS = "Do not look up the processes holding sockets (faster).";

    @Option(names = "--backend", paramLabel = "NAME", description = BACKEND, completionCandidates = BackendNames.class)
    String backend = "auto";

    @Option(names = "--replay", paramLabel = "FILE", description = REPLAY)
    Path replay;

    @Option(names = {"-i", "--info"}, description = INFO)
    boolean info;

    @Option(names = "--no-process", description = NO_PROCESS)
    boolean noProcess;

    @Mixin
    NamespaceOptions namespaces = new NamespaceOptions();

    /** Where the session reads sockets from, as these options ask. */
    dev.portscope.app.SessionSetup setup() {
        namespaces.check();
        return new dev.portscope.app.SessionSetup(backend, replay, info, namespaces.all, namespaces.namespace);
    }

    /** Adds these options to a command built without annotations. */
    static void addTo(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("--backend").type(String.class).paramLabel("NAME").description(BACKEND)
                .completionCandidates(new BackendNames()).build());
        spec.addOption(OptionSpec.builder("--replay").type(Path.class).paramLabel("FILE").description(REPLAY).build());
        spec.addOption(OptionSpec.builder("-i", "--info").type(boolean.class).description(INFO).build());
        spec.addOption(OptionSpec.builder("--no-process").type(boolean.class).description(NO_PROCESS).build());
        NamespaceOptions.addTo(spec);
    }

    /** The options a command built by {@link #addTo} was given. */
    static SourceOptions from(ParseResult parsed) {
        SourceOptions options = new SourceOptions();
        options.backend = parsed.matchedOptionValue("--backend", "auto");
        options.replay = parsed.matchedOptionValue("--replay", null);
        options.info = parsed.matchedOptionValue("--info", false);
        options.noProcess = parsed.matchedOptionValue("--no-process", false);
        options.namespaces = NamespaceOptions.from(parsed);
        return options;
    }

    /** Candidates for completion and help: the live platform's socket sources. */
    static final class BackendNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Platforms.live().backendNames().iterator();
        }
    }
}
