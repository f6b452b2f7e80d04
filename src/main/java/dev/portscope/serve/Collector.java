package dev.portscope.serve;

import dev.portscope.analysis.audit.Auditor;
import dev.portscope.analysis.audit.Policy;
import dev.portscope.engine.Engine;
import dev.portscope.engine.Refresh;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.TcpCounters;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Collection on demand, with a short cache: a scrape, an API call or the event scheduler asks for
 * the current collection; one younger than {@code maxAge} is shared, else the engine refreshes.
 * The engine is not thread-safe, so refreshes happen under a lock: concurrent askers wait for the
 * one refresh and share it. Each new collection is handed to the subscribers (the event streams,
 * the page's history) while the lock is held, in order; they must not block.
 */
public final class Collector implements AutoCloseable {

    private final Engine engine;
    private final Optional<Policy> policy;
    private final long maxAgeNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Consumer<Collection>> subscribers = new CopyOnWriteArrayList<>();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    /** Collections run on one platform thread: the engine's, whose CPU time can be measured (a virtual thread's cannot). */
    private final java.util.concurrent.ExecutorService thread = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "portscope-serve-collector");
        t.setDaemon(true);
        return t;
    });
    /** How long {@link #close} waits for a running refresh: several refreshes of a busy machine. */
    private static final long CLOSE_WAIT_SECONDS = 10;
    private Collection latest;
    private long takenAt;
    private long collections;
    private long failures;

    /** A collection that could not be taken: the engine failed (its cause is in the message). */
    public static final class CollectionFailed extends Exception {
        CollectionFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public Collector(Engine engine, Optional<Policy> policy, Duration maxAge) {
        this.engine = engine;
        this.policy = policy;
        this.maxAgeNanos = maxAge.toNanos();
    }

    public Engine engine() {
        return engine;
    }

    public void subscribe(Consumer<Collection> subscriber) {
        subscribers.add(subscriber);
    }

    /** The collection of at most {@code maxAge} ago, taken now when there is none. */
    public Collection current() throws CollectionFailed {
        return current(maxAgeNanos);
    }

    /** As {@link #current()}, with another bound on its age (the event scheduler's interval). */
    public Collection current(long maxAgeNanos) throws CollectionFailed {
        lock.lock();
        try {
            if (latest != null && System.nanoTime() - takenAt < maxAgeNanos) {
                return latest;
            }
            Collection taken;
            try {
                taken = thread.submit(this::collect).get();
            } catch (java.util.concurrent.ExecutionException e) {
                failures++;
                throw new CollectionFailed("collecting sockets failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException | java.util.concurrent.RejectedExecutionException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                failures++;
                throw new CollectionFailed("collecting sockets was interrupted (the server is stopping)", e);
            }
            latest = taken;
            takenAt = System.nanoTime();
            collections++;
            for (Consumer<Collection> subscriber : subscribers) {
                subscriber.accept(taken);
            }
            return taken;
        } finally {
            lock.unlock();
        }
    }

    private Collection collect() {
        long start = System.nanoTime();
        long cpuStart = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
        Refresh refresh = engine.refresh();
        var audit = Auditor.audit(refresh.snapshot(), policy, Optional.empty());
        Optional<TcpCounters> counters = engine.session().isReplay() ? Optional.empty()
                : engine.session().kernel().tcpCounters(engine.session().clock(), new DiagnosticLog());
        Duration cpu = cpuStart < 0 ? null : Duration.ofNanos(threads.getCurrentThreadCpuTime() - cpuStart);
        return new Collection(refresh, audit, counters, Duration.ofNanos(System.nanoTime() - start), cpu);
    }

    /** Collections taken so far. */
    public long collections() {
        lock.lock();
        try {
            return collections;
        } finally {
            lock.unlock();
        }
    }

    /** Collections that failed so far. */
    public long failures() {
        lock.lock();
        try {
            return failures;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops collecting and closes the engine once no refresh runs. An asker interrupted while it
     * waited (the event scheduler, stopped first) leaves its refresh running on the collector's
     * thread, still inside the engine's native reads; the engine is closed only after that thread
     * ends, or left to the process's exit when it does not end in time.
     */
    @Override
    public void close() {
        thread.shutdownNow();
        boolean idle;
        try {
            idle = thread.awaitTermination(CLOSE_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            idle = false;
        }
        if (!idle) {
            return;
        }
        lock.lock();
        try {
            engine.close();
        } finally {
            lock.unlock();
        }
    }
}
