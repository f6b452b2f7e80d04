package dev.portscope.serve;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a request head (RFC 9112 §2-§5), strictly: a pure function of its bytes, so that every
 * malformed head is a {@link HttpError} with a 4xx status. The server serves reads only: no
 * request may carry a body.
 */
final class RequestParser {

    /** Characters of a token (RFC 9110 §5.6.2): methods and header names. */
    private static final String TOKEN_SPECIALS = "!#$%&'*+-.^_`|~";
    static final int MAX_HEADERS = 64;

    private RequestParser() {}

    /**
     * @param head the bytes before the empty line that ends the head, CRLF line ends (a bare LF is
     *             accepted too, as RFC 9112 §2.2 allows)
     */
    static HttpRequest parse(byte[] head) throws HttpError {
        for (byte b : head) {
            if (b == 0) {
                throw new HttpError(400, "a NUL byte in the request head");
            }
        }
        String text = new String(head, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r?\n", -1);
        String[] requestLine = lines[0].split(" ", -1);
        if (requestLine.length != 3) {
            throw new HttpError(400, "the request line is not METHOD TARGET VERSION");
        }
        String method = requestLine[0];
        String target = requestLine[1];
        String version = requestLine[2];
        if (!isToken(method)) {
            throw new HttpError(400, "the method is not a token");
        }
        if (!version.matches("HTTP/\\d\\.\\d")) {
            throw new HttpError(400, "not an HTTP version: " + printable(version));
        }
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            throw new HttpError(505, "only HTTP/1.0 and HTTP/1.1 are served");
        }
        Map<String, String> headers = new HashMap<>();
        int count = 0;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            if (++count > MAX_HEADERS) {
                throw new HttpError(431, "more than " + MAX_HEADERS + " header fields");
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw new HttpError(400, "a folded header line (obsolete line folding is refused, RFC 9112 §5.2)");
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !isToken(line.substring(0, colon))) {
                throw new HttpError(400, "a header line without a valid name");
            }
            String name = line.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            for (int c = 0; c < value.length(); c++) {
                char ch = value.charAt(c);
                if (ch < 0x20 && ch != '\t' || ch == 0x7f) {
                    throw new HttpError(400, "a control character in header " + name);
                }
            }
            if (name.equals("host") && headers.containsKey("host")) {
                throw new HttpError(400, "two Host headers");
            }
            headers.merge(name, value, (a, b) -> a + ", " + b);
        }
        if (version.equals("HTTP/1.1") && !headers.containsKey("host")) {
            throw new HttpError(400, "an HTTP/1.1 request without Host");
        }
        if (headers.containsKey("transfer-encoding")
                || headers.containsKey("content-length") && !headers.get("content-length").equals("0")) {
            throw new HttpError(413, "requests may not carry a body: this server only answers reads");
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw new HttpError(405, "only GET and HEAD are served (the server is read-only)");
        }
        if (!target.startsWith("/")) {
            throw new HttpError(400, "the target is not a path");
        }
        int question = target.indexOf('?');
        String rawPath = question < 0 ? target : target.substring(0, question);
        String query = question < 0 ? "" : target.substring(question + 1);
        return new HttpRequest(method, decode(rawPath), query, headers);
    }

    /** Percent-decodes a path as UTF-8; a bad escape, a NUL or invalid UTF-8 is malformed. */
    static String decode(String path) throws HttpError {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%') {
                if (i + 2 >= path.length()) {
                    throw new HttpError(400, "a truncated percent escape in the path");
                }
                int hi = Character.digit(path.charAt(i + 1), 16);
                int lo = Character.digit(path.charAt(i + 2), 16);
                if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
                    throw new HttpError(400, "a bad percent escape in the path");
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c <= 0x20 || c >= 0x7f) {
                throw new HttpError(400, "a character the path may not hold unescaped");
            } else {
                bytes.write(c);
            }
        }
        var decoder = StandardCharsets.UTF_8.newDecoder();
        try {
            return decoder.decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new HttpError(400, "the path is not UTF-8");
        }
    }

    private static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || TOKEN_SPECIALS.indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** At most 20 characters of a client's text, control characters shown as {@code ?}. */
    private static String printable(String text) {
        String cut = text.length() > 20 ? text.substring(0, 20) + "..." : text;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
