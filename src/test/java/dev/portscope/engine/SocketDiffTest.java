package dev.portscope.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.Endpoint;
import dev.portscope.model.IpFamily;
import dev.portscope.model.LinuxSocket;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import java.net.InetAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The differences between two scripted refreshes. */
class SocketDiffTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(1);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final ProcessInfo SERVER = process(100, "server");
    private static final ProcessInfo WORKER = process(101, "worker");

    @Test
    void aNewSocketIsOpenedAndAMissingOneClosed() {
        Sighting listener = seen(socket(1, 8080, 0, SocketState.LISTEN, 0, 0), SERVER);
        Sighting other = seen(socket(2, 9090, 0, SocketState.LISTEN, 0, 0), SERVER);

        List<Change> changes = diff(table(listener), table(other), true);

        assertThat(changes).hasSize(2);
        assertThat(changes.get(0)).isInstanceOf(Change.Opened.class);
        assertThat(changes.get(0).socket().local().port()).isEqualTo(9090);
        assertThat(changes.get(1)).isInstanceOfSatisfying(Change.Closed.class, c -> {
            assertThat(c.socket().local().port()).isEqualTo(8080);
            assertThat(c.end()).isEqualTo(Change.End.ORDERLY);
        });
    }

    @Test
    void theSameCookieInAnotherStateIsAStateChange() {
        Sighting before = seen(socket(3, 8080, 50_000, SocketState.ESTABLISHED, 0, 0), SERVER);
        Sighting after = seen(socket(3, 8080, 50_000, SocketState.CLOSE_WAIT, 1, 0), SERVER);

        List<Change> changes = diff(table(before), table(after), true);

        assertThat(changes).singleElement().isInstanceOfSatisfying(Change.StateChanged.class,
                c -> assertThat(c.before()).isEqualTo(SocketState.ESTABLISHED));
    }

    @Test
    void otherHoldersAreAnOwnerChange() {
        Sighting before = seen(socket(4, 8080, 0, SocketState.LISTEN, 0, 0), SERVER);
        Sighting after = seen(socket(4, 8080, 0, SocketState.LISTEN, 0, 0), SERVER, WORKER);

        List<Change> changes = diff(table(before), table(after), true);

        assertThat(changes).singleElement().isInstanceOfSatisfying(Change.OwnerChanged.class, c -> {
            assertThat(c.before().pids()).containsExactly(100);
            assertThat(c.sighting().pids()).containsExactly(100, 101);
        });
    }

    @Test
    void aNewSocketOnAReusedFourTupleIsANewRow() {
        // same ports, another cookie: the kernel's identity says another socket
        Sighting old = seen(socket(5, 8080, 50_000, SocketState.ESTABLISHED, 0, 0), SERVER);
        Sighting reused = seen(socket(6, 8080, 50_000, SocketState.ESTABLISHED, 0, 0), SERVER);

        List<Change> changes = diff(table(old), table(reused), true);

        assertThat(changes).extracting(c -> c.getClass().getSimpleName()).containsExactly("Opened", "Closed");
        assertThat(changes.get(0).socket().linux().cookie()).isEqualTo(6);
        assertThat(changes.get(1).socket().linux().cookie()).isEqualTo(5);
    }

    @Test
    void withoutCookiesAnotherInodeOnTheFourTupleIsANewRow() {
        Sighting old = seen(withoutCookie(socket(7, 8080, 50_000, SocketState.ESTABLISHED, 0, 0), 70), SERVER);
        Sighting reused = seen(withoutCookie(socket(8, 8080, 50_000, SocketState.ESTABLISHED, 0, 0), 80), SERVER);
        assertThat(SocketIdentity.of(old.socket())).isEqualTo(SocketIdentity.of(reused.socket()));

        List<Change> changes = diff(table(old), table(reused), true);

        assertThat(changes).extracting(c -> c.getClass().getSimpleName()).containsExactly("Closed", "Opened");
    }

    @Test
    void aQueueCrossingItsThresholdEitherWay() {
        Sighting quiet = seen(socket(9, 8080, 50_000, SocketState.ESTABLISHED, 10, 0), SERVER);
        Sighting full = seen(socket(9, 8080, 50_000, SocketState.ESTABLISHED, 2 << 20, 0), SERVER);

        Change up = diff(table(quiet), table(full), true).getFirst();
        Change down = diff(table(full), table(quiet), true).getFirst();

        assertThat(up).isInstanceOfSatisfying(Change.QueueCrossed.class, q -> {
            assertThat(q.above()).isTrue();
            assertThat(q.queue()).isEqualTo(Change.Queue.RECEIVE);
            assertThat(q.bytes()).isEqualTo(2 << 20);
        });
        assertThat(down).isInstanceOfSatisfying(Change.QueueCrossed.class, q -> assertThat(q.above()).isFalse());
    }

    @Test
    void aListenersAcceptQueueCrossesAtItsShareOfTheBacklog() {
        Sighting idle = seen(socket(10, 8080, 0, SocketState.LISTEN, 0, 128), SERVER);
        Sighting backedUp = seen(socket(10, 8080, 0, SocketState.LISTEN, 64, 128), SERVER);

        assertThat(diff(table(idle), table(backedUp), true)).singleElement()
                .isInstanceOfSatisfying(Change.QueueCrossed.class, q -> assertThat(q.threshold()).isEqualTo(64));
    }

    @Test
    void aConnectionGoneFromEstablishedIsAbruptOnlyWhenTheKernelCountedResets() {
        Sighting established = seen(socket(11, 8080, 50_000, SocketState.ESTABLISHED, 0, 0), SERVER);

        assertThat(closed(diff(table(established), table(), true)).end()).isEqualTo(Change.End.ABRUPT);
        assertThat(closed(diff(table(established), table(), false)).end()).isEqualTo(Change.End.ORDERLY);
    }

    @Test
    void aConnectionWhosePeerHereIsInTimeWaitEndedInOrder() {
        Sighting server = seen(socket(12, 8080, 50_000, SocketState.ESTABLISHED, 0, 0), SERVER);
        Sighting client = seen(socket(13, 50_000, 8080, SocketState.ESTABLISHED, 0, 0), WORKER);
        Sighting clientInTimeWait = seen(socket(13, 50_000, 8080, SocketState.TIME_WAIT, 0, 0));

        List<Change> changes = diff(table(server, client), table(clientInTimeWait), true);

        assertThat(closed(changes).end()).isEqualTo(Change.End.ORDERLY);
        assertThat(changes).anySatisfy(c -> assertThat(c).isInstanceOf(Change.StateChanged.class));
    }

    @Test
    void aConnectionLastSeenClosingEndedInOrder() {
        Sighting lastAck = seen(socket(14, 8080, 50_000, SocketState.LAST_ACK, 0, 0), SERVER);

        assertThat(closed(diff(table(lastAck), table(), true)).end()).isEqualTo(Change.End.ORDERLY);
    }

    @Test
    void anUnchangedTableHasNoChanges() {
        Sighting listener = seen(socket(15, 8080, 0, SocketState.LISTEN, 0, 128), SERVER);

        assertThat(diff(table(listener), table(listener), true)).isEmpty();
    }

    private static Change.Closed closed(List<Change> changes) {
        return changes.stream().filter(Change.Closed.class::isInstance).map(Change.Closed.class::cast).findFirst().orElseThrow();
    }

    private static List<Change> diff(Map<SocketIdentity, Sighting> before, Map<SocketIdentity, Sighting> after, boolean resets) {
        return SocketDiff.between(before, after, T1, QueueThresholds.DEFAULT, resets);
    }

    private static Map<SocketIdentity, Sighting> table(Sighting... sightings) {
        Map<SocketIdentity, Sighting> table = new LinkedHashMap<>();
        for (Sighting s : sightings) {
            table.put(s.identity(), s);
        }
        return table;
    }

    private static Sighting seen(Socket socket, ProcessInfo... owners) {
        return new Sighting(socket, List.of(owners), T0);
    }

    private static Socket socket(long cookie, int localPort, int remotePort, SocketState state, long receiveQueue, long sendQueue) {
        return new Socket(Protocol.TCP, IpFamily.IPV4, new Endpoint(LOOPBACK, localPort, null), new Endpoint(LOOPBACK, remotePort, null),
                state, state == SocketState.TIME_WAIT ? Socket.UNKNOWN_UID : 0, state == SocketState.TIME_WAIT ? 0 : 1000 + cookie,
                receiveQueue, sendQueue, null, new LinuxSocket(1000 + cookie, cookie, 0, null, null));
    }

    private static Socket withoutCookie(Socket s, long inode) {
        return new Socket(s.protocol(), s.family(), s.local(), s.remote(), s.state(), s.uid(), inode, s.receiveQueue(), s.sendQueue(),
                null, new LinuxSocket(inode, 0, 0, null, null));
    }

    private static ProcessInfo process(int pid, String name) {
        return new ProcessInfo(pid, 1, name, List.of(name), 0, "root", T0);
    }
}
