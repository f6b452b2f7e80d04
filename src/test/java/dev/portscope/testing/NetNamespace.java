package dev.portscope.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portscope.cli.Main;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * portscope run in a network namespace the test creates ({@code unshare --net}, loopback up), beside
 * listeners the test asks for there: for commands that connect to every listener they find
 * ({@code probe}, {@code audit --probe}) or to ports of a fixed list ({@code scan --top}). In the
 * namespace the machine's own listeners do not exist, so nothing outside the test is touched, and
 * every port is free.
 *
 * <p>One python3 process holds the listeners and runs the commands one after the other, each in a
 * JVM of its own; it is the pid that portscope reports for them. Two kinds of listener:
 * <ul>
 *   <li>{@code http}: answers {@code GET} and {@code HEAD} with {@code HTTP/1.1 200 OK}, closes on
 *       anything else;</li>
 *   <li>{@code quiet}: listens and never accepts while a command runs; afterwards the connections
 *       waiting in its queue are taken and counted (a connect made and closed again still waits
 *       there), so a test can prove that a command did not connect to it.</li>
 * </ul>
 */
public final class NetNamespace {

    /** A command's exit status, output, and the connections each quiet listener received while it ran. */
    public record Result(int exitCode, String out, String err, Map<Integer, Integer> connections) {
        public JsonNode json() {
            try {
                return new ObjectMapper().readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + out + "\nstderr: " + err, e);
            }
        }

        public int connectionsTo(int port) {
            Integer n = connections.get(port);
            if (n == null) {
                throw new IllegalArgumentException("no quiet listener on " + port);
            }
            return n;
        }
    }

    /** What ran: the pid holding the listeners, and each command's result in order. */
    public record Run(long pid, List<Result> results) {}

    /** Holds the listeners, runs argv[2:]... as given in the JSON spec (argv[1]), prints one JSON document. */
    private static final String DRIVER = """
            import json, os, select, socket, subprocess, sys, threading
            spec = json.loads(sys.argv[1])
            subprocess.run(['ip', 'link', 'set', 'lo', 'up'], check=True)

            def answer(conn):
                with conn:
                    conn.settimeout(10)
                    try:
                        request = conn.recv(512)
                        if request.split(b' ', 1)[0] in (b'GET', b'HEAD'):
                            conn.sendall(b'HTTP/1.1 200 OK\\r\\nContent-Length: 0\\r\\nConnection: close\\r\\n\\r\\n')
                    except OSError:
                        pass

            def serve(server):
                while True:
                    conn, _ = server.accept()
                    threading.Thread(target=answer, args=(conn,), daemon=True).start()

            quiet = {}
            for kind, address, port in spec['listeners']:
                s = socket.socket(socket.AF_INET6 if ':' in address else socket.AF_INET)
                s.bind((address, port))
                s.listen(64)
                if kind == 'http':
                    threading.Thread(target=serve, args=(s,), daemon=True).start()
                else:
                    quiet[port] = s

            def taken(s):
                n = 0
                while select.select([s], [], [], 0.2)[0]:
                    s.accept()[0].close()
                    n += 1
                return n

            results = []
            for argv in spec['commands']:
                done = subprocess.run(argv, capture_output=True, text=True, timeout=150)
                results.append({'exit': done.returncode, 'out': done.stdout, 'err': done.stderr,
                                'connections': {str(p): taken(s) for p, s in quiet.items()}})
            print(json.dumps({'pid': os.getpid(), 'results': results}))
            """;

    private final List<List<Object>> listeners = new ArrayList<>();
    private final List<List<String>> commands = new ArrayList<>();

    /** An HTTP server on 127.0.0.1:{@code port}. */
    public NetNamespace http(int port) {
        listeners.add(List.of("http", "127.0.0.1", port));
        return this;
    }

    /** A listener on 127.0.0.1:{@code port} that counts the connections made to it. */
    public NetNamespace quiet(int port) {
        listeners.add(List.of("quiet", "127.0.0.1", port));
        return this;
    }

    /** Runs {@code portscope ARGS} there, after the commands added before. */
    public NetNamespace portscope(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        commands.add(command);
        return this;
    }

    /** Creates the namespace, runs everything, and ends it; skips the test where namespaces cannot be made (not root). */
    public Run run() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        String spec = mapper.writeValueAsString(Map.of("listeners", listeners, "commands", commands));
        JsonNode report = runDriver(DRIVER, spec, 60L + 150L * commands.size());
        List<Result> results = new ArrayList<>();
        for (JsonNode r : report.get("results")) {
            Map<Integer, Integer> connections = new HashMap<>();
            r.get("connections").properties().forEach(e -> connections.put(Integer.parseInt(e.getKey()), e.getValue().asInt()));
            results.add(new Result(r.get("exit").asInt(), r.get("out").asText(), r.get("err").asText(), Map.copyOf(connections)));
        }
        return new Run(report.get("pid").asLong(), List.copyOf(results));
    }

    /**
     * Runs a Python driver in a new network namespace ({@code unshare --net}) with its JSON spec as
     * argument, and reads what it prints as JSON; skips the test where namespaces cannot be made (not root).
     */
    public static JsonNode runDriver(String driver, String spec, long timeoutSeconds) throws Exception {
        Process process = new ProcessBuilder("unshare", "--net", "python3", "-c", driver, spec).start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the namespace's commands did not end");
        }
        String errors = err.get(10, TimeUnit.SECONDS);
        Assumptions.assumeFalse(errors.contains("unshare failed") || errors.contains("Operation not permitted"),
                "cannot create a network namespace here: " + errors);
        if (process.exitValue() != 0) {
            throw new AssertionError("the namespace's driver failed (exit " + process.exitValue() + "): " + errors + out);
        }
        return new ObjectMapper().readTree(out);
    }
}
