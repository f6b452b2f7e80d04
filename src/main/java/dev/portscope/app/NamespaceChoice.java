package dev.portscope.app;

import dev.portscope.model.Container;
import dev.portscope.model.NetNamespace;
import java.util.List;
import java.util.Locale;

/**
 * Which network namespace {@code --namespace} names: {@code host}, an {@code ip netns} name, the
 * namespace's inode (or {@code net:[inode]}), or its container's name, id or id prefix (as
 * {@code docker} takes them). A name that is also a container's is the {@code ip netns} name.
 */
final class NamespaceChoice {

    private NamespaceChoice() {}

    /**
     * @param namespaces every namespace on the machine, their containers named
     * @throws SetupException when none, or more than one, fits (the message names the candidates)
     */
    static NetNamespace pick(String wanted, List<NetNamespace> namespaces) {
        String text = wanted.strip();
        if (text.isEmpty()) {
            throw new SetupException("--namespace needs a name, an inode or a container");
        }
        String digits = text.startsWith("net:[") && text.endsWith("]") ? text.substring(5, text.length() - 1) : text;
        for (NetNamespace ns : namespaces) {
            if ((text.equals("host") && ns.host()) || text.equals(ns.name()) || digits.equals(Long.toString(ns.inode()))) {
                return ns;
            }
        }
        List<NetNamespace> byName = namespaces.stream()
                .filter(ns -> ns.container() != null && text.equals(ns.container().name())).toList();
        if (byName.size() == 1) {
            return byName.getFirst();
        }
        List<NetNamespace> byId = namespaces.stream().filter(ns -> idFits(ns.container(), text)).toList();
        if (byId.size() == 1) {
            return byId.getFirst();
        }
        List<NetNamespace> many = byName.size() > 1 ? byName : byId;
        if (many.size() > 1) {
            throw new SetupException("--namespace " + text + " fits " + many.size() + " network namespaces ("
                    + String.join(", ", many.stream().map(NamespaceChoice::describe).toList()) + "): name one by its inode");
        }
        throw new SetupException("no network namespace is named '" + text + "' (an ip netns name, an inode, host, or a container's "
                + "name or id); these exist: " + String.join(", ", namespaces.stream().map(NamespaceChoice::describe).toList()));
    }

    private static boolean idFits(Container container, String text) {
        return container != null && text.length() >= 3 && container.id().toLowerCase(Locale.ROOT).startsWith(text.toLowerCase(Locale.ROOT));
    }

    static String describe(NetNamespace ns) {
        String label = ns.host() || ns.name() != null ? ns.label() + " (" + ns.inode() + ")" : ns.label();
        return ns.container() == null ? label : label + " [" + ns.container().label() + "]";
    }
}
