package dev.portscope.serve;

import java.util.Map;
import java.util.Optional;

/**
 * One request's head, as {@link RequestParser} read it: the server never takes a body.
 *
 * @param method  {@code GET} or {@code HEAD} (others are refused before a request is made)
 * @param path    the target's path, percent-decoded
 * @param query   the raw query after {@code ?}, empty when none
 * @param headers by lower-case name; a header given twice keeps its values joined by {@code ", "}
 *                (RFC 9110 §5.3)
 */
public record HttpRequest(String method, String path, String query, Map<String, String> headers) {

    public HttpRequest {
        headers = Map.copyOf(headers);
    }

    public Optional<String> header(String lowerCaseName) {
        return Optional.ofNullable(headers.get(lowerCaseName));
    }

    public boolean isHead() {
        return method.equals("HEAD");
    }
}
