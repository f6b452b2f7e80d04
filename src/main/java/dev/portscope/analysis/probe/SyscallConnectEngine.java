package dev.portscope.analysis.probe;

import dev.portscope.platform.ConnectCalls;
import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * Connects through the platform's {@link ConnectCalls}: a refused port is a return value, not an
 * exception as in NIO. The sockets in flight are kept in arrays and waited on with one poll.
 */
final class SyscallConnectEngine implements ConnectEngine {

    private final ConnectCalls calls;
    private int[] ids = new int[64];
    private int[] fds = new int[64];
    private InetSocketAddress[] targets = new InetSocketAddress[64];
    private boolean[] ready = new boolean[64];
    private int pending;

    /** @param calls opened for this engine, and closed with it */
    SyscallConnectEngine(ConnectCalls calls) {
        this.calls = calls;
    }

    @Override
    public Answer start(int id, InetSocketAddress target) {
        ConnectCalls.Step step = calls.start(target);
        if (step.outcome() != ConnectCalls.Outcome.IN_PROGRESS) {
            return settle(target, step);
        }
        if (pending == ids.length) {
            int grown = pending * 2;
            ids = Arrays.copyOf(ids, grown);
            fds = Arrays.copyOf(fds, grown);
            targets = Arrays.copyOf(targets, grown);
            ready = new boolean[grown];
        }
        ids[pending] = id;
        fds[pending] = step.fd();
        targets[pending] = target;
        pending++;
        return null;
    }

    @Override
    public void await(long millis, Answered answered) {
        if (pending == 0) {
            return;
        }
        calls.await(fds, pending, millis, ready);
        int kept = 0;
        for (int k = 0; k < pending; k++) {
            ConnectCalls.Step step = ready[k] ? calls.check(fds[k]) : null;
            if (step != null && step.outcome() != ConnectCalls.Outcome.IN_PROGRESS) {
                answered.accept(ids[k], settle(targets[k], step));
            } else {
                ids[kept] = ids[k];
                fds[kept] = fds[k];
                targets[kept] = targets[k];
                kept++;
            }
        }
        Arrays.fill(targets, kept, pending, null);
        pending = kept;
    }

    @Override
    public void abandon(int id) {
        for (int k = 0; k < pending; k++) {
            if (ids[k] == id) {
                calls.close(fds[k]);
                pending--;
                ids[k] = ids[pending];
                fds[k] = fds[pending];
                targets[k] = targets[pending];
                targets[pending] = null;
                return;
            }
        }
    }

    @Override
    public void close() {
        try {
            for (int k = 0; k < pending; k++) {
                calls.close(fds[k]); // interrupted: nothing stays open
            }
            pending = 0;
        } finally {
            calls.close();
        }
    }

    /** The answer to a connect the kernel has settled; closes its socket. */
    private Answer settle(InetSocketAddress target, ConnectCalls.Step step) {
        try {
            return switch (step.outcome()) {
                case OPEN -> new Answer(calls.connectedToItself(step.fd(), target) ? PortStatus.CLOSED : PortStatus.OPEN, "");
                case REFUSED -> new Answer(PortStatus.CLOSED, "");
                case UNREACHABLE -> new Answer(PortStatus.FILTERED, "no route to host");
                case FAILED -> new Answer(PortStatus.ERROR, step.failure());
                case IN_PROGRESS -> throw new IllegalStateException("a connect in progress is not settled");
            };
        } finally {
            if (step.fd() >= 0) {
                calls.close(step.fd());
            }
        }
    }
}
