package dev.portscope.tui;

import dev.portscope.app.Session;
import dev.portscope.engine.Engine;
import dev.portscope.engine.EngineSettings;
import dev.portscope.engine.Refresh;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs the engine on a thread of its own, refreshing every interval, so that the screen keeps
 * answering keys while a refresh of a busy machine takes seconds (200,000 sockets). The engine is
 * started, refreshed and closed on this thread only: it is confined to the thread that starts it
 * (its owner tracker's native buffers belong to that thread). Each refresh is handed over whole,
 * and the next one is taken only once the screen took the last (at most one waits). A failure is
 * handed over in its place.
 */
final class Refresher implements AutoCloseable {

    /** How often a paused or early refresher looks again. */
    private static final long NAP_MILLIS = 20;

    private final Session session;
    private final EngineSettings settings;
    private final long intervalNanos;
    private final BlockingQueue<Object> ready = new ArrayBlockingQueue<>(1);
    private final Thread thread;
    private volatile boolean paused;
    private volatile boolean catchesShortConnections;

    Refresher(Session session, EngineSettings settings) {
        this.session = session;
        this.settings = settings;
        this.intervalNanos = settings.interval().toNanos();
        this.thread = Thread.ofPlatform().daemon().name("portscope-top-refresh").unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** While paused no refresh is taken; the first one after is taken at once if it is due. */
    void paused(boolean paused) {
        this.paused = paused;
    }

    /**
     * The refresh taken since the last call, or null.
     *
     * @throws RuntimeException what the refresh failed with
     */
    Refresh poll() {
        Object next = ready.poll();
        if (next instanceof RuntimeException e) {
            throw e;
        }
        if (next instanceof Error e) {
            throw e;
        }
        return (Refresh) next;
    }

    /** Whether the engine catches connections shorter than a refresh; known once it started. */
    boolean catchesShortConnections() {
        return catchesShortConnections;
    }

    private void run() {
        long due = System.nanoTime();
        try (Engine engine = Engine.start(session, settings)) {
            catchesShortConnections = engine.catchesShortConnections();
            while (!Thread.currentThread().isInterrupted()) {
                if (paused || System.nanoTime() - due < 0) {
                    Thread.sleep(NAP_MILLIS);
                    continue;
                }
                Refresh refresh = engine.refresh();
                due = Math.max(due + intervalNanos, System.nanoTime());
                ready.put(refresh);
            }
        } catch (InterruptedException closing) {
            // the screen is going away
        } catch (RuntimeException | Error failure) {
            ready.clear();
            ready.offer(failure);
        }
    }

    /** Stops refreshing; waits a little for a refresh under way, which cannot be cut short. */
    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(Duration.ofSeconds(5));
    }
}
