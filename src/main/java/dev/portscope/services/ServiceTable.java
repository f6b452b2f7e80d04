package dev.portscope.services;

import dev.portscope.model.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Well-known ports: portscope's own table (with descriptions), completed by the system's
 * {@code /etc/services} for ports the table lacks.
 */
public final class ServiceTable {

    private static final String EMBEDDED = "/dev/portscope/services/well-known-ports.tsv";

    private final Map<Integer, Service> tcp;
    private final Map<Integer, Service> udp;

    private ServiceTable(Map<Integer, Service> tcp, Map<Integer, Service> udp) {
        this.tcp = tcp;
        this.udp = udp;
    }

    /** The embedded table completed by {@code servicesFile} when it exists. */
    public static ServiceTable load(Path servicesFile) {
        ServiceTable table = embedded();
        try {
            EtcServicesParser.parse(Files.readString(servicesFile, StandardCharsets.UTF_8), table::addIfAbsent);
        } catch (NoSuchFileException e) {
            // a minimal container: the embedded table is enough
        } catch (IOException e) {
            // unreadable: the embedded table still answers
        }
        return table;
    }

    /** Only portscope's own table. */
    public static ServiceTable embedded() {
        ServiceTable table = new ServiceTable(new HashMap<>(), new HashMap<>());
        try (InputStream in = ServiceTable.class.getResourceAsStream(EMBEDDED)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + EMBEDDED);
            }
            WellKnownPortsParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), EMBEDDED, table::put);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return table;
    }

    public Optional<Service> lookup(Protocol protocol, int port) {
        return Optional.ofNullable(map(protocol).get(port));
    }

    /** The port of a service name ({@code ssh} → 22), or empty when unknown. */
    public Optional<Integer> portOf(Protocol protocol, String name) {
        return map(protocol).entrySet().stream()
                .filter(e -> e.getValue().name().equals(name))
                .map(Map.Entry::getKey)
                .min(Integer::compare);
    }

    private Map<Integer, Service> map(Protocol protocol) {
        return protocol == Protocol.TCP ? tcp : udp;
    }

    private void put(Protocol protocol, int port, Service service) {
        map(protocol).put(port, service);
    }

    private void addIfAbsent(Protocol protocol, int port, Service service) {
        map(protocol).putIfAbsent(port, service);
    }

    /** Receives one entry of a table. */
    @FunctionalInterface
    interface EntrySink {
        void accept(Protocol protocol, int port, Service service);
    }
}
