package dev.portscope.analysis.probe;

import java.util.Objects;
import java.util.Optional;

/**
 * What the probes of one port found.
 *
 * @param protocol the protocol recognised, {@link ProtocolKind#UNKNOWN} when none was
 * @param evidence the reply that decided it (its first line, printable), or why nothing was recognised
 * @param tls      the handshake, when the port speaks TLS
 * @param timedOut the probes of the port did not finish within their deadline (see {@link ProbeBounds}):
 *                 the protocol is then unknown, unless what arrived before the deadline already told it
 */
public record Detection(ProtocolKind protocol, String evidence, Optional<TlsInfo> tls, boolean timedOut) {

    public Detection {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(tls, "tls");
    }

    public Detection(ProtocolKind protocol, String evidence, Optional<TlsInfo> tls) {
        this(protocol, evidence, tls, false);
    }

    /** Unknown, because the deadline came first; {@code evidence} says which and what had come. */
    public static Detection timedOut(String evidence) {
        return new Detection(ProtocolKind.UNKNOWN, evidence, Optional.empty(), true);
    }

    public static Detection of(ProtocolKind protocol, String evidence) {
        return new Detection(protocol, evidence, Optional.empty());
    }
}
