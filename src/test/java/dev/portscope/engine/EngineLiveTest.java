package dev.portscope.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.app.Session;
import dev.portscope.app.SessionSetup;
import dev.portscope.model.SocketState;
import dev.portscope.platform.Platforms;
import dev.portscope.testing.LoopbackSockets;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The engine on this machine, refreshed by hand between real socket operations on loopback. */
@Tag("live")
class EngineLiveTest {

    private static final int SELF = (int) ProcessHandle.current().pid();

    private static Engine engine() {
        Session session = Session.open(Platforms.live(), SessionSetup.live(), Clock.systemUTC());
        return Engine.start(session, EngineSettings.defaults());
    }

    @Test
    void socketsOpenChangeStateAndCloseWithTheirProcess() throws Exception {
        try (Engine engine = engine(); LoopbackSockets sockets = new LoopbackSockets()) {
            engine.refresh();
            ServerSocketChannel server = sockets.listen("127.0.0.1");
            int port = LoopbackSockets.port(server);
            SocketChannel[] pair = sockets.connectedPair(server);
            int clientPort = LoopbackSockets.port(pair[0]);

            List<Change> opened = mine(engine.refresh().changes(), port);
            assertThat(opened).filteredOn(Change.Opened.class::isInstance).hasSize(3)
                    .allSatisfy(c -> assertThat(c.sighting().pids()).containsExactly(SELF));
            assertThat(opened).filteredOn(c -> c.socket().isListening()).singleElement()
                    .satisfies(c -> assertThat(c.socket().local().port()).isEqualTo(port));

            pair[0].close(); // the client closes first: FIN_WAIT2 here, CLOSE_WAIT on the server's side
            assertThat(LoopbackSockets.eventually(java.time.Duration.ofSeconds(5), () -> mine(engine.refresh().changes(), port)
                    .stream().anyMatch(c -> c instanceof Change.StateChanged s && s.socket().state() == SocketState.CLOSE_WAIT)))
                    .isTrue();

            pair[1].close(); // the server closes: its side goes, the client's waits in TIME_WAIT
            List<Change> closing = mine(engine.refresh().changes(), port);
            assertThat(closing).anySatisfy(c -> assertThat(c).isInstanceOfSatisfying(Change.Closed.class, closed -> {
                assertThat(closed.socket().local().port()).isEqualTo(port);
                assertThat(closed.end()).isEqualTo(Change.End.ORDERLY);
            }));
            assertThat(closing).anySatisfy(c -> assertThat(c).isInstanceOfSatisfying(Change.StateChanged.class, s -> {
                assertThat(s.socket().local().port()).isEqualTo(clientPort);
                assertThat(s.socket().state()).isEqualTo(SocketState.TIME_WAIT);
            }));
        }
    }

    @Test
    void aResetConnectionEndsAbruptly() throws Exception {
        try (Engine engine = engine(); LoopbackSockets sockets = new LoopbackSockets()) {
            ServerSocketChannel server = sockets.listen("127.0.0.1");
            int port = LoopbackSockets.port(server);
            SocketChannel[] pair = sockets.connectedPair(server);
            engine.refresh();

            pair[0].setOption(StandardSocketOptions.SO_LINGER, 0);
            pair[0].close(); // RST

            List<Change.Closed> closed = mine(engine.refresh().changes(), port).stream()
                    .filter(Change.Closed.class::isInstance).map(Change.Closed.class::cast).toList();
            assertThat(closed).hasSize(2).allSatisfy(c -> assertThat(c.end()).isEqualTo(Change.End.ABRUPT));
        }
    }

    @Test
    void ownersStayEqualToAFullScanAcrossRefreshes() throws Exception {
        try (Engine engine = engine(); LoopbackSockets sockets = new LoopbackSockets()) {
            engine.refresh();
            ServerSocketChannel server = sockets.listen("127.0.0.1");
            int port = LoopbackSockets.port(server);
            for (int round = 0; round < 5; round++) {
                SocketChannel[] pair = sockets.connectedPair(server);
                Refresh refresh = engine.refresh();
                var full = engine.session().inventory().take(dev.portscope.query.SocketQuery.all(),
                        s -> s.local().port() == port || s.remote().port() == port, true);
                for (var socket : full.sockets()) {
                    if (socket.key() != 0) {
                        Sighting seen = refresh.sightings().get(SocketIdentity.of(socket));
                        assertThat(seen).as("round %d: %s", round, socket.local()).isNotNull();
                        assertThat(Set.copyOf(seen.pids())).isEqualTo(Set.copyOf(full.ownersOf(socket).stream()
                                .map(dev.portscope.model.ProcessInfo::pid).toList()));
                    }
                }
                pair[round % 2].close();
            }
        }
    }

