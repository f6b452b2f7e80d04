package dev.portscope.cli;

import dev.portscope.model.IpFamily;
import dev.portscope.model.Protocol;
import dev.portscope.query.SocketQuery;
import java.util.EnumSet;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * {@code -t -u -4 -6}, as in {@code ss}: none of a pair means both.
 *
 * <p>Two forms of the same options: annotated, a mixin of the lazily registered commands; and built
 * with picocli's programmatic API ({@link #addTo}, {@link #from}) for the listings, whose start-up
 * cannot afford reading annotations (see {@link ListingCommand}). Both take their text from the
 * constants here; {@code ListingSpecTest} checks that they agree.
 */
public final class SelectionOptions {

    static final String TCP = "TCP sockets.";
    static final String UDP = "UDP sockets.";
    static final String IPV4 = "IPv4 sockets.";
    static final String IPV6 = "IPv6 sockets (including IPv4-mapped addresses).";

    @Option(names = {"-t", "--tcp"}, description = TCP)
    boolean tcp;

    @Option(names = {"-u", "--udp"}, description = UDP)
    boolean udp;

    @Option(names = {"-4", "--ipv4"}, description = IPV4)
    boolean ipv4;

    @Option(names = {"-6", "--ipv6"}, description = IPV6)
    boolean ipv6;

    /** Adds these options to a command built without annotations. */
    static void addTo(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("-t", "--tcp").type(boolean.class).description(TCP).build());
        spec.addOption(OptionSpec.builder("-u", "--udp").type(boolean.class).description(UDP).build());
        spec.addOption(OptionSpec.builder("-4", "--ipv4").type(boolean.class).description(IPV4).build());
        spec.addOption(OptionSpec.builder("-6", "--ipv6").type(boolean.class).description(IPV6).build());
    }

    /** The options a command built by {@link #addTo} was given. */
    static SelectionOptions from(ParseResult parsed) {
        SelectionOptions options = new SelectionOptions();
        options.tcp = parsed.matchedOptionValue("--tcp", false);
        options.udp = parsed.matchedOptionValue("--udp", false);
        options.ipv4 = parsed.matchedOptionValue("--ipv4", false);
        options.ipv6 = parsed.matchedOptionValue("--ipv6", false);
        return options;
    }

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
