package dev.portscope.testing;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for Docker's daemon on a Unix socket the test makes: answers {@code GET
 * /containers/<id>/json} with the container's {@code Name} (HTTP/1.0, then closes), 404 for an id
 * it does not know; or, when silent, reads requests and never answers.
 */
public final class FakeDockerDaemon implements AutoCloseable {

    private final ServerSocketChannel server;
    private final Thread thread;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<SocketChannel> held = new CopyOnWriteArrayList<>();

    private FakeDockerDaemon(Path socket, Map<String, String> names, boolean silent) throws IOException {
        Files.createDirectories(socket.getParent());
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        thread = Thread.ofVirtual().start(() -> {
            while (server.isOpen()) {
                try {
                    SocketChannel client = server.accept();
                    String request = readRequest(client);
                    requests.add(request.lines().findFirst().orElse(""));
                    if (silent) {
                        held.add(client);
                        continue;
                    }
                    try (client) {
                        String path = request.split(" ", 3)[1];
                        String id = path.replaceAll("^/containers/([^/]+)/json$", "$1");
                        String name = names.get(id);
                        String response = name == null
                                ? "HTTP/1.0 404 Not Found\r\nContent-Type: application/json\r\n\r\n{\"message\":\"No such container: " + id + "\"}"
                                : "HTTP/1.0 200 OK\r\nApi-Version: 1.47\r\nContent-Type: application/json\r\nServer: Docker/27.3.1 (linux)\r\n\r\n"
                                        + "{\"Id\":\"" + id + "\",\"Name\":\"/" + name + "\",\"State\":{\"Running\":true}}";
                        client.write(ByteBuffer.wrap(response.getBytes(StandardCharsets.UTF_8)));
                    }
                } catch (IOException e) {
                    return; // closed
                }
            }
        });
    }

    /** A daemon that knows these containers (id to name). */
    public static FakeDockerDaemon answering(Path socket, Map<String, String> names) throws IOException {
        return new FakeDockerDaemon(socket, names, false);
    }

    /** A daemon that takes connections and never answers. */
    public static FakeDockerDaemon silent(Path socket) throws IOException {
        return new FakeDockerDaemon(socket, Map.of(), true);
    }

    /** The request lines received, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private static String readRequest(SocketChannel client) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        StringBuilder text = new StringBuilder();
        while (!text.toString().contains("\r\n\r\n") && client.read(buffer) > 0) {
            buffer.flip();
            text.append(StandardCharsets.US_ASCII.decode(buffer));
            buffer.clear();
        }
        return text.toString();
    }

    @Override
    public void close() throws Exception {
        server.close();
        for (SocketChannel client : held) {
            client.close();
        }
        thread.join(5000);
    }
}
