package dev.portscope.analysis.who;

import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Socket;
import java.util.List;

/** One socket that involves the port, with every process holding it. */
public record Holding(HoldingRole role, Socket socket, List<ProcessInfo> owners) {

    public Holding {
        owners = List.copyOf(owners);
    }
}
