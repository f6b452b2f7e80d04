package dev.portscope.serve;

import dev.portscope.app.Session;
import dev.portscope.engine.Engine;
import dev.portscope.engine.EngineSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;

/**
 * {@code portscope serve}: Prometheus metrics, a JSON API, server-sent events and a live page,
 * read-only, over one {@link Engine} whose collections are cached briefly and shared.
 *
 * <pre>{@code
 * try (Server server = Server.start(session, ServeSettings.loopback(9309, "portscope 0.1.0"), err)) {
 *     server.awaitClose();
 * }
 * }</pre>
 */
public final class Server implements AutoCloseable {

    private final Collector collector;
    private final EventHub events;
    private final WebServer web;
    private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);

    private Server(Collector collector, EventHub events, WebServer web) {
        this.collector = collector;
        this.events = events;
        this.web = web;
    }

    /**
     * Starts serving {@code session}'s sockets as {@code settings} say.
     *
     * @param log where warnings go (a failed collection, a failed accept), one line each
     * @throws IOException when the address cannot be bound
     */
    public static Server start(Session session, ServeSettings settings, PrintWriter log) throws IOException {
        Engine engine = Engine.start(session, EngineSettings.defaults().withInterval(settings.eventEvery()));
        Collector collector = new Collector(engine, settings.policy(), settings.cacheFor());
        StateHistory history = new StateHistory(settings.historyKept());
        Api api = new Api(session, settings.generator(), history);
        EventHub events = new EventHub(collector, api.context(), settings.eventEvery(), settings.limits().maxStreams(), log);
        collector.subscribe(history);
        collector.subscribe(events);
        Metrics metrics = new Metrics(session.services(), session.inventory()::userName, settings.policy());
        MetricsEndpoint endpoint = new MetricsEndpoint(collector, metrics, settings.maxSeries(), version(settings.generator()), log);
        WebServer[] web = new WebServer[1];
        Routes routes = new Routes(settings.token(), settings.listen(), WebAssets.load(), endpoint, api, events, collector);
        try {
            web[0] = WebServer.start(settings.listen(), settings.tls(), settings.limits(), routes, log);
        } catch (IOException | RuntimeException e) {
            events.close();
            collector.close();
            throw e;
        }
        return new Server(collector, events, web[0]);
    }

    /** {@code portscope 0.1.0} → {@code 0.1.0}. */
    private static String version(String generator) {
        int space = generator.lastIndexOf(' ');
        return space < 0 ? generator : generator.substring(space + 1);
    }

    /** The address served, with the port the kernel handed out when port 0 was asked for. */
    public InetSocketAddress address() {
        return web.address();
    }

    /** Event streams open now. */
    public int streams() {
        return events.streams();
    }

    /** Blocks until {@link #close} (from another thread, or a shutdown hook). */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    @Override
    public void close() {
        web.close();
        events.close();
        collector.close();
        closed.countDown();
    }
}
