package dev.portscope.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * The subcommands, registered lazily: picocli reads each annotated command's annotations by
 * reflection when it is added, so a run registers only the subcommand it names (all of them for
 * help and errors). The listings ({@link ListingCommand}) are built without annotations.
 */
final class Subcommands {

    private static final Map<String, Function<CliEnvironment, Object>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("listen", env -> new ListenCommand(env).spec());
        ALL.put("conns", env -> new ConnsCommand(env).spec());
        ALL.put("all", env -> new AllCommand(env).spec());
        ALL.put("who", env -> new WhoCommand());
        ALL.put("kill", env -> new KillCommand());
        ALL.put("summary", env -> new SummaryCommand());
        ALL.put("record", env -> new RecordCommand());
        ALL.put("audit", env -> new AuditCommand());
        ALL.put("snapshot", env -> new SnapshotCommand());
        ALL.put("diff", env -> new DiffCommand());
        ALL.put("check", env -> new CheckCommand());
        ALL.put("scan", env -> new ScanCommand());
        ALL.put("probe", env -> new ProbeCommand());
        ALL.put("why", env -> new WhyCommand());
        ALL.put("health", env -> new HealthCommand());
    }

    private Subcommands() {}

    /** Adds the subcommand {@code args} start with, or every subcommand when they name none. */
    static void register(CommandLine root, String[] args, CliEnvironment env) {
        String first = args.length > 0 ? args[0] : "";
        if (args.length == 1 && (first.equals("--version") || first.equals("-V"))) {
            return; // the version names no subcommand: reading every one's annotations would triple its time
        }
        Function<CliEnvironment, Object> named = ALL.get(first);
        if (named != null) {
            root.addSubcommand(first, named.apply(env));
            return;
        }
        ALL.forEach((name, command) -> root.addSubcommand(name, command.apply(env)));
    }
}
