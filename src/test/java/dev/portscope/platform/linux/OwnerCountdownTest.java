package dev.portscope.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OwnerCountdownTest {

    @Test
    void finishesWhenEveryDistinctInodeIsFound() {
        OwnerCountdown countdown = new OwnerCountdown(3);
        assertThat(countdown.found(11)).isFalse();
        assertThat(countdown.found(11)).isFalse(); // held by a second process: still one socket
        assertThat(countdown.found(12)).isFalse();
        assertThat(countdown.done()).isFalse();
        assertThat(countdown.found(13)).isTrue();
        assertThat(countdown.done()).isTrue();
    }

    @Test
    void anUnknownCountNeverFinishes() {
        OwnerCountdown countdown = new OwnerCountdown(-1);
        for (long inode = 1; inode <= 1000; inode++) {
            assertThat(countdown.found(inode)).isFalse();
        }
        assertThat(countdown.done()).isFalse();
    }

    @Test
    void nothingWantedIsDoneAtOnce() {
        assertThat(new OwnerCountdown(0).done()).isTrue();
    }

    @Test
    void twoThreadsReportingOverlappingInodesCountEachOnce() throws InterruptedException {
        int wanted = 20_000;
        OwnerCountdown countdown = new OwnerCountdown(wanted);
        AtomicInteger finishers = new AtomicInteger();
        // Each thread reports inodes 1..wanted-1 (all shared), so one is still missing at the end.
        Runnable report = () -> {
            for (long inode = 1; inode < wanted; inode++) {
                if (countdown.found(inode)) {
                    finishers.incrementAndGet();
                }
            }
        };
        Thread a = Thread.ofPlatform().start(report);
        Thread b = Thread.ofPlatform().start(report);
        a.join(30_000);
        b.join(30_000);
        assertThat(countdown.done()).isFalse();
        assertThat(finishers).hasValue(0);
        assertThat(countdown.found(wanted)).isTrue();
    }
}
