package dev.portscope.query.filter;

import dev.portscope.model.Endpoint;
import dev.portscope.model.Socket;

/** Which end of a socket a condition looks at: {@code src}/{@code sport} or {@code dst}/{@code dport}. */
public enum Side {
    LOCAL("src", "sport"),
    REMOTE("dst", "dport");

    private final String addressKeyword;
    private final String portKeyword;

    Side(String addressKeyword, String portKeyword) {
        this.addressKeyword = addressKeyword;
        this.portKeyword = portKeyword;
    }

    public String addressKeyword() {
        return addressKeyword;
    }

    public String portKeyword() {
        return portKeyword;
    }

    public Endpoint of(Socket socket) {
        return this == LOCAL ? socket.local() : socket.remote();
    }
}
