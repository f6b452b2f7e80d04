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
        ALL.put("close", env -> new CloseCommand());
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
        ALL.put("events", env -> new EventsCommand());
        ALL.put("top", env -> new TopCommand());
        ALL.put("serve", env -> new ServeCommand());
        ALL.put("backends", env -> new BackendsCommand());
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
        if (mayNeedEveryCommand(args)) {
            registerAll(root, env);
        } // else the default listing (portscope, portscope -t state established): no command to read
    }

    /** Adds every subcommand, and {@code help}. */
    static void registerAll(CommandLine root, CliEnvironment env) {
        ALL.forEach((name, command) -> root.addSubcommand(name, command.apply(env)));
        root.addSubcommand("help", new CommandLine.HelpCommand());
    }

    /**
     * Whether picocli may need the other commands to parse {@code args} that do not start with one: a
     * command named further on (an option before it is an error that names it) or the help, which
     * lists them. Reading every annotated command costs a proxy class per annotation (about a third
     * of the default listing's start), so the default listing reads none.
     */
    private static boolean mayNeedEveryCommand(String[] args) {
        for (String arg : args) {
            if (ALL.containsKey(arg) || arg.equals("help") || arg.equals("--help")
                    || (arg.startsWith("-") && !arg.startsWith("--") && arg.indexOf('h') > 0)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A first argument that can be neither a command nor the start of a filter (filters start with a
     * keyword such as {@code state} or {@code sport}) is a mistyped command: the nearest command name
     * is suggested, as git does. Empty when {@code word} is a command, an option or a filter keyword.
     */
    static java.util.Optional<String> mistyped(String word) {
        if (ALL.containsKey(word) || word.equals("help") || !word.matches("[A-Za-z][A-Za-z0-9_-]*")
                || dev.portscope.query.filter.Filter.isKeyword(word)) {
            return java.util.Optional.empty();
        }
        String nearest = null;
        int best = Integer.MAX_VALUE;
        for (String name : ALL.keySet()) {
            int distance = name.startsWith(word.toLowerCase(java.util.Locale.ROOT)) ? 1 : editDistance(word.toLowerCase(java.util.Locale.ROOT), name);
            if (distance < best) {
                best = distance;
                nearest = name;
            }
        }
        String message = "unknown command '" + word + "'";
        if (best <= Math.max(2, word.length() / 3)) {
            message += " (did you mean '" + nearest + "'?)";
        }
        return java.util.Optional.of(message);
    }

    /** Levenshtein distance, counting a swap of neighbours as one edit (lsiten → listen). */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
