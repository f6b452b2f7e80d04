package dev.portscope.api;

import java.util.List;
import java.util.Objects;

/**
 * A process holding a socket.
 *
 * {@snippet :
 * for (Owner owner : scope.who(8080).owners()) {
 *     System.out.println(owner.pid() + " " + owner.name() + " (" + owner.user() + ")");
 * }
 * }
 *
 * @param pid         the process id
 * @param name        its short name, as the kernel keeps it (at most 15 characters)
 * @param commandLine its arguments; empty for a kernel thread or when unreadable
 * @param user        the user it runs as, by name, or the uid as text when the name is unknown
 */
public record Owner(int pid, String name, List<String> commandLine, String user) {

    public Owner {
        Objects.requireNonNull(name, "name");
        commandLine = List.copyOf(commandLine);
        Objects.requireNonNull(user, "user");
    }
}
