package dev.portscope.cli;

import dev.portscope.model.ProcessInfo;
import dev.portscope.query.filter.Filter;
import dev.portscope.query.filter.FilterSyntaxException;
import dev.portscope.render.ListingRow;
import dev.portscope.services.ServiceTable;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** An {@code ss}-style filter expression, and the process filters {@code ss} lacks. */
public final class FilterOptions {

    @Parameters(paramLabel = "FILTER", arity = "0..*",
            description = "A filter in the language of ss, e.g. state established '( dport = :ssh or sport = :ssh )'.")
    List<String> expression = List.of();

    @Option(names = "--pid", split = ",", paramLabel = "PID", description = "Only sockets held by these processes.")
    List<Integer> pids = List.of();

    @Option(names = "--process", split = ",", paramLabel = "NAME", description = "Only sockets held by processes of these names.")
    List<String> processNames = List.of();

    @Option(names = "--user", split = ",", paramLabel = "USER", description = "Only sockets of these users (name or uid).")
    List<String> users = List.of();

    /** The socket filter; a syntax error is a usage error that names the column. */
    Filter socketFilter(ServiceTable services) {
        try {
            return Filter.parse(String.join(" ", expression), services);
        } catch (FilterSyntaxException e) {
            throw new UsageException(e.getMessage());
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
            if (!processNames.isEmpty() && owners.stream().noneMatch(p -> processNames.contains(p.name()))) {
                return false;
            }
            if (!users.isEmpty()) {
                boolean byOwner = owners.stream().anyMatch(p -> users.contains(p.user()) || users.contains(Integer.toString(p.uid())));
                int uid = row.socket().uid();
                boolean bySocket = users.contains(Integer.toString(uid)) || users.contains(userNames.apply(uid));
                return byOwner || bySocket;
            }
            return true;
        };
    }
}
