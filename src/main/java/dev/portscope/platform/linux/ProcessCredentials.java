package dev.portscope.platform.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/** Who the reading process is: its effective uid and capabilities, from {@code /proc/self/status} ({@code proc(5)}). */
public final class ProcessCredentials {

    /** {@code CAP_NET_BIND_SERVICE} from {@code include/uapi/linux/capability.h}. */
    static final int NET_BIND_SERVICE = 10;

    /** {@code CAP_NET_ADMIN}, which reading nftables and iptables rules needs. */
    static final int NET_ADMIN = 12;

    private ProcessCredentials() {}

    /** Whether this process may read the firewall's rules ({@code CAP_NET_ADMIN}); empty when unknown. */
    static java.util.Optional<Boolean> mayReadFirewall(Path procRoot) {
        return status(procRoot, "CapEff:").map(mask -> (Long.parseUnsignedLong(mask, 16) & (1L << NET_ADMIN)) != 0);
    }

    /** Whether this process may bind ports below {@code ip_unprivileged_port_start}; false when unknown. */
    public static boolean mayBindPrivilegedPorts(Path procRoot) {
        return status(procRoot, "CapEff:")
                .map(mask -> (Long.parseUnsignedLong(mask, 16) & (1L << NET_BIND_SERVICE)) != 0)
                .orElse(false);
    }

    /** The effective uid (the second field of {@code Uid:}), empty when unknown. */
    public static OptionalInt effectiveUid(Path procRoot) {
        return status(procRoot, "Uid:")
                .map(ids -> OptionalInt.of(Integer.parseInt(ids.split("\\s+")[1])))
                .orElse(OptionalInt.empty());
    }

    private static java.util.Optional<String> status(Path procRoot, String key) {
        try {
            for (String line : Files.readAllLines(procRoot.resolve("self/status"))) {
                if (line.startsWith(key)) {
                    return java.util.Optional.of(line.substring(key.length()).strip());
                }
            }
        } catch (IOException e) {
            // unknown
        }
        return java.util.Optional.empty();
    }
}