    @Test
    void closedRowsAreKeptForAFewRefreshes() throws Exception {
        try (Engine engine = engine(); LoopbackSockets sockets = new LoopbackSockets()) {
            ServerSocketChannel server = sockets.listen("127.0.0.1");
            int port = LoopbackSockets.port(server);
            engine.refresh();
            server.close();
            Predicate<Refresh> keeps = r -> r.recentlyClosed().stream().anyMatch(c -> c.socket().local().port() == port);
            int kept = 0;
            for (int i = 0; i < EngineSettings.defaults().closedKept() + 2; i++) {
                if (keeps.test(engine.refresh())) {
                    kept++;
                }
            }
            assertThat(kept).isEqualTo(EngineSettings.defaults().closedKept());
        }
    }

    @Test
    void aBurstOfConnectionsShorterThanARefreshIsReportedWhole() throws Exception {
        try (Engine engine = engine(); LoopbackSockets sockets = new LoopbackSockets()) {
            Assumptions.assumeTrue(engine.catchesShortConnections(), "no end notices here: " + engine.setupDiagnostics());
            ServerSocketChannel server = sockets.listen("127.0.0.1");
            int port = LoopbackSockets.port(server);
            engine.refresh();
            Set<Integer> reset = new java.util.HashSet<>();
            Set<Integer> orderly = new java.util.HashSet<>();
            for (int i = 0; i < 1000; i++) {
                SocketChannel client = SocketChannel.open(new java.net.InetSocketAddress("127.0.0.1", port));
                SocketChannel accepted = server.accept();
                int clientPort = LoopbackSockets.port(client);
                if (i % 2 == 0) {
                    client.setOption(StandardSocketOptions.SO_LINGER, 0);
                    reset.add(clientPort);
                } else {
                    orderly.add(clientPort);
                }
                client.close(); // the client first: an orderly close leaves its side in TIME_WAIT
                accepted.close();
            }
            List<Change> changes = new java.util.ArrayList<>();
            List<Change> clientSides = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) { // notices come from a work queue: a little later at times
                Thread.sleep(200);
                List<Change> all = engine.refresh().changes();
                changes.addAll(mine(all, port));
                // a client's own reset clears its notice's remote port: found by its local port alone
                all.stream().filter(c -> reset.contains(c.socket().local().port()) || orderly.contains(c.socket().local().port()))
                        .forEach(clientSides::add);
            }

            // the server's side of every connection: opened and closed, named after the listener's process
            for (Set<Integer> ports : List.of(reset, orderly)) {
                Change.End expected = ports == reset ? Change.End.ABRUPT : Change.End.ORDERLY;
                for (int clientPort : ports) {
                    List<Change> server_side = changes.stream()
                            .filter(c -> c.socket().local().port() == port && c.socket().remote().port() == clientPort).toList();
                    assertThat(server_side).as("server side of %d", clientPort)
                            .extracting(c -> c.getClass().getSimpleName()).containsExactly("Opened", "Closed");
                    assertThat(((Change.Closed) server_side.get(1)).end()).as("end of %d", clientPort).isEqualTo(expected);
                    assertThat(server_side.get(1).sighting().pids()).containsExactly(SELF);
                }
            }
            // the client's side: a reset one is gone; an orderly one waits in TIME_WAIT
            for (int clientPort : reset) {
                assertThat(clientSides).as("client side of %d", clientPort).anySatisfy(c -> {
                    assertThat(c).isInstanceOf(Change.Closed.class);
                    assertThat(c.socket().local().port()).isEqualTo(clientPort);
                });
            }
            for (int clientPort : orderly) {
                assertThat(clientSides).as("client side of %d", clientPort).anySatisfy(c -> {
                    assertThat(c).isInstanceOf(Change.Opened.class);
                    assertThat(c.socket().local().port()).isEqualTo(clientPort);
                    assertThat(c.socket().state()).isEqualTo(SocketState.TIME_WAIT);
                });
            }
        }
    }

    private static List<Change> mine(List<Change> changes, int port) {
        return changes.stream().filter(c -> c.socket().local().port() == port || c.socket().remote().port() == port).toList();
    }
}
