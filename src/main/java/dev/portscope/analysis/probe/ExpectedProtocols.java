package dev.portscope.analysis.probe;

import dev.portscope.services.Service;
import java.util.Map;
import java.util.Optional;

/** What a port's service name says it should speak, and whether what it speaks disagrees. Pure. */
public final class ExpectedProtocols {

    /** Service names (portscope's table and /etc/services) → the protocol the probes would see. */
    private static final Map<String, ProtocolKind> BY_SERVICE = Map.ofEntries(
            Map.entry("ssh", ProtocolKind.SSH),
            Map.entry("smtp", ProtocolKind.SMTP),
            Map.entry("submission", ProtocolKind.SMTP),
            Map.entry("ftp", ProtocolKind.FTP),
            Map.entry("pop3", ProtocolKind.POP3),
            Map.entry("imap", ProtocolKind.IMAP),
            Map.entry("imap2", ProtocolKind.IMAP),
            Map.entry("mysql", ProtocolKind.MYSQL),
            Map.entry("redis", ProtocolKind.REDIS),
            Map.entry("postgresql", ProtocolKind.POSTGRESQL),
            Map.entry("http", ProtocolKind.HTTP),
            Map.entry("http-alt", ProtocolKind.HTTP),
            Map.entry("webcache", ProtocolKind.HTTP),
            Map.entry("https", ProtocolKind.TLS),
            Map.entry("https-alt", ProtocolKind.TLS),
            Map.entry("submissions", ProtocolKind.TLS),
            Map.entry("imaps", ProtocolKind.TLS),
            Map.entry("pop3s", ProtocolKind.TLS),
            Map.entry("ldaps", ProtocolKind.TLS),
            Map.entry("domain", ProtocolKind.DNS));

    private ExpectedProtocols() {}

    public static Optional<ProtocolKind> of(Optional<Service> service) {
        return service.map(s -> BY_SERVICE.get(s.name()));
    }

    /**
     * The mismatch, said as a person would: {@code ssh expected on 22, got http}, or for a port whose
     * number suggests nothing we can check, {@code http on 2222, served by python3}. Empty when the
     * protocol matches or was not recognised (unknown is not evidence of a mismatch).
     */
    public static Optional<String> mismatch(int port, Optional<Service> service, ProtocolKind detected, String servedBy) {
        if (detected == ProtocolKind.UNKNOWN) {
            return Optional.empty();
        }
        Optional<ProtocolKind> expected = of(service);
        if (expected.isPresent()) {
            return expected.get() == detected ? Optional.empty()
                    : Optional.of(expected.get().label() + " expected on " + port + ", got " + detected.label() + by(servedBy));
        }
        return Optional.of(detected.label() + " on " + port + service.map(s -> " (registered to " + s.name() + ")").orElse("") + by(servedBy));
    }

    private static String by(String servedBy) {
        return servedBy.isEmpty() ? "" : ", served by " + servedBy;
    }
}
