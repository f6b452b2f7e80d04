package dev.portscope.tui;

import dev.portscope.engine.Engine;
import dev.portscope.engine.Refresh;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Refreshes the engine every interval on a thread of its own, so that the screen keeps answering
 * keys while a refresh of a busy machine takes seconds (200,000 sockets). The engine is used on
 * this thread only, as it requires; each refresh is handed over whole, and the next one is taken
 * only once the screen took the last (at most one waits). A failure is handed over in its place.
 */
final class Refresher implements AutoCloseable {

    /** How often a paused or early refresher looks again. */
    private static final long NAP_MILLIS = 20;

    private final Engine engine;
    private final long intervalNanos;
    private final BlockingQueue<Object> ready = new ArrayBlockingQueue<>(1);
    private final Thread thread;
    private volatile boolean paused;

    Refresher(Engine engine, Duration interval) {
        this.engine = engine;
        this.intervalNanos = interval.toNanos();
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

    private void run() {
        long due = System.nanoTime();
        try {
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
