package dev.portscope.analysis.probe;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/** Servers a test starts on 127.0.0.1 (TCP, and UDP for DNS), on ports the kernel hands out; all stopped on close. */
public final class ProbeServers implements AutoCloseable {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private final List<AutoCloseable> open = new ArrayList<>();

    /** Greets every connection with {@code banner}, then waits (at most 10 s) for the client to go. */
    public InetSocketAddress banner(String banner) throws IOException {
        return serve(new ServerSocket(0, 50, LOOPBACK), s -> {
            s.getOutputStream().write(banner.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            drain(s);
        });
    }

    /** Accepts every connection and never says a word (reads, and holds the connection at most 10 s). */
    public InetSocketAddress mute() throws IOException {
        return serve(new ServerSocket(0, 50, LOOPBACK), ProbeServers::drain);
    }

    /**
     * Sends {@code x} every 0.3 s to every connection, for as long as it stays open (at most 400
     * bytes, two minutes): each read gets a byte before any read timeout, so only a deadline ends it.
     */
    public InetSocketAddress trickle() throws IOException {
        return serve(new ServerSocket(0, 50, LOOPBACK), s -> {
            for (int sent = 0; sent < 400; sent++) {
                s.getOutputStream().write('x');
                s.getOutputStream().flush();
                Thread.sleep(300);
            }
        });
    }

    /** Greets every connection with a banner that never ends: {@code x} without a line's end, as fast as it goes (at most 64 MiB, a minute). */
    public InetSocketAddress endlessBanner() throws IOException {
        return serve(new ServerSocket(0, 50, LOOPBACK), s -> {
            byte[] chunk = new byte[4096];
            java.util.Arrays.fill(chunk, (byte) 'x');
            long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            for (int sent = 0; sent < 16_384 && System.nanoTime() - until < 0; sent++) {
                s.getOutputStream().write(chunk);
            }
        });
    }

    /** Listens and never accepts: the kernel completes handshakes into the accept queue, nobody reads. */
    public InetSocketAddress neverAccepts() throws IOException {
        ServerSocket server = new ServerSocket(0, 50, LOOPBACK);
        open.add(server);
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /**
     * A tiny DNS server on UDP: answers every query with its own question and one TXT record
     * holding {@code version} in class CH (as BIND answers {@code version.bind}).
     */
    public InetSocketAddress dns(String version) throws IOException {
        return udp(query -> dnsAnswer(query, version));
    }

    /**
     * The same DNS server over TCP (RFC 1035 §4.2.2): reads a two-byte length and the message, and
     * answers likewise framed. Like a real one, it waits for as many bytes as a length says.
     */
    public InetSocketAddress dnsOverTcp(String version) throws IOException {
        return serve(new ServerSocket(0, 50, LOOPBACK), s -> {
            var in = new java.io.DataInputStream(s.getInputStream());
            byte[] query = new byte[in.readUnsignedShort()];
            in.readFully(query);
            byte[] answer = dnsAnswer(query, version);
            var out = new java.io.DataOutputStream(s.getOutputStream());
            out.writeShort(answer.length);
            out.write(answer);
            out.flush();
            drain(s);
        });
    }

    private static byte[] dnsAnswer(byte[] query, String version) {
        int questionEnd = 12;
        while (questionEnd < query.length && query[questionEnd] != 0) {
            questionEnd += 1 + (query[questionEnd] & 0xff);
        }
        questionEnd += 1 + 4; // the root label, QTYPE, QCLASS
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        reply.write(query, 0, 2); // the id
        reply.writeBytes(new byte[] {(byte) 0x84, 0, 0, 1, 0, 1, 0, 0, 0, 0}); // QR AA, NOERROR; 1 question, 1 answer
        reply.write(query, 12, questionEnd - 12);
        byte[] text = version.getBytes(StandardCharsets.US_ASCII);
        reply.writeBytes(new byte[] {(byte) 0xc0, 12, 0, 16, 0, 3, 0, 0, 0, 0, 0, (byte) (text.length + 1), (byte) text.length});
        reply.writeBytes(text);
        return reply.toByteArray();
    }

    /** A UDP server that sends every datagram back as it came: not a DNS server, though its reply has the query's id. */
    public InetSocketAddress udpEcho() throws IOException {
        return udp(query -> query);
    }

    private InetSocketAddress udp(java.util.function.UnaryOperator<byte[]> answer) throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        open.add(socket);
        Thread.ofVirtual().start(() -> {
            byte[] buffer = new byte[512];
            while (!socket.isClosed()) {
                try {
                    DatagramPacket in = new DatagramPacket(buffer, buffer.length);
                    socket.receive(in);
                    byte[] out = answer.apply(java.util.Arrays.copyOf(buffer, in.getLength()));
                    socket.send(new DatagramPacket(out, out.length, in.getSocketAddress()));
                } catch (IOException | RuntimeException e) {
                    // closed, or a datagram too short to answer: wait for the next
                }
            }
        });
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** A JDK HTTP server answering 200 to everything. */
    public InetSocketAddress http() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        open.add(() -> server.stop(0));
        return server.getAddress();
    }

    /** A TLS server with the key pair of {@code keystore}. */
    public InetSocketAddress tls(Path keystore, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50, LOOPBACK);
        return serve(server, s -> {
            ((SSLSocket) s).startHandshake();
            drain(s);
        });
    }

    /**
     * A self-signed certificate made by the JDK's keytool into {@code dir}; returns the keystore
     * (PKCS12, password {@code changeit}, alias {@code server}).
     */
    public static Path selfSigned(Path dir, String dname) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Path keystore = dir.resolve("server.p12");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", dname, "-validity", "30", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("keytool failed: " + output);
        }
        return keystore;
    }

    public static X509Certificate certificate(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        return (X509Certificate) store.getCertificate("server");
    }

    private interface Handler {
        void handle(Socket s) throws Exception;
    }

    private InetSocketAddress serve(ServerSocket server, Handler handler) {
        open.add(server);
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    open.add(s);
                    Thread.ofVirtual().start(() -> {
                        try (s) {
                            s.setSoTimeout(10_000);
                            handler.handle(s);
                        } catch (Exception e) {
                            // the prober hung up, or spoke another protocol: expected
                        }
                    });
                } catch (IOException e) {
                    return; // closed
                }
            }
        });
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /** Reads until the client hangs up or 10 s pass. */
    private static void drain(Socket s) throws IOException {
        byte[] buffer = new byte[1024];
        while (s.getInputStream().read(buffer) >= 0) {
            // discard
        }
    }

    @Override
    public synchronized void close() throws Exception {
        for (AutoCloseable c : List.copyOf(open).reversed()) {
            c.close();
        }
    }
}
