package dev.portscope.serve;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Optional;

/**
 * Which request gets which answer, and who may ask. With a token, every endpoint but the page's
 * own files needs it. Without one (loopback only), a request must name this machine's loopback in
 * {@code Host}: a web page elsewhere whose name an attacker points at 127.0.0.1 (DNS rebinding)
 * cannot read the API through a browser on this machine.
 */
final class Routes implements WebServer.Handler {

    private static final String WHO = "/api/v1/who/";

    private final Optional<BearerToken> token;
    private final InetSocketAddress bound;
    private final WebAssets assets;
    private final MetricsEndpoint metrics;
    private final Api api;
    private final EventHub events;
    private final Collector collector;

    Routes(Optional<BearerToken> token, InetSocketAddress bound, WebAssets assets, MetricsEndpoint metrics, Api api, EventHub events,
            Collector collector) {
        this.token = token;
        this.bound = bound;
        this.assets = assets;
        this.metrics = metrics;
        this.api = api;
        this.events = events;
        this.collector = collector;
    }

    @Override
    public void handle(HttpRequest request, Exchange exchange) throws IOException, HttpError {
        if (token.isEmpty()) {
            checkHost(request);
        }
        String path = request.path();
        var asset = assets.get(path);
        if (asset.isPresent()) {
            exchange.send(200, asset.get().contentType(), asset.get().bytes());
            return;
        }
        if (token.isPresent() && !token.get().admits(request.header("authorization").orElse(null))) {
            throw new HttpError(401, "this server needs its bearer token (Authorization: Bearer TOKEN)");
        }
        switch (path) {
            case "/metrics" -> metrics.handle(request, exchange);
            case "/api/v1/listeners" -> api.listeners(current(), exchange);
            case "/api/v1/connections" -> api.connections(current(), exchange);
            case "/api/v1/audit" -> api.audit(current(), exchange);
            case "/api/v1/history" -> api.history(current(), exchange);
            case "/api/v1/events" -> events.stream(exchange);
            default -> {
                if (path.startsWith(WHO) && path.length() > WHO.length()) {
                    api.who(current(), path.substring(WHO.length()), exchange);
                } else {
                    throw new HttpError(404, "no such endpoint (see /api/v1/listeners, /connections, /who/PORT, /audit, /events, /metrics)");
                }
            }
        }
    }

    private Collection current() throws HttpError {
        try {
            return collector.current();
        } catch (Collector.CollectionFailed e) {
            throw new HttpError(503, "collecting sockets failed; the server's log says why");
        }
    }

    /** The names a loopback server answers to: {@code localhost}, a loopback address, its own bind address; any port. */
    private void checkHost(HttpRequest request) throws HttpError {
        Optional<String> host = request.header("host");
        if (host.isEmpty()) {
            return; // HTTP/1.0: no name was used
        }
        String name = host.get().toLowerCase(Locale.ROOT);
        if (name.startsWith("[")) {
            int close = name.indexOf(']');
            name = close < 0 ? name : name.substring(1, close);
        } else if (name.indexOf(':') >= 0) {
            name = name.substring(0, name.indexOf(':'));
        }
        if (name.equals("localhost") || name.endsWith(".localhost") || isLoopbackLiteral(name)
                || name.equals(bound.getAddress().getHostAddress())) {
            return;
        }
        throw new HttpError(403, "the Host header does not name this machine's loopback (a guard against DNS rebinding):"
                + " use localhost or a loopback address in the URL");
    }

    private static boolean isLoopbackLiteral(String name) {
        if (!name.matches("[0-9.]+|[0-9a-f:]+")) {
            return false; // never a DNS query
        }
        try {
            InetAddress address = dev.portscope.query.IpLiteral.parse(name);
            return address.isLoopbackAddress();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
