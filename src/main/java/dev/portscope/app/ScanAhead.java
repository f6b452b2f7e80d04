package dev.portscope.app;

import dev.portscope.model.Socket;
import dev.portscope.query.SocketQuery;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.SocketSource;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Reads a socket source on a thread of its own, a few batches ahead of the caller, so that the
 * kernel's dump (and its decoding) overlaps with whatever the caller does with each socket (for
 * listings: writing a row). At 200,000 connections the two halves cost about the same, so on a
 * machine with two CPUs the listing takes about the longer half instead of the sum (bench/README.md).
 *
 * <p>At most {@link #QUEUED_BATCHES} batches of {@link #BATCH} sockets wait between the threads, so
 * memory stays bounded however many sockets stream through. Sockets reach the sink in the source's
 * order, on the caller's thread. When the sink throws (the reader of the output went away), the
 * reading thread is told to stop and is waited for before the exception goes on; an exception of
 * the reading thread is rethrown on the caller's.
 */
final class ScanAhead {

    static final int BATCH = 256;
    static final int QUEUED_BATCHES = 4;
    private static final long OFFER_WAIT_MILLIS = 20;

    private ScanAhead() {}

    /** Whether a second thread can help here: not on a single CPU, where it only adds switches. */
    static boolean worthwhile() {
        return Runtime.getRuntime().availableProcessors() > 1;
    }

    /**
     * Scans {@code source} on another thread and hands each socket that {@code keep} accepts to
     * {@code sink} on this one. {@code keep} runs on the reading thread and must be thread-safe (pure).
     */
    static void scan(SocketSource source, SocketQuery query, DiagnosticLog log, Predicate<Socket> keep, Consumer<Socket> sink) {
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
        Reader reader = new Reader(source, query, log, keep, queue);
        Thread thread = Thread.ofPlatform().name("portscope-socket-reader").daemon(true).start(reader);
        try {
            while (true) {
                Object next = queue.take();
                if (next instanceof Socket[] batch) {
                    for (Socket socket : batch) {
                        if (socket == null) {
                            break;
                        }
                        sink.accept(socket);
                    }
                } else if (next instanceof Throwable failure) {
                    throw rethrown(failure);
                } else {
                    return; // END
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading sockets", e);
        } finally {
            reader.cancelled = true;
            joinQuietly(thread);
        }
    }

    private static RuntimeException rethrown(Throwable failure) {
        if (failure instanceof RuntimeException e) {
            return e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("reading sockets failed", failure);
    }

    /** Waits for the reader, which stops within one offer wait once cancelled. */
    private static void joinQuietly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The reading thread: fills batches and queues them, then END (or its failure). */
    private static final class Reader implements Runnable {
        private static final Object END = new Object();

        private final SocketSource source;
        private final SocketQuery query;
        private final DiagnosticLog log;
        private final Predicate<Socket> keep;
        private final BlockingQueue<Object> queue;
        volatile boolean cancelled;
        private Socket[] batch = new Socket[BATCH];
        private int filled;

        Reader(SocketSource source, SocketQuery query, DiagnosticLog log, Predicate<Socket> keep, BlockingQueue<Object> queue) {
            this.source = source;
            this.query = query;
            this.log = log;
            this.keep = keep;
            this.queue = queue;
        }

        @Override
        public void run() {
            Object last = END;
            try {
                source.scan(query, log, socket -> {
                    if (keep.test(socket)) {
                        batch[filled++] = socket;
                        if (filled == BATCH) {
                            hand(batch);
                            batch = new Socket[BATCH];
                            filled = 0;
                        }
                    }
                });
                if (filled > 0) {
                    hand(batch);
                }
            } catch (Cancelled e) {
                return; // nobody takes from the queue any more
            } catch (RuntimeException | Error e) {
                last = e;
            }
            try {
                hand(last);
            } catch (Cancelled e) {
                // the caller stopped first: it has its own exception to tell
            }
        }

        /** Queues one item, waiting while the queue is full, unless the caller has stopped taking. */
        private void hand(Object item) {
            try {
                while (!queue.offer(item, OFFER_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    if (cancelled) {
                        throw new Cancelled();
                    }
                }
            } catch (InterruptedException e) {
                throw new Cancelled();
            }
            if (cancelled) {
                throw new Cancelled();
            }
        }
    }

    /** The caller stopped taking sockets: unwinds the source's scan (which closes what it opened). */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super(null, null, false, false);
        }
    }
}
