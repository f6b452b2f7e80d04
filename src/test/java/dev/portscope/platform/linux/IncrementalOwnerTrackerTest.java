package dev.portscope.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.Socket;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.OwnerTracker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * The incremental tracker against a full scan, after every update, on machines that fork, exit,
 * open and close sockets and files, pass descriptors over Unix sockets and reuse pids.
 */
class IncrementalOwnerTrackerTest {

    private static final int[] UIDS = {0, 1000, 1001};

    @Property(tries = 300)
    void everyUpdateEqualsAFullScan(@ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long seed) {
        Random random = new Random(seed);
        SimulatedProcesses machine = new SimulatedProcesses();
        int nextPid = 100;
        for (int i = 0; i < 6; i++) {
            int pid = machine.spawn(nextPid++, UIDS[random.nextInt(UIDS.length)]);
            for (int s = random.nextInt(4); s > 0; s--) {
                machine.openSocket(pid);
            }
        }
        IncrementalOwnerTracker tracker = new IncrementalOwnerTracker(machine);
        for (int step = 0; step < 40; step++) {
            // each process takes part in one operation per step (see the class comment of the tracker)
            Set<Integer> touched = new HashSet<>();
            for (int ops = 1 + random.nextInt(4); ops > 0; ops--) {
                nextPid = operate(machine, random, touched, nextPid);
            }
            assertSameAsFullScan(tracker, machine, "seed " + seed + " step " + step);
        }
    }

    private static int operate(SimulatedProcesses machine, Random random, Set<Integer> touched, int nextPid) {
        List<Integer> free = new ArrayList<>(machine.pidList());
        free.removeAll(touched);
        int kind = random.nextInt(11);
        if (free.isEmpty() || kind == 0) {
            int pid = nextPid++;
            if (random.nextInt(4) == 0) {
                // pid reuse: a pid that was used and is free again
                int old = 100 + random.nextInt(Math.max(1, nextPid - 100));
                if (!machine.exists(old) && !touched.contains(old)) {
                    pid = old;
                }
            }
            machine.spawn(pid, UIDS[random.nextInt(UIDS.length)]);
            machine.openSocket(pid);
            touched.add(pid);
            return nextPid;
        }
        int pid = free.get(random.nextInt(free.size()));
        touched.add(pid);
        switch (kind) {
            case 1 -> machine.openSocket(pid);
            case 2 -> machine.openFile(pid);
            case 3 -> machine.close(pid, random.nextInt(100));
            case 4 -> {
                int child = nextPid++;
                machine.fork(pid, child);
                touched.add(child);
            }
            case 5 -> machine.exit(pid);
            case 6, 7 -> {
                free.remove(Integer.valueOf(pid));
                if (!free.isEmpty()) {
                    int receiver = free.get(random.nextInt(free.size()));
                    touched.add(receiver);
                    machine.pass(pid, receiver, random.nextInt(100), kind == 7);
                }
            }
            case 8 -> {
                // a closed descriptor and a new socket: the count stays the same
                machine.close(pid, random.nextInt(100));
                machine.openSocket(pid);
            }
            case 9 -> {
                // a descriptor closed and a file opened: the count stays the same. (Not one of a socket
                // that a process the tracker may not read holds too: theBlindChangesHealWithinOneRotation.)
                int index = random.nextInt(100);
                long target = machine.descriptorAt(pid, index);
                if (target != 0 && !(target > 0 && machine.heldByRefused(target))) {
                    machine.close(pid, index);
                    machine.openFile(pid);
                }
            }
            default -> machine.refuse(pid, random.nextBoolean());
        }
        return nextPid;
    }

