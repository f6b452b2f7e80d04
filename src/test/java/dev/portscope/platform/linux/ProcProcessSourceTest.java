package dev.portscope.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.ProcessInfo;
import dev.portscope.model.ProcessStatus;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.OwnerScan;
import dev.portscope.testing.Fixtures;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Owner lookup and process description on a fake /proc tree (gopsutil style). */
class ProcProcessSourceTest {

    private final ProcProcessSource source =
            new ProcProcessSource(Fixtures.path("proc/debian12-loopback"), Fixtures.path("etc/debian12/passwd"));

    @Test
    void aSocketSharedAfterForkListsEveryHolder() {
        OwnerScan scan = source.scanOwners(null, new DiagnosticLog());
        assertThat(scan.owners().pidsOf(5967)).containsExactlyInAnyOrder(4242, 4243);
        assertThat(scan.owners().pidsOf(5968)).containsExactlyInAnyOrder(4242, 777);
        assertThat(scan.owners().pidsOf(1234)).isEmpty(); // a pipe, not a socket
        assertThat(scan.unreadableProcesses()).isZero();
    }

    @Test
    void keepsOnlyTheWantedInodesFromEveryProcess() {
        OwnerScan scan = source.scanOwners(inode -> inode == 5968, new DiagnosticLog());
        assertThat(scan.owners().pidsOf(5968)).containsExactlyInAnyOrder(4242, 777);
        assertThat(scan.owners().pidsOf(5967)).isEmpty();
    }

    @Test
    void describesAProcess() {
        ProcessInfo p = source.describe(777, new DiagnosticLog()).orElseThrow();
        assertThat(p.name()).isEqualTo("postgres");
        assertThat(p.parentPid()).isEqualTo(1);
        assertThat(p.commandLine()).containsExactly("/usr/lib/postgresql/15/bin/postgres", "-D", "/var/lib/postgresql/15/main");
        assertThat(p.uid()).isZero();
        assertThat(p.user()).isEqualTo("root");
        // btime 1764150000 + 123456 ticks of 1/100 s
        assertThat(p.startTime()).isEqualTo(Instant.ofEpochSecond(1764150000L).plusMillis(1_234_560));
        assertThat(source.describe(4242, new DiagnosticLog()).orElseThrow().user()).isEqualTo("alice");
    }

    @Test
    void aProcessThatExitedIsEmptyNotAnError() {
        DiagnosticLog log = new DiagnosticLog();
        assertThat(source.describe(99999, log)).isEmpty();
        assertThat(log.diagnostics()).isEmpty();
    }

    @Test
    void statusGivesTheStartTimeDescribeGaveSoTheyCompareExactly() {
        assertThat(source.status(777)).isEqualTo(ProcessStatus.running(source.describe(777, new DiagnosticLog()).orElseThrow().startTime()));
        assertThat(source.status(99999)).isEqualTo(ProcessStatus.GONE);
    }

    @Test
    void anUnreapedChildHasExited() {
        var unreaped = new ProcProcessSource(Fixtures.path("proc/unreaped-child"), Fixtures.path("etc/debian12/passwd"));
        assertThat(unreaped.status(15106)).isEqualTo(ProcessStatus.EXITED);
        // btime 1795859674 + 234041 ticks of 1/100 s
        assertThat(unreaped.status(15010)).isEqualTo(ProcessStatus.running(Instant.ofEpochSecond(1795859674L).plusMillis(2_340_410)));
    }
}
