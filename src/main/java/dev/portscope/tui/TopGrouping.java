package dev.portscope.tui;

import dev.portscope.engine.Sighting;
import dev.portscope.model.AddressText;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Socket;
import dev.portscope.render.ForeignText;
import java.util.stream.Collectors;

/** How {@code top} gathers rows under titles; {@code g} cycles through them. */
public enum TopGrouping {
    NONE("none"),
    PROCESS("process"),
    REMOTE("remote host");

    private final String label;

    TopGrouping(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    TopGrouping next() {
        return values()[(ordinal() + 1) % values().length];
    }

    /** The title of the group a row belongs to (foreign names escaped); null for {@link #NONE}. */
    String titleOf(Sighting sighting) {
        Socket socket = sighting.socket();
        return switch (this) {
            case NONE -> null;
            case PROCESS -> sighting.owners().isEmpty() ? "no known process"
                    : sighting.owners().stream().map(TopGrouping::describe).collect(Collectors.joining(", "));
            case REMOTE -> socket.remote().isWildcard() && socket.remote().port() == 0 ? "no peer"
                    : AddressText.of(socket.remote().address(), socket.family());
        };
    }

    private static String describe(ProcessInfo p) {
        return ForeignText.visible(p.name()) + " (pid " + p.pid() + ", user " + ForeignText.visible(p.user()) + ")";
    }
}
