package dev.portscope.api;

/**
 * The transport protocol of a socket.
 *
 * {@snippet :
 * scope.listeners().sockets().stream().filter(s -> s.transport() == Transport.UDP).toList();
 * }
 */
public enum Transport {
    TCP,
    UDP
}
