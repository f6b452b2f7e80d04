package dev.portscope.platform;

import dev.portscope.model.Container;

/**
 * Asks a container runtime's daemon what its local state did not say (a container's name), only
 * when the user asks for it ({@code who --ask-runtime}): a daemon call costs time and may wake a
 * socket-activated daemon.
 */
public interface RuntimeDaemons {

    /** A platform without daemons to ask: every container stays as it is. */
    RuntimeDaemons NONE = (container, log) -> container;

    /**
     * The container, named by its runtime's daemon where it has no name yet and the daemon answers;
     * else as given.
     *
     * @param log told when the daemon could not be asked or did not answer
     */
    Container name(Container container, DiagnosticLog log);
}
