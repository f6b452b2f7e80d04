package dev.portscope.analysis.audit;

import dev.portscope.model.Exposure;
import java.util.Locale;

/** How far a policy lets a listener be reached from: an upper bound on its {@link Exposure}. */
public enum Scope {
    /** This machine only. */
    LOOPBACK,
    /** Loopback, the local link, or a private network (RFC 1918, CGNAT, unique local). */
    PRIVATE,
    /** Anywhere, including every interface. */
    ANY;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean admits(Exposure exposure) {
        return switch (this) {
            case LOOPBACK -> exposure == Exposure.LOOPBACK;
            case PRIVATE -> exposure == Exposure.LOOPBACK || exposure == Exposure.LINK_LOCAL || exposure == Exposure.PRIVATE;
            case ANY -> true;
        };
    }

    /** The narrowest scope that admits {@code exposure}. */
    public static Scope of(Exposure exposure) {
        for (Scope s : values()) {
            if (s.admits(exposure)) {
                return s;
            }
        }
        return ANY;
    }
}
