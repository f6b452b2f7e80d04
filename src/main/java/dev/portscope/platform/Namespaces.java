package dev.portscope.platform;

import dev.portscope.model.NetNamespace;
import dev.portscope.model.Socket;
import dev.portscope.query.SocketQuery;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Network namespaces: the one this process lives in, every other one, and the sockets there. */
public interface Namespaces {

    /** The identity of this process's network namespace, empty where there is none or it is unreadable. */
    Optional<String> currentId();

    /**
     * Sockets the query and filter want in every other network namespace that has a process.
     *
     * @param log told which namespaces could not be read
     */
    List<Socket> otherNamespaceSockets(SocketQuery query, Predicate<Socket> filter, DiagnosticLog log);

    /**
     * Every network namespace on the machine (their containers not named), the host's first.
     * This default, for a platform without them: none.
     *
     * @param log told what could not be read
     */
    default List<NetNamespace> list(DiagnosticLog log) {
        return List.of();
    }

    /**
     * A socket source over every namespace, found anew at each scan, or over the one whose inode is
     * {@code chosen}; its {@link SocketSource#namespaces()} says which it read.
     *
     * @param own     the backend reading the reader's own namespace
     * @param details ask for TCP details and socket memory where the source has them
     * @param chosen  the inode of the one namespace to read, or 0 for every one
     * @throws IllegalArgumentException when this platform cannot read other namespaces (the message says why)
     */
    default SocketSource acrossNamespaces(Backend own, boolean details, long chosen) {
        throw new IllegalArgumentException("other network namespaces cannot be read on this platform");
    }
}
