package dev.portscope.analysis.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.StandardProtocolFamily;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.HashMap;
import java.util.Map;

/** Connects through non-blocking NIO channels and one {@link Selector}: works wherever Java does. */
final class NioConnectEngine implements ConnectEngine {

    /** A connect in flight: the selection key's attachment. */
    private record InFlight(int id, InetSocketAddress target, SocketChannel channel) {}

    private final Selector selector;
    private final Map<Integer, SocketChannel> inFlight = new HashMap<>();

    NioConnectEngine() {
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
    }

    @Override
    public Answer start(int id, InetSocketAddress target) {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open(target.getAddress().getAddress().length == 4 ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
            channel.configureBlocking(false);
            // On loopback the answer (SYN-ACK or RST) is handled before connect(2) returns EINPROGRESS, so one
            // poll right away settles most ports without registering with the selector (two epoll_ctl calls).
            if (channel.connect(target) || channel.finishConnect()) {
                Answer open = opened(target, channel);
                close(channel);
                return open;
            }
            channel.register(selector, SelectionKey.OP_CONNECT, new InFlight(id, target, channel));
            inFlight.put(id, channel);
            return null;
        } catch (IOException e) {
            close(channel);
            return failed(e);
        }
    }

    @Override
    public void await(long millis, Answered answered) {
        try {
            if (millis <= 0) {
                selector.selectNow();
            } else {
                selector.select(millis);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("selecting connects failed", e);
        }
        for (SelectionKey key : selector.selectedKeys()) {
            InFlight f = (InFlight) key.attachment();
            Answer answer;
            try {
                f.channel().finishConnect();
                answer = opened(f.target(), f.channel());
            } catch (IOException e) {
                answer = failed(e);
            }
            key.cancel();
            close(f.channel());
            inFlight.remove(f.id());
            answered.accept(f.id(), answer);
        }
        selector.selectedKeys().clear();
    }

    @Override
    public void abandon(int id) {
        close(inFlight.remove(id));
    }

    @Override
    public void close() {
        inFlight.values().forEach(NioConnectEngine::close);
        inFlight.clear();
        try {
            selector.close();
        } catch (IOException e) {
            // nothing is left registered: nothing to lose
        }
    }

    /**
     * A connect that succeeded. On loopback the kernel may pick the target port itself as the source
     * port, and the socket then connects to itself (TCP simultaneous open, RFC 793 §3.4): nothing
     * listens there, so the port is closed.
     */
    private static Answer opened(InetSocketAddress target, SocketChannel channel) throws IOException {
        return new Answer(target.equals(channel.getLocalAddress()) ? PortStatus.CLOSED : PortStatus.OPEN, "");
    }

    /** A connect that failed, as Java's sockets report it. */
    static Answer failed(IOException e) {
        return switch (e) {
            case NoRouteToHostException n -> new Answer(PortStatus.FILTERED, "no route to host");
            case ConnectException c -> new Answer(PortStatus.CLOSED, "");
            default -> new Answer(PortStatus.ERROR, String.valueOf(e.getMessage()));
        };
    }

    private static void close(SocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing a socket we only connected: nothing to lose
            }
        }
    }
}
