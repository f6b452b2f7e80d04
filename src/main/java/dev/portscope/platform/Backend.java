package dev.portscope.platform;

/** A platform's pair of sources, chosen together in {@link Backends}. */
public record Backend(String name, SocketSource sockets, ProcessSource processes) {}
