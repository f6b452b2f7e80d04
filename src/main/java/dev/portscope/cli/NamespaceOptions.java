package dev.portscope.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * Which network namespaces to read: the reader's (default), every one ({@code -A}), or one by name.
 * Annotated and programmatic forms as {@link SelectionOptions}.
 */
final class NamespaceOptions {

    static final String ALL = "Sockets of every network namespace on the machine (containers, ip netns), "
            + "not only this one: NAMESPACE and CONTAINER columns say where each lives. Entering another "
            + "namespace needs root (CAP_SYS_ADMIN); without it, those with a readable process are read through /proc.";
    static final String ONE = "Sockets of one network namespace: 'host', an ip netns name, its inode, "
            + "or a container's name or id prefix.";

    @Option(names = {"-A", "--all-namespaces"}, description = ALL)
    boolean all;

    @Option(names = "--namespace", paramLabel = "NAME", description = ONE)
    String namespace;

    /** Checks the two are not both given. */
    void check() {
        if (all && namespace != null) {
            throw new UsageException("-A and --namespace exclude each other: -A lists every namespace, --namespace one");
        }
    }

    /**
     * Refuses these options for a command that acts through portscope's own namespace (connecting,
     * closing): what it found in another namespace would be reached in the wrong one.
     */
    void refuse(String command) {
        if (all || namespace != null) {
            throw new UsageException((all ? "-A" : "--namespace") + ": " + command + " connects from this network namespace "
                    + "only: a port in another one would be reached here, in the wrong namespace");
        }
    }

    static void addTo(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("-A", "--all-namespaces").type(boolean.class).description(ALL).build());
        spec.addOption(OptionSpec.builder("--namespace").type(String.class).paramLabel("NAME").description(ONE).build());
    }

    static NamespaceOptions from(ParseResult parsed) {
        NamespaceOptions options = new NamespaceOptions();
        options.all = parsed.matchedOptionValue("--all-namespaces", false);
        options.namespace = parsed.matchedOptionValue("--namespace", null);
        return options;
    }
}
