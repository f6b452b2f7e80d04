package dev.portscope.platform.linux.netlink;

import dev.portscope.model.IpFamily;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads the captured netlink fixtures under {@code src/test/resources/fixtures/netlink/<case>/}. */
final class Fixtures {

    static final Path ROOT = Path.of("src/test/resources/fixtures/netlink");

    private Fixtures() {}

    /** What a socket is, minus the fields that differ by moment (queues, inode, details). */
    record Key(Protocol protocol, IpFamily family, SocketState state, InetAddress localAddress, int localPort,
            InetAddress remoteAddress, int remotePort, int uid) {
        static Key of(Socket s) {
            return new Key(s.protocol(), s.family(), s.state(), s.local().address(), s.local().port(),
                    s.remote().address(), s.remote().port(), s.uid());
        }
    }

    static byte[] recording(String name) {
        return read(ROOT.resolve(name).resolve("recording.bin"));
    }

    /** {@code manifest.tsv}: protocol, family, state, "local port", "remote port", uid ({@code -}: none), written by the capturing program. */
    static Set<Key> manifest(String name) {
        try {
            return Files.readAllLines(ROOT.resolve(name).resolve("manifest.tsv")).stream()
                    .filter(line -> !line.isBlank())
                    .map(line -> {
                        String[] f = line.split("\t");
                        String[] local = f[3].split(" ");
                        String[] remote = f[4].split(" ");
                        return new Key(
                                Protocol.valueOf(f[0].toUpperCase(Locale.ROOT)),
                                IpFamily.valueOf(f[1].toUpperCase(Locale.ROOT)),
                                SocketState.valueOf(f[2]),
                                InetAddress.ofLiteral(local[0]),
                                Integer.parseInt(local[1]),
                                InetAddress.ofLiteral(remote[0]),
                                Integer.parseInt(remote[1]),
                                f[5].equals("-") ? Socket.UNKNOWN_UID : Integer.parseInt(f[5]));
                    })
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code inodes.txt}: the socket inodes the capturing process held. */
    static Set<Long> inodes(String name) {
        try {
            return Files.readAllLines(ROOT.resolve(name).resolve("inodes.txt")).stream()
                    .filter(line -> !line.isBlank())
                    .map(Long::parseLong)
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Key> keys(List<Socket> sockets) {
        return sockets.stream().map(Key::of).toList();
    }
}
