package dev.portscope.analysis.probe;

import java.util.Locale;

/** What a port was found to speak. {@link #UNKNOWN} when no probe was answered in a way we recognise. */
public enum ProtocolKind {
    SSH, SMTP, FTP, POP3, IMAP, MYSQL, REDIS, MEMCACHED, HTTP, TLS, POSTGRESQL, DNS, UNKNOWN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
