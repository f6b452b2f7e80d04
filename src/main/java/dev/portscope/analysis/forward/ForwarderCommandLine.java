package dev.portscope.analysis.forward;

import dev.portscope.model.PortForward;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Protocol;
import dev.portscope.query.IpLiteral;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a forwarding process forwards, from its command line: Docker's userland proxy runs as
 * {@code docker-proxy -proto tcp -host-ip 0.0.0.0 -host-port 8080 -container-ip 172.17.0.2
 * -container-port 80} (moby's {@code cmd/docker-proxy}; since Docker 28 with {@code -use-listen-fd},
 * the daemon handing it the listening socket). Flags follow Go's {@code flag} package: one or two
 * dashes, the value after a space or an {@code =}. Podman's {@code rootlessport} gets its mapping on
 * a pipe (its standard input), which nothing can read afterwards: it is recognised, not read.
 */
public final class ForwarderCommandLine {

    private ForwarderCommandLine() {}

    /** The forward of a {@code docker-proxy} process; empty for any other process or an incomplete command line. */
    public static Optional<PortForward> dockerProxy(ProcessInfo process) {
        if (!isNamed(process, "docker-proxy")) {
            return Optional.empty();
        }
        Map<String, String> flags = flags(process.commandLine());
        Protocol protocol = switch (flags.getOrDefault("proto", "tcp")) {
            case "tcp" -> Protocol.TCP;
            case "udp" -> Protocol.UDP;
            default -> null; // sctp: not a protocol portscope lists
        };
        try {
            int hostPort = port(flags.get("host-port"));
            int containerPort = port(flags.get("container-port"));
            InetAddress container = IpLiteral.parse(flags.getOrDefault("container-ip", ""));
            InetAddress host = IpLiteral.parse(flags.getOrDefault("host-ip", "0.0.0.0"));
            if (protocol == null || hostPort == 0 || containerPort == 0) {
                return Optional.empty();
            }
            return Optional.of(new PortForward(protocol, host.isAnyLocalAddress() ? null : dev.portscope.model.AddressText.of(host), hostPort, container, containerPort,
                    "docker-proxy (pid " + process.pid() + ")"));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a command line not as the daemon writes it: not read as one
        }
    }

    /** Podman's rootless port forwarder, whose mapping is not on its command line. */
    public static boolean isRootlessport(ProcessInfo process) {
        return isNamed(process, "rootlessport");
    }

    private static boolean isNamed(ProcessInfo process, String name) {
        if (process.name().equals(name)) {
            return true;
        }
        List<String> argv = process.commandLine();
        if (argv.isEmpty()) {
            return false;
        }
        String first = argv.getFirst();
        return first.equals(name) || first.endsWith("/" + name);
    }

    /** Go's flag syntax, leniently: every {@code -name value}, {@code --name value} and {@code -name=value}. */
    static Map<String, String> flags(List<String> argv) {
        Map<String, String> flags = new HashMap<>();
        for (int i = 1; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (!arg.startsWith("-") || arg.equals("-") || arg.equals("--")) {
                continue;
            }
            String name = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
            int equals = name.indexOf('=');
            if (equals >= 0) {
                flags.put(name.substring(0, equals), name.substring(equals + 1));
            } else if (name.equals("use-listen-fd") || name.equals("v") || name.equals("version")) {
                flags.put(name, "true"); // booleans take no separate value
            } else if (i + 1 < argv.size()) {
                flags.put(name, argv.get(++i));
            }
        }
        return flags;
    }

    private static int port(String text) {
        if (text == null || !text.matches("\\d{1,5}") || Integer.parseInt(text) > 65_535) {
            return 0;
        }
        return Integer.parseInt(text);
    }
}
