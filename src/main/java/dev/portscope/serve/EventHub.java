package dev.portscope.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.portscope.engine.Change;
import dev.portscope.render.JsonSockets;
import dev.portscope.render.ListingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code /api/v1/events}: server-sent events (HTML Living Standard, "Server-sent events") from the
 * changes of each collection. While a stream is open, a scheduler asks for a collection every
 * interval; collections taken for scrapes are streamed too. Each collection gives one
 * {@code refresh} event (TCP sockets per state, for the page's chart) and one {@code change}
 * event per change, at most {@link #MAX_CHANGES} a collection (then a {@code truncated} event says
 * how many more). A client that does not keep up (its queue of {@link #QUEUE} collections full)
 * is dropped; a stream ends after {@link #MAX_LIFETIME} and the client connects again.
 */
final class EventHub implements Consumer<Collection>, AutoCloseable {

    static final int MAX_CHANGES = 1000;
    static final int QUEUE = 32;
    static final Duration MAX_LIFETIME = Duration.ofHours(1);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final Collector collector;
    private final ListingContext context;
    private final Duration interval;
    private final Semaphore slots;
    private final PrintWriter log;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker;
    private final JsonFactory json = new JsonFactory();
    private volatile boolean failing;

    private static final class Subscriber {
        final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUE);
        volatile boolean overflowed;
    }

    EventHub(Collector collector, ListingContext context, Duration interval, int maxStreams, PrintWriter log) {
        this.collector = collector;
        this.context = context;
        this.interval = interval;
        this.slots = new Semaphore(maxStreams);
        this.log = log;
        this.ticker = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "portscope-serve-events");
            t.setDaemon(true);
            return t;
        });
        long millis = interval.toMillis();
        ticker.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Collects when someone listens, unless a scrape just did. */
    private void tick() {
        if (subscribers.isEmpty()) {
            return;
        }
        try {
            collector.current(interval.toNanos() / 2);
            failing = false;
        } catch (Collector.CollectionFailed e) {
            if (!failing) {
                log.println("portscope: warning: " + e.getMessage());
                log.flush();
            }
            failing = true;
        } catch (RuntimeException e) {
            log.println("portscope: internal error in the event scheduler: " + e);
            log.flush();
        }
    }

    /** Called by the collector for each new collection (under its lock): formats once, queues for everyone. */
    @Override
    public void accept(Collection collection) {
        if (subscribers.isEmpty()) {
            return;
        }
        byte[] events = format(collection);
        for (Subscriber s : subscribers) {
            if (!s.queue.offer(events)) {
                s.overflowed = true;
            }
        }
    }

    byte[] format(Collection collection) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        List<Change> changes = collection.refresh().changes();
        try {
            event(out, "refresh", g -> {
                g.writeNumberField("sequence", collection.refresh().sequence());
                g.writeStringField("time", collection.refresh().time().toString());
                g.writeNumberField("sockets", collection.refresh().snapshot().sockets().size());
                g.writeNumberField("changes", changes.size());
                g.writeObjectFieldStart("states");
                for (var e : StateHistory.tcpStates(collection.refresh().snapshot().sockets()).entrySet()) {
                    g.writeNumberField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
            });
            int n = 0;
            for (Change change : changes) {
                if (++n > MAX_CHANGES) {
                    int more = changes.size() - MAX_CHANGES;
                    event(out, "truncated", g -> g.writeNumberField("changesNotSent", more));
                    break;
                }
                event(out, "change", g -> writeChange(g, change));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    /** One event: its name, then its data as one line of JSON (a line break in data would start a new field). */
    private void event(ByteArrayOutputStream out, String name, Fields fields) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = json.createGenerator(text)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        }
        out.write(("event: " + name + "\ndata: " + text + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    private void writeChange(JsonGenerator g, Change change) throws IOException {
        g.writeStringField("change", switch (change) {
            case Change.Opened o -> "opened";
            case Change.Closed c -> "closed";
            case Change.StateChanged s -> "state-changed";
            case Change.OwnerChanged o -> "owner-changed";
            case Change.QueueCrossed q -> "queue-crossed";
        });
        g.writeStringField("time", change.time().toString());
        g.writeObjectFieldStart("socket");
        JsonSockets.writeSocket(g, change.socket(), context);
        g.writeEndObject();
        JsonSockets.writeProcesses(g, "processes", change.sighting().owners());
        g.writeBooleanField("processesInferred", change.sighting().ownersInferred());
        switch (change) {
            case Change.Closed c -> g.writeStringField("end", c.end().name().toLowerCase(Locale.ROOT));
            case Change.StateChanged s -> g.writeStringField("before", s.before().name());
            case Change.OwnerChanged o -> JsonSockets.writeProcesses(g, "processesBefore", o.before().owners());
            case Change.QueueCrossed q -> {
                g.writeStringField("queue", q.queue().name().toLowerCase(Locale.ROOT));
                g.writeNumberField("threshold", q.threshold());
                g.writeNumberField("bytes", q.bytes());
                g.writeBooleanField("above", q.above());
            }
            case Change.Opened o -> { }
        }
    }

    /** Serves one stream until the client goes, falls behind, or the stream's lifetime ends. */
    void stream(Exchange exchange) throws IOException, HttpError {
        if (!slots.tryAcquire()) {
            throw new HttpError(503, "too many event streams at once");
        }
        Subscriber subscriber = new Subscriber();
        try {
            OutputStream out = exchange.stream(200, "text/event-stream; charset=utf-8");
            if (out == null) {
                return; // HEAD
            }
            subscribers.add(subscriber);
            out.write("retry: 2000\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            long end = System.nanoTime() + MAX_LIFETIME.toNanos();
            while (System.nanoTime() < end && !subscriber.overflowed && !ticker.isShutdown()) {
                byte[] events;
                try {
                    events = subscriber.queue.poll(KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                out.write(events == null ? ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8) : events);
                out.flush();
            }
        } finally {
            subscribers.remove(subscriber);
            slots.release();
        }
    }

    int streams() {
        return subscribers.size();
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
