package dev.portscope.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The subcommands, registered lazily: picocli reads each command's annotations by reflection when
 * it is added, so a run registers only the subcommand it names (all of them for help and errors).
 */
final class Subcommands {

    private static final Map<String, Supplier<Object>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("listen", ListenCommand::new);
        ALL.put("conns", ConnsCommand::new);
        ALL.put("all", AllCommand::new);
        ALL.put("who", WhoCommand::new);
        ALL.put("kill", KillCommand::new);
        ALL.put("summary", SummaryCommand::new);
        ALL.put("record", RecordCommand::new);
        ALL.put("audit", AuditCommand::new);
        ALL.put("snapshot", SnapshotCommand::new);
        ALL.put("diff", DiffCommand::new);
        ALL.put("check", CheckCommand::new);
        ALL.put("scan", ScanCommand::new);
        ALL.put("probe", ProbeCommand::new);
        ALL.put("why", WhyCommand::new);
        ALL.put("health", HealthCommand::new);
    }

    private Subcommands() {}

    /** Adds the subcommand {@code args} start with, or every subcommand when they name none. */
    static void register(CommandLine root, String[] args) {
        String first = args.length > 0 ? args[0] : "";
        Supplier<Object> named = ALL.get(first);
        if (named != null) {
            root.addSubcommand(first, named.get());
            return;
        }
        ALL.forEach((name, command) -> root.addSubcommand(name, command.get()));
    }
}
