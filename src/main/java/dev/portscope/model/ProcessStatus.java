package dev.portscope.model;

import java.time.Instant;

/**
 * What a process is at one moment, read again just before acting on it.
 *
 * @param state     running, exited or gone
 * @param startTime when the process with this pid started, as {@link ProcessInfo#startTime()} gives
 *                  it (so the two compare exactly); null unless {@link State#RUNNING}
 */
public record ProcessStatus(State state, Instant startTime) {

    public enum State {
        /** Alive, possibly stopped or sleeping. */
        RUNNING,
        /**
         * Exited but not yet reaped by its parent (a zombie, state {@code Z} in {@code proc(5)}): the
         * kernel closed its descriptors at exit, so it holds no socket any more.
         */
        EXITED,
        /** No process has this pid. */
        GONE,
        /** The process could not be read; nothing can be said about it. */
        UNKNOWN
    }

    public static final ProcessStatus GONE = new ProcessStatus(State.GONE, null);
    public static final ProcessStatus EXITED = new ProcessStatus(State.EXITED, null);
    public static final ProcessStatus UNKNOWN = new ProcessStatus(State.UNKNOWN, null);

    public static ProcessStatus running(Instant startTime) {
        return new ProcessStatus(State.RUNNING, startTime);
    }
}
