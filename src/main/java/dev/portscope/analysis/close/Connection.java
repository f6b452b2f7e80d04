package dev.portscope.analysis.close;

import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Socket;
import java.util.List;

/** A socket a filter selected, with the processes holding it (empty when none is visible). */
public record Connection(Socket socket, List<ProcessInfo> owners) {

    public Connection {
        owners = List.copyOf(owners);
    }
}
