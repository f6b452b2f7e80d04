package dev.portscope.platform;

import java.util.OptionalInt;

/** Who portscope runs as, and the users of this machine. */
public interface Credentials {

    /** The effective uid of this process, empty when unknown. */
    OptionalInt effectiveUid();

    /** Whether this process may bind ports below the unprivileged start (root or {@code CAP_NET_BIND_SERVICE}). */
    boolean mayBindPrivilegedPorts();

    /** The uid of a user name, empty when there is no such user. */
    OptionalInt uidOf(String userName);

    /** Where user names are looked up, for messages ({@code /etc/passwd}). */
    String userDatabase();
}
