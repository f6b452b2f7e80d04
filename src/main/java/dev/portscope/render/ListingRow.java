package dev.portscope.render;

import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Socket;
import java.util.List;

/** One line of a listing: a socket and the processes holding it (empty when unknown). */
public record ListingRow(Socket socket, List<ProcessInfo> owners) {

    public ListingRow {
        owners = List.copyOf(owners);
    }
}
