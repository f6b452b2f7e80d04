package dev.portscope.render;

import dev.portscope.model.NamespaceIndex;
import dev.portscope.services.ServiceTable;
import java.util.function.IntFunction;

/**
 * What renderers need besides the rows.
 *
 * @param services  names of well-known ports
 * @param userNames uid to user name
 * @param numeric   numbers only: no service names, uids instead of user names
 * @param withOwners whether owners were looked up (else process columns are left out)
 * @param details    whether TCP details were asked for (adds RTT and RETRANS columns to connections)
 * @param namespaces the network namespaces listed; with more than one, rows name theirs (NAMESPACE, CONTAINER)
 */
public record ListingContext(
        ServiceTable services, IntFunction<String> userNames, boolean numeric, boolean withOwners, boolean details,
        NamespaceIndex namespaces) {

    public ListingContext {
        namespaces = namespaces == null ? NamespaceIndex.NONE : namespaces;
    }

    /** A context for sockets of one namespace. */
    public ListingContext(ServiceTable services, IntFunction<String> userNames, boolean numeric, boolean withOwners, boolean details) {
        this(services, userNames, numeric, withOwners, details, NamespaceIndex.NONE);
    }

    /** The same context, for sockets of these namespaces. */
    public ListingContext withNamespaces(NamespaceIndex listed) {
        return new ListingContext(services, userNames, numeric, withOwners, details, listed);
    }
}
