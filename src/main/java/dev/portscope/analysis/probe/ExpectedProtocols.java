package dev.portscope.analysis.probe;

import dev.portscope.services.Service;
import java.util.Map;
import java.util.Optional;

/** What a port's service name says it should speak, and how what it speaks fits that ({@link PortFit}). Pure. */
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
            Map.entry("memcache", ProtocolKind.MEMCACHED),
            Map.entry("memcached", ProtocolKind.MEMCACHED),
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
            Map.entry("domain-s", ProtocolKind.TLS),
            Map.entry("domain", ProtocolKind.DNS));

    /** Where each protocol usually listens (IANA's registry), for the note on a service elsewhere. */
    private static final Map<ProtocolKind, Integer> USUAL_PORT = Map.ofEntries(
            Map.entry(ProtocolKind.SSH, 22),
            Map.entry(ProtocolKind.SMTP, 25),
            Map.entry(ProtocolKind.FTP, 21),
            Map.entry(ProtocolKind.POP3, 110),
            Map.entry(ProtocolKind.IMAP, 143),
            Map.entry(ProtocolKind.MYSQL, 3306),
            Map.entry(ProtocolKind.REDIS, 6379),
            Map.entry(ProtocolKind.MEMCACHED, 11211),
            Map.entry(ProtocolKind.HTTP, 80),
            Map.entry(ProtocolKind.TLS, 443),
            Map.entry(ProtocolKind.POSTGRESQL, 5432),
            Map.entry(ProtocolKind.DNS, 53));

    private ExpectedProtocols() {}

    public static Optional<ProtocolKind> of(Optional<Service> service) {
        return service.map(s -> BY_SERVICE.get(s.name()));
    }

    /**
     * How {@code detected} fits the port ({@link PortFit}), said as a person would: {@code ssh expected
     * on 22, got http, served by python3} (a mismatch), {@code ssh on 2222, not its usual port 22,
     * served by sshd} (a non-standard port). An unknown protocol is no evidence either way.
     */
    public static PortFit fit(int port, Optional<Service> service, ProtocolKind detected, String servedBy) {
        if (detected == ProtocolKind.UNKNOWN) {
            return PortFit.UNDECIDED;
        }
        Optional<ProtocolKind> expected = of(service);
        if (expected.isPresent()) {
            return expected.get() == detected ? PortFit.AGREES : new PortFit(PortFit.Kind.MISMATCH,
                    expected.get().label() + " expected on " + port + ", got " + detected.label() + by(servedBy));
        }
        Integer usual = USUAL_PORT.get(detected);
        return new PortFit(PortFit.Kind.NON_STANDARD_PORT, detected.label() + " on " + port
                + service.map(s -> " (registered to " + s.name() + ")").orElse("")
                + (usual == null ? "" : ", not its usual port " + usual) + by(servedBy));
    }

    private static String by(String servedBy) {
        return servedBy.isEmpty() ? "" : ", served by " + servedBy;
    }
}
