package dev.portscope.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * The page, served from the jar: no CDN, no inline script or style, so that the strict
 * Content-Security-Policy every answer carries ({@code default-src 'self'}) holds. Its files hold
 * no data (the data comes from {@code /api/v1}, behind the token when there is one).
 */
final class WebAssets {

    /** A file and its media type. */
    record Asset(String contentType, byte[] bytes) {}

    private final Map<String, Asset> byPath;

    private WebAssets(Map<String, Asset> byPath) {
        this.byPath = byPath;
    }

    static WebAssets load() {
        Asset index = asset("index.html", "text/html; charset=utf-8");
        return new WebAssets(Map.of(
                "/", index,
                "/index.html", index,
                "/app.js", asset("app.js", "text/javascript; charset=utf-8"),
                "/app.css", asset("app.css", "text/css; charset=utf-8"),
                "/favicon.svg", asset("favicon.svg", "image/svg+xml")));
    }

    Optional<Asset> get(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    private static Asset asset(String name, String type) {
        try (InputStream in = WebAssets.class.getResourceAsStream("web/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks the page's file " + name);
            }
            return new Asset(type, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
