package dev.portscope.analysis.probe;

import java.util.Objects;

/**
 * How what a port speaks relates to the service its number is registered to. As nmap sees it, the
 * protocol found is what the port speaks; the number only sets an expectation. So only a known
 * protocol on a port registered to another known protocol contradicts it ({@code ssh expected on 22,
 * got http}); a known protocol anywhere else is a service on a non-standard port ({@code ssh on
 * 2222}), which is worth a note and nothing more.
 *
 * @param kind  which of the four
 * @param words said as a person would; empty for {@link Kind#AGREES} and {@link Kind#UNDECIDED}
 */
public record PortFit(Kind kind, String words) {

    public enum Kind {
        /** The port speaks the protocol of the service its number is registered to. */
        AGREES,
        /** A known protocol on a port registered to another known protocol: {@code ssh expected on 22, got http}. */
        MISMATCH,
        /**
         * A known protocol on a port registered to nothing, or to a service whose protocol the probes
         * cannot recognise ({@code ldap}): {@code ssh on 2222, not its usual port 22}. Informational.
         */
        NON_STANDARD_PORT,
        /** Nothing was recognised: no evidence either way. */
        UNDECIDED
    }

    public static final PortFit AGREES = new PortFit(Kind.AGREES, "");
    public static final PortFit UNDECIDED = new PortFit(Kind.UNDECIDED, "");

    public PortFit {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(words, "words");
    }
}
