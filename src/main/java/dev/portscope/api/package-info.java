/**
 * portscope as a library: which ports are in use on this machine, by whom, and can a service bind one.
 *
 * <p>{@link dev.portscope.api.PortScope} is the entry point; everything it returns is an immutable
 * record or enum of this package. Nothing else of portscope is exported: its model, backends and
 * analyses may change in any release, this package follows semantic versioning.
 *
 * {@snippet :
 * PortScope scope = PortScope.local();
 * for (SocketEntry listener : scope.listeners().sockets()) {
 *     System.out.println(listener.transport() + " " + listener.local() + " " + listener.owners());
 * }
 * int port = scope.freePort();                       // free for a TCP bind on every address
 * BindCheck check = scope.why(8080);                 // "port 8080 already in use": by whom, and what to do
 * }
 *
 * <p>Platform notes: the answers come from Linux's {@code sock_diag} netlink and {@code /proc}. As a
 * user other than root, sockets of other users' processes are listed without their owners; each
 * result then says it is incomplete ({@code complete()} false) and why ({@code notes()}).
 */
package dev.portscope.api;
