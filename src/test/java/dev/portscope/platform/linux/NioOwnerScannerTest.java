package dev.portscope.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.OwnerScan;
import dev.portscope.testing.LoopbackSockets;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The java.nio fallback must agree with the libc scanner on the same live sockets. */
@Tag("live")
class NioOwnerScannerTest {

    @Test
    void agreesWithTheLibcScanner() throws Exception {
        try (LoopbackSockets sockets = new LoopbackSockets()) {
            var server = sockets.listen("127.0.0.1");
            sockets.connectedPair(server);
            long listener = FdOwnerScannerTest.listenerInode(LoopbackSockets.port(server));

            OwnerScan nio = new NioOwnerScanner(Path.of("/proc")).scan(null, new DiagnosticLog());
            OwnerScan ffm = new FdOwnerScanner(Path.of("/proc"), new FdOwnerScanner.Settings(1)).scan(null, new DiagnosticLog());

            int me = (int) ProcessHandle.current().pid();
            assertThat(nio.owners().pidsOf(listener)).containsExactly(me);
            assertThat(ffm.owners().pidsOf(listener)).containsExactly(me);
        }
    }
}
