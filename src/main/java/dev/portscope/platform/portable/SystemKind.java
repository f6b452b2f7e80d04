package dev.portscope.platform.portable;

import java.util.Locale;

/** The operating systems whose OSHI answers differ in what they fill (see {@link PortableCapabilities}). */
public enum SystemKind {
    WINDOWS("windows"),
    MACOS("macos"),
    LINUX("linux"),
    /** FreeBSD, OpenBSD, Solaris, AIX: OSHI reads them, portscope is not tested there. */
    OTHER("other");

    private final String label;

    SystemKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The kind of a system by its {@code os.name}. */
    public static SystemKind of(String osName) {
        String name = osName.toLowerCase(Locale.ROOT);
        if (name.startsWith("windows")) {
            return WINDOWS;
        }
        if (name.startsWith("mac") || name.startsWith("darwin")) {
            return MACOS;
        }
        return name.startsWith("linux") ? LINUX : OTHER;
    }

    public static SystemKind current() {
        return of(System.getProperty("os.name", ""));
    }
}
