package dev.portscope.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portscope.model.Socket;
import dev.portscope.query.SocketQuery;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.SocketSource;
import dev.portscope.platform.linux.netlink.ReplaySocketSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The reading thread hands over every socket, in the source's order, and stops when the caller
 * stops. The source is a recorded kernel dump, replayed many times so that far more sockets pass
 * than the queue holds (the reader has to wait for the caller).
 */
class ScanAheadTest {

    private static final Path RECORDING = Path.of("src/test/resources/fixtures/netlink/loopback-all-states/recording.bin");
    private static final int REPLAYS = 200;

    /** The recording, {@code times} times over. */
    private record Repeated(SocketSource source, int times) implements SocketSource {
        @Override
        public String name() {
            return "repeated";
        }

        @Override
        public void scan(SocketQuery query, DiagnosticLog log, Consumer<Socket> sink) {
            for (int i = 0; i < times; i++) {
                source.scan(query, log, sink);
            }
        }
    }

    private final SocketSource source = new Repeated(new ReplaySocketSource(RECORDING), REPLAYS);

    @Test
    void handsOverWhatTheSourceReadsInItsOrder() {
        List<Socket> direct = new ArrayList<>();
        source.scan(SocketQuery.all(), new DiagnosticLog(), direct::add);
        List<Socket> ahead = new ArrayList<>();
        ScanAhead.scan(source, SocketQuery.all(), new DiagnosticLog(), s -> true, ahead::add);
        assertThat(direct.size()).isGreaterThan(ScanAhead.BATCH * (ScanAhead.QUEUED_BATCHES + 2));
        assertThat(ahead).isEqualTo(direct);
    }

    @Test
    void keepsOnlyWhatThePredicateAccepts() {
        List<Socket> ahead = new ArrayList<>();
        ScanAhead.scan(source, SocketQuery.all(), new DiagnosticLog(), s -> s.local().port() % 2 == 0, ahead::add);
        List<Socket> direct = new ArrayList<>();
        source.scan(SocketQuery.all(), new DiagnosticLog(), s -> {
            if (s.local().port() % 2 == 0) {
                direct.add(s);
            }
        });
        assertThat(ahead).isEqualTo(direct).isNotEmpty();
    }

    @Test
    void aFailingSinkStopsTheReader() {
        int[] seen = {0};
        int stopAt = ScanAhead.BATCH * 3 + 7;
        assertThatThrownBy(() -> ScanAhead.scan(source, SocketQuery.all(), new DiagnosticLog(), s -> true, s -> {
            if (++seen[0] == stopAt) {
                throw new IllegalStateException("reader gone");
            }
        })).hasMessage("reader gone");
        assertThat(seen[0]).isEqualTo(stopAt);
        assertThat(readerThreads()).isZero();
    }

    @Test
    void aFailingSourceFailsTheCaller() {
        SocketSource failing = new SocketSource() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public void scan(SocketQuery query, DiagnosticLog log, Consumer<Socket> sink) {
                source.scan(query, log, sink);
                throw new IllegalStateException("undecodable dump");
            }
        };
        List<Socket> seen = new ArrayList<>();
        assertThatThrownBy(() -> ScanAhead.scan(failing, SocketQuery.all(), new DiagnosticLog(), s -> true, seen::add))
                .hasMessage("undecodable dump");
        assertThat(seen).isNotEmpty();
        assertThat(readerThreads()).isZero();
    }

    private static long readerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("portscope-socket-reader") && t.isAlive())
                .count();
    }
}
