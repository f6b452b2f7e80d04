package dev.portscope.cli;

import dev.portscope.model.IpFamily;
import dev.portscope.model.Protocol;
import dev.portscope.query.SocketQuery;
import java.util.EnumSet;
import picocli.CommandLine.Option;

/** {@code -t -u -4 -6}, as in {@code ss}: none of a pair means both. */
public final class SelectionOptions {

    @Option(names = {"-t", "--tcp"}, description = "TCP sockets.")
    boolean tcp;

    @Option(names = {"-u", "--udp"}, description = "UDP sockets.")
    boolean udp;

    @Option(names = {"-4", "--ipv4"}, description = "IPv4 sockets.")
    boolean ipv4;

    @Option(names = {"-6", "--ipv6"}, description = "IPv6 sockets (including IPv4-mapped addresses).")
    boolean ipv6;

    SocketQuery applyTo(SocketQuery query) {
        EnumSet<Protocol> protocols = EnumSet.noneOf(Protocol.class);
        if (tcp) {
            protocols.add(Protocol.TCP);
        }
        if (udp) {
            protocols.add(Protocol.UDP);
        }
        EnumSet<IpFamily> families = EnumSet.noneOf(IpFamily.class);
        if (ipv4) {
            families.add(IpFamily.IPV4);
        }
        if (ipv6) {
            families.add(IpFamily.IPV6);
        }
        return query.withProtocols(protocols.isEmpty() ? EnumSet.allOf(Protocol.class) : protocols)
                .withFamilies(families.isEmpty() ? EnumSet.allOf(IpFamily.class) : families);
    }
}
