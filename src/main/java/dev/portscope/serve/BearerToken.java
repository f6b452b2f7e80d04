package dev.portscope.serve;

import dev.portscope.app.FileException;
import dev.portscope.app.InputFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The bearer token (RFC 6750) that clients of a server on a non-loopback address must send:
 * {@code Authorization: Bearer TOKEN}. Compared in constant time, on SHA-256 digests so that
 * neither the token's bytes nor its length show in the time an answer takes.
 */
public final class BearerToken {

    /** A token file holds one line; more is not a token. */
    static final long FILE_LIMIT = 4096;
    static final int MIN_LENGTH = 16;

    private final byte[] digest;

    private BearerToken(byte[] token) {
        this.digest = sha256(token);
    }

    /**
     * The token in {@code file}: its text without the line end, at least {@value #MIN_LENGTH}
     * characters of visible ASCII (RFC 6750 §2.1 b64token).
     *
     * @throws IllegalArgumentException with a one-line reason
     */
    public static BearerToken read(Path file) {
        String text;
        try {
            text = InputFiles.text(InputFiles.read(file, "read token file", FILE_LIMIT), file, "read token file");
        } catch (FileException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        String token = text.strip();
        if (token.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("the token in " + file + " is shorter than " + MIN_LENGTH
                    + " characters (make one with: head -c 32 /dev/urandom | base64 > " + file + ")");
        }
        if (!token.matches("[A-Za-z0-9\\-._~+/]+=*")) {
            throw new IllegalArgumentException("the token in " + file
                    + " has characters a bearer token may not hold (letters, digits and -._~+/ then =)");
        }
        return new BearerToken(token.getBytes(StandardCharsets.US_ASCII));
    }

    static BearerToken of(String token) {
        return new BearerToken(token.getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether an {@code Authorization} header carries this token. */
    boolean admits(String authorization) {
        if (authorization == null || authorization.length() < 7 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = authorization.substring(7).strip().getBytes(StandardCharsets.ISO_8859_1);
        return MessageDigest.isEqual(digest, sha256(given));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
