package dev.portscope.analysis.who;

import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Socket;
import java.util.List;

/**
 * One socket that involves the port, with every process holding it.
 *
 * @param certain false when the socket takes the address asked about only if its {@code IPV6_V6ONLY}
 *                flag is off, and the source did not report that flag ({@code --backend proc})
 */
public record Holding(HoldingRole role, Socket socket, List<ProcessInfo> owners, boolean certain) {

    public Holding {
        owners = List.copyOf(owners);
    }

    public Holding(HoldingRole role, Socket socket, List<ProcessInfo> owners) {
        this(role, socket, owners, true);
    }
}
