package dev.portscope.platform.linux;

import dev.portscope.query.IpLiteral;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The addresses a network namespace owns, from files any process's {@code /proc/<pid>/net} shows of
 * its namespace, without entering it: {@code fib_trie} (IPv4: each {@code /32 host LOCAL} leaf of the
 * local table) and {@code if_inet6} (IPv6: one address in 32 hex digits a line).
 */
final class LocalAddressParser {

    private LocalAddressParser() {}

    /** The IPv4 addresses of {@code /proc/net/fib_trie} whose route is {@code /32 host LOCAL}. */
    static Set<InetAddress> fibTrie(String text) {
        Set<InetAddress> local = new LinkedHashSet<>();
        String leaf = null;
        for (String line : text.split("\n")) {
            String stripped = line.strip();
            if (stripped.startsWith("|-- ")) {
                leaf = stripped.substring(4).strip();
            } else if (stripped.startsWith("/32 host LOCAL") && leaf != null) {
                try {
                    local.add(IpLiteral.parse(leaf));
                } catch (IllegalArgumentException e) {
                    // not an address: a layout this parser does not know; the rest still counts
                }
            } else if (!stripped.startsWith("/")) {
                leaf = null;
            }
        }
        return local;
    }

    /** The IPv6 addresses of {@code /proc/net/if_inet6}: {@code 20010db8000000000000000000000001 03 40 00 82 vp0}. */
    static Set<InetAddress> ifInet6(String text) {
        Set<InetAddress> local = new LinkedHashSet<>();
        for (String line : text.split("\n")) {
            String hex = line.strip().split("\\s+", 2)[0];
            if (!hex.matches("[0-9a-f]{32}")) {
                continue;
            }
            byte[] bytes = new byte[16];
            for (int i = 0; i < 16; i++) {
                bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
            }
            try {
                local.add(InetAddress.getByAddress(bytes));
            } catch (UnknownHostException e) {
                throw new AssertionError(e); // 16 bytes are always an address
            }
        }
        return local;
    }
}
