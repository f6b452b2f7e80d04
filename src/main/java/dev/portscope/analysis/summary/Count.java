package dev.portscope.analysis.summary;

/** A thing and how many sockets it has, e.g. a process or a remote host. */
public record Count<T>(T key, long count) {}
