package dev.portscope.platform;

import dev.portscope.model.Socket;
import dev.portscope.query.SocketQuery;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Network namespaces: the one this process lives in, and sockets in the others. */
public interface Namespaces {

    /** The identity of this process's network namespace, empty where there is none or it is unreadable. */
    Optional<String> currentId();

    /**
     * Sockets the query and filter want in every other network namespace that has a process.
     *
     * @param log told which namespaces could not be read
     */
    List<Socket> otherNamespaceSockets(SocketQuery query, Predicate<Socket> filter, DiagnosticLog log);
}
