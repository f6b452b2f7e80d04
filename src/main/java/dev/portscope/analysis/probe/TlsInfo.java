package dev.portscope.analysis.probe;

import java.time.Instant;

/**
 * What a TLS handshake showed. The certificate is read, never trusted or verified.
 *
 * @param version  the negotiated protocol ({@code TLSv1.3})
 * @param cipher   the negotiated cipher suite
 * @param subject  the server certificate's subject (RFC 2253), empty when the server sent none
 * @param issuer   its issuer (RFC 2253)
 * @param notAfter when it expires, null when there is no certificate
 */
public record TlsInfo(String version, String cipher, String subject, String issuer, Instant notAfter) {}