    private static void assertSameAsFullScan(OwnerTracker tracker, SimulatedProcesses machine, String where) {
        List<Socket> sockets = machine.sockets();
        OwnerTracker.Update update = tracker.update(sockets, new DiagnosticLog());
        Map<Long, Set<Integer>> expected = machine.fullScan();
        for (Socket socket : sockets) {
            Set<Integer> found = new TreeSet<>();
            Arrays.stream(update.scan().owners().pidsOf(socket.key())).forEach(found::add);
            assertThat(found).as(where + ": holders of socket " + socket.key())
                    .isEqualTo(expected.getOrDefault(socket.key(), Set.of()));
        }
        assertThat(update.scan().unreadable()).as(where + ": unreadable").isEqualTo(machine.refusedPids());
    }

    @Test
    void aReusedPidIsRenewedAndReadAgain() {
        SimulatedProcesses machine = new SimulatedProcesses();
        machine.spawn(200, 1000);
        long first = machine.openSocket(200);
        IncrementalOwnerTracker tracker = new IncrementalOwnerTracker(machine);
        tracker.update(machine.sockets(), new DiagnosticLog());

        machine.exit(200);
        machine.spawn(200, 1001);
        long second = machine.openSocket(200);
        OwnerTracker.Update update = tracker.update(machine.sockets(), new DiagnosticLog());

        assertThat(update.isRenewed(200)).isTrue();
        assertThat(update.scan().owners().pidsOf(first)).isEmpty();
        assertThat(update.scan().owners().pidsOf(second)).containsExactly(200);
    }

    @Test
    void aSteadyMachineIsReadOnlyInTurn() {
        SimulatedProcesses machine = new SimulatedProcesses();
        for (int pid = 300; pid < 400; pid++) {
            machine.spawn(pid, 1000);
            for (int s = 0; s < 10; s++) {
                machine.openSocket(pid);
            }
        }
        IncrementalOwnerTracker tracker = new IncrementalOwnerTracker(machine);
        tracker.update(machine.sockets(), new DiagnosticLog());
        int afterFirst = machine.tablesRead;
        assertThat(afterFirst).isEqualTo(100);

        Set<Integer> renewedAfterFirst = new HashSet<>();
        for (int i = 0; i < IncrementalOwnerTracker.ROTATION_UPDATES; i++) {
            renewedAfterFirst.addAll(tracker.update(machine.sockets(), new DiagnosticLog()).renewed());
        }

        // about one full scan spread over the rotation, never one per update
        assertThat(machine.tablesRead - afterFirst).isBetween(90, 110);
        assertThat(renewedAfterFirst).isEmpty();
    }

    @Test
    void theBlindChangesHealWithinOneRotation() {
        SimulatedProcesses machine = new SimulatedProcesses();
        machine.spawn(400, 1000);
        machine.spawn(401, 1000);
        machine.spawn(402, 1000);
        machine.openFile(400);
        long passed = machine.openSocket(401);
        long hidden = machine.openSocket(402);
        machine.fork(402, 404);
        machine.refuse(404, true); // 404 holds `hidden` too, and may not be read
        for (int pid = 500; pid < 560; pid++) {
            machine.spawn(pid, 1000);
            machine.openSocket(pid);
        }
        IncrementalOwnerTracker tracker = new IncrementalOwnerTracker(machine);
        tracker.update(machine.sockets(), new DiagnosticLog());

        // 400 closes a file and receives `passed`, which 401 keeps: same count, no socket new or gone;
        // 402 closes `hidden`, which 404 keeps, and opens a file: same count
        machine.close(400, 0);
        machine.pass(401, 400, 0, false);
        machine.close(402, 0);
        machine.openFile(402);

        boolean healed = false;
        for (int i = 0; i <= IncrementalOwnerTracker.ROTATION_UPDATES && !healed; i++) {
            OwnerTracker.Update update = tracker.update(machine.sockets(), new DiagnosticLog());
            healed = Set.copyOf(Arrays.stream(update.scan().owners().pidsOf(passed)).boxed().toList()).equals(Set.of(400, 401))
                    && update.scan().owners().pidsOf(hidden).length == 0;
        }
        assertThat(healed).as("healed within one rotation").isTrue();
    }
}
