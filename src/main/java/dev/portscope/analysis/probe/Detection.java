package dev.portscope.analysis.probe;

import java.util.Objects;
import java.util.Optional;

/**
 * What the probes of one port found.
 *
 * @param protocol the protocol recognised, {@link ProtocolKind#UNKNOWN} when none was
 * @param evidence the reply that decided it (its first line, printable), or why nothing was recognised
 * @param tls      the handshake, when the port speaks TLS
 */
public record Detection(ProtocolKind protocol, String evidence, Optional<TlsInfo> tls) {

    public Detection {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(tls, "tls");
    }

    public static Detection of(ProtocolKind protocol, String evidence) {
        return new Detection(protocol, evidence, Optional.empty());
    }
}
