package dev.portscope.cli;

import dev.portscope.model.ProcessInfo;
import dev.portscope.query.filter.Filter;
import dev.portscope.query.filter.FilterSyntaxException;
import dev.portscope.render.ListingRow;
import dev.portscope.services.ServiceTable;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParseResult;

/**
 * An {@code ss}-style filter expression, and the process filters {@code ss} lacks. Annotated and
 * programmatic forms as {@link SelectionOptions}.
 */
public final class FilterOptions {

    static final String EXPRESSION = "A filter in the language of ss, e.g. state established '( dport = :ssh or sport = :ssh )'.";
    static final String PIDS = "Only sockets held by these processes.";
    static final String PROCESSES = "Only sockets held by processes of these names.";
    static final String USERS = "Only sockets of these users (name or uid).";

    @Parameters(paramLabel = "FILTER", arity = "0..*", description = EXPRESSION)
    List<String> expression = List.of();

    @Option(names = "--pid", split = ",", paramLabel = "PID", description = PIDS)
    List<Integer> pids = List.of();

    @Option(names = "--process", split = ",", paramLabel = "NAME", description = PROCESSES)
    List<String> processNames = List.of();

    @Option(names = "--user", split = ",", paramLabel = "USER", description = USERS)
    List<String> users = List.of();

    /** Adds these options and the filter to a command built without annotations. */
    static void addTo(CommandSpec spec) {
        spec.addPositional(PositionalParamSpec.builder().arity("0..*").type(List.class).auxiliaryTypes(String.class)
                .paramLabel("FILTER").description(EXPRESSION).build());
        spec.addOption(listOption("--pid", Integer.class, "PID", PIDS));
        spec.addOption(listOption("--process", String.class, "NAME", PROCESSES));
        spec.addOption(listOption("--user", String.class, "USER", USERS));
    }

    private static OptionSpec listOption(String name, Class<?> element, String label, String description) {
        return OptionSpec.builder(name).type(List.class).auxiliaryTypes(element).splitRegex(",").paramLabel(label)
                .description(description).build();
    }

    /** The options a command built by {@link #addTo} was given. */
    static FilterOptions from(ParseResult parsed) {
        FilterOptions options = new FilterOptions();
        options.expression = parsed.matchedPositionalValue(0, List.of());
        options.pids = parsed.matchedOptionValue("--pid", List.of());
        options.processNames = parsed.matchedOptionValue("--process", List.of());
        options.users = parsed.matchedOptionValue("--user", List.of());
        return options;
    }

    /** The socket filter; a syntax error is a usage error that names the column. */
    Filter socketFilter(ServiceTable services) {
        try {
            return Filter.parse(String.join(" ", expression), services);
        } catch (FilterSyntaxException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Longest process name the kernel keeps ({@code TASK_COMM_LEN} 16 in include/linux/sched.h, less the NUL). */
    static final int KERNEL_NAME_LENGTH = 15;

    /**
     * Whether a process answers to a name. The kernel cuts names to 15 characters, so a longer name
     * matches a process whose name is its first 15 characters and whose program file or first
     * argument is named in full ({@code pgrep} would silently find nothing).
     */
    static boolean isNamed(ProcessInfo p, String name) {
        if (name.length() <= KERNEL_NAME_LENGTH) {
            return p.name().equals(name);
        }
        if (!p.name().equals(name.substring(0, KERNEL_NAME_LENGTH))) {
            return false;
        }
        return baseName(p.executable()).equals(name) || (!p.commandLine().isEmpty() && baseName(p.commandLine().getFirst()).equals(name));
    }

    private static String baseName(String path) {
        return path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
    }

    /** Every {@code --user} must name a user: an unknown name would silently match nothing. */
    void checkUsers(dev.portscope.platform.Credentials credentials) {
        for (String user : users) {
            if (!user.chars().allMatch(c -> c >= '0' && c <= '9') && credentials.uidOf(user).isEmpty()) {
                throw new UsageException("--user: no user '" + user + "' in " + credentials.userDatabase());
            }
        }
    }

    boolean needsOwners() {
        return !pids.isEmpty() || !processNames.isEmpty();
    }

    /** The filter on owners and users, applied once owners are known. */
    Predicate<ListingRow> rowFilter(IntFunction<String> userNames) {
        return row -> {
            List<ProcessInfo> owners = row.owners();
            if (!pids.isEmpty() && owners.stream().noneMatch(p -> pids.contains(p.pid()))) {
                return false;
            }
            if (!processNames.isEmpty() && owners.stream().noneMatch(p -> processNames.stream().anyMatch(n -> isNamed(p, n)))) {
                return false;
            }
            if (!users.isEmpty()) {
                boolean byOwner = owners.stream().anyMatch(p -> users.contains(p.user()) || users.contains(Integer.toString(p.uid())));
                int uid = row.socket().uid();
                boolean bySocket = row.socket().uidKnown()
                        && (users.contains(Integer.toString(uid)) || users.contains(userNames.apply(uid)));
                return byOwner || bySocket;
            }
            return true;
        };
    }
}
