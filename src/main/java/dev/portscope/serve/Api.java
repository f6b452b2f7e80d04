package dev.portscope.serve;

import dev.portscope.analysis.who.PortHolders;
import dev.portscope.analysis.who.PortReport;
import dev.portscope.app.Session;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.ProcessOrigin;
import dev.portscope.model.Snapshot;
import dev.portscope.model.Socket;
import dev.portscope.query.PortTarget;
import dev.portscope.query.SocketQuery;
import dev.portscope.render.AuditJsonWriter;
import dev.portscope.render.JsonEnvelope;
import dev.portscope.render.JsonListingWriter;
import dev.portscope.render.ListingContext;
import dev.portscope.render.ListingHeader;
import dev.portscope.render.ListingRow;
import dev.portscope.render.ListingView;
import dev.portscope.render.StateHistoryJsonWriter;
import dev.portscope.render.WhoJsonWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON documents of {@code /api/v1}: the same documents, by the same writers, as the CLI's
 * {@code listen --json}, {@code conns --json}, {@code who PORT --json} and {@code audit --json},
 * of the collection the cache holds.
 */
final class Api {

    static final String JSON = "application/json; charset=utf-8";

    /** As {@code listen} orders listeners: by protocol, then port. */
    private static final Comparator<ListingRow> BY_PORT = Comparator.comparing((ListingRow r) -> r.socket().protocol())
            .thenComparingInt(r -> r.socket().local().port());

    private final Session session;
    private final ListingContext context;
    private final String generator;
    private final StateHistory history;

    Api(Session session, String generator, StateHistory history) {
        this.session = session;
        this.context = session.context(false, true);
        this.generator = generator;
        this.history = history;
    }

    ListingContext context() {
        return context;
    }

    void listeners(Collection collection, Exchange exchange) throws IOException {
        listing(collection, ListingView.LISTENING, SocketQuery.listening(), exchange);
    }

    void connections(Collection collection, Exchange exchange) throws IOException {
        listing(collection, ListingView.CONNECTIONS, SocketQuery.connections(), exchange);
    }

    private void listing(Collection collection, ListingView view, SocketQuery query, Exchange exchange) throws IOException {
        Snapshot snapshot = collection.refresh().snapshot();
        List<ListingRow> rows = new ArrayList<>();
        for (Socket s : snapshot.sockets()) {
            if (query.matches(s)) {
                rows.add(new ListingRow(s, snapshot.ownersOf(s)));
            }
        }
        if (view == ListingView.LISTENING) {
            rows.sort(BY_PORT);
        }
        write(exchange, out -> {
            JsonListingWriter writer = new JsonListingWriter(out, context, generator);
            writer.begin(new ListingHeader(view, snapshot.time(), snapshot.host(), session.backend().name()));
            rows.forEach(writer::row);
            writer.end(snapshot.diagnostics(), snapshot.partial());
        });
    }

    void who(Collection collection, String port, Exchange exchange) throws IOException, HttpError {
        PortTarget target;
        try {
            target = PortTarget.parse(port, session.services());
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, e.getMessage());
        }
        Snapshot snapshot = collection.refresh().snapshot();
        PortReport report = PortHolders.analyze(snapshot, target);
        Map<Integer, ProcessOrigin> origins = new HashMap<>();
        for (var holding : report.holdings()) {
            for (ProcessInfo p : holding.owners()) {
                origins.computeIfAbsent(p.pid(), pid -> session.inventory().origin(pid));
            }
        }
        write(exchange, out -> new WhoJsonWriter(out, context, origins, envelope(snapshot)).write(report, snapshot.diagnostics()));
    }

    void audit(Collection collection, Exchange exchange) throws IOException {
        Snapshot snapshot = collection.refresh().snapshot();
        write(exchange, out -> AuditJsonWriter.write(out, collection.audit(), envelope(snapshot)));
    }

    void history(Collection collection, Exchange exchange) throws IOException {
        Snapshot snapshot = collection.refresh().snapshot();
        write(exchange, out -> StateHistoryJsonWriter.write(out, envelope(snapshot), history.points(), List.of()));
    }

    private JsonEnvelope envelope(Snapshot snapshot) {
        return new JsonEnvelope(generator, snapshot.time(), snapshot.host());
    }

    private interface Body {
        void write(Writer out) throws IOException;
    }

    /** Streams a document: a listing of every connection is not held whole in memory. */
    private static void write(Exchange exchange, Body body) throws IOException {
        OutputStream stream = exchange.stream(200, JSON);
        if (stream == null) {
            return; // HEAD
        }
        try (Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 16 * 1024)) {
            body.write(out);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
