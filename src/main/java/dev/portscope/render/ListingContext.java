package dev.portscope.render;

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
 */
public record ListingContext(
        ServiceTable services, IntFunction<String> userNames, boolean numeric, boolean withOwners, boolean details) {}
