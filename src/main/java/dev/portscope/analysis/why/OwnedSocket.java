package dev.portscope.analysis.why;

import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Socket;
import java.util.List;

/** A socket on the port that is not in the way, with the processes holding it. */
public record OwnedSocket(Socket socket, List<ProcessInfo> owners) {

    public OwnedSocket {
        owners = List.copyOf(owners);
    }
}
