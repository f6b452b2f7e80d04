package dev.portscope.platform.linux.netlink;

import dev.portscope.platform.linux.ffm.LinuxConstants;
import dev.portscope.platform.linux.ffm.NetlinkSocket;
import dev.portscope.platform.linux.ffm.NetlinkSocketException;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Asks the kernel, by one nf_tables chain dump over netlink, whether any
 * chain of type {@code nat} exists in this network namespace, in any family. iptables-nft's
 * {@code nat} table is an nf_tables table too, so this answers for nft and iptables-nft at once.
 * nfnetlink answers only a process with {@code CAP_NET_ADMIN} ({@code net/netfilter/nfnetlink.c:
 * nfnetlink_rcv}); without it, or without nf_tables in the kernel, the answer is empty: unknown.
 */
public final class NatChains {

    private static final int MAX_DATAGRAMS = 100_000;

    private NatChains() {}

    /** Present: whether a nat chain exists; empty: the kernel would not say. */
    public static Optional<Boolean> exist() {
        try (NetlinkSocket socket = NetlinkSocket.open(LinuxConstants.NETLINK_NETFILTER, 64 << 10)) {
            socket.receiveTimeout(2);
            socket.send(NftChainDump.request(1));
            Set<String> types = new HashSet<>();
            for (int i = 0; i < MAX_DATAGRAMS; i++) {
                ByteBuffer datagram = socket.receive();
                if (NftChainDump.addChainTypes(datagram, types)) {
                    return Optional.of(types.contains("nat"));
                }
            }
            return Optional.empty();
        } catch (NetlinkSocketException | NftChainDump.DumpRefusedException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
