package dev.portscope.analysis.kill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.analysis.who.Holding;
import dev.portscope.analysis.who.HoldingRole;
import dev.portscope.analysis.who.PortReport;
import dev.portscope.model.Endpoint;
import dev.portscope.model.IpFamily;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.ProcessOrigin;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import dev.portscope.query.PortTarget;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StopPlannerTest {

    private static final long SELF = 4000;
    private static final Lineage LINEAGE = new Lineage(SELF, List.of(3000L, 2000L));

    private static ProcessInfo process(int pid, int parent) {
        return new ProcessInfo(pid, parent, "p" + pid, List.of("/bin/p" + pid), 0, "root", null);
    }

    private static Holding holding(HoldingRole role, ProcessInfo... owners) throws Exception {
        Socket s = new Socket(Protocol.TCP, IpFamily.IPV4, new Endpoint(InetAddress.getByName("127.0.0.1"), 80),
                new Endpoint(InetAddress.getByName("0.0.0.0"), 0), SocketState.LISTEN, 0, 1, 0, 0, null, null);
        return new Holding(role, s, List.of(owners));
    }

    private static StopPlan plan(Map<Integer, ProcessOrigin> origins, boolean viaService, Holding... holdings) {
        return StopPlanner.plan(new PortReport(new PortTarget(80, Optional.empty(), Optional.empty()), List.of(holdings)),
                true, origins, LINEAGE, viaService);
    }

    @Test
    void refusesInitKernelThreadsAndItself() throws Exception {
        StopPlan p = plan(Map.of(), false, holding(HoldingRole.LISTENER, process(1, 0), process(57, 2), process((int) SELF, 1)));
        assertThat(p.targets()).extracting(StopTarget::action).containsOnly(StopAction.REFUSE);
        assertThat(p.targets()).extracting(StopTarget::reason)
                .containsExactly("pid 1 is the init process: stopping it takes the machine down",
                        "a kernel thread cannot be stopped with a signal", "this is portscope itself");
        assertThat(p.hasWork()).isFalse();
    }

    @Test
    void aSystemServiceIsStoppedThroughItsUnitOnlyWhenAsked() throws Exception {
        var nginx = process(700, 1);
        var origins = Map.of(700, new ProcessOrigin("nginx.service", false, null));
        StopTarget refused = plan(origins, false, holding(HoldingRole.LISTENER, nginx)).targets().getFirst();
        assertThat(refused.action()).isEqualTo(StopAction.REFUSE);
        assertThat(refused.reason()).contains("nginx.service").contains("--via-service");
        assertThat(plan(origins, true, holding(HoldingRole.LISTENER, nginx)).targets().getFirst().action())
                .isEqualTo(StopAction.STOP_SERVICE);
    }

    @Test
    void serversAreTargetsOnceAndClientsAreLeftAlone() throws Exception {
        var server = process(900, 1);
        var client = process(901, 1);
        StopPlan p = plan(Map.of(), false,
                holding(HoldingRole.LISTENER, server),
                holding(HoldingRole.ACCEPTED, server),
                holding(HoldingRole.CLIENT_LOCAL_PORT, client),
                holding(HoldingRole.CONNECTED_TO_PORT, client));
        assertThat(p.targets()).extracting(t -> t.process().pid()).containsExactly(900);
        assertThat(p.targets().getFirst().action()).isEqualTo(StopAction.SIGNAL);
        assertThat(p.clientsLeftAlone()).hasSize(1);
    }

    @Test
    void neverStopsTheShellsThatStartedPortscopeNorTheRestWhenTheyPassedTheSocketDown() throws Exception {
        var server = process(900, 1);
        StopPlan p = plan(Map.of(), false, holding(HoldingRole.LISTENER,
                server, process(2000, 1), process(3000, 2000), process((int) SELF, 3000)));
        assertThat(p.targets()).extracting(StopTarget::action).containsOnly(StopAction.REFUSE);
        assertThat(p.hasWork()).isFalse();
        assertThat(p.targets()).extracting(StopTarget::reason).containsExactly(
                "not stopped: portscope's parent (pid 3000, p3000) holds the port too, so stopping this process would not free it",
                "it is portscope's grandparent, and portscope never stops the processes that started it;"
                        + " portscope inherited the socket from it: close the inherited descriptor there"
                        + " (in a shell: exec N>&- for descriptor N) and run kill again",
                "it is portscope's parent, and portscope never stops the processes that started it;"
                        + " portscope inherited the socket from it: close the inherited descriptor there"
                        + " (in a shell: exec N>&- for descriptor N) and run kill again",
                "this is portscope itself, which holds the socket too: it inherited it from its parent (pid 3000)");
    }

    @Test
    void anAncestorHoldingThePortAloneIsRefusedToo() throws Exception {
        var server = process(900, 1);
        StopPlan p = plan(Map.of(), false, holding(HoldingRole.LISTENER, process(2000, 1)), holding(HoldingRole.LISTENER, server));
        assertThat(p.targets()).extracting(StopTarget::reason).containsExactly(
                "it is portscope's grandparent, and portscope never stops the processes that started it;"
                        + " close the socket there, or stop it from another shell",
                "not stopped: portscope's grandparent (pid 2000, p2000) holds the port too, so stopping this process would not free it");
    }

    @Test
    void whenPortscopeItselfHoldsThePortNothingIsStopped() throws Exception {
        StopPlan p = plan(Map.of(), false, holding(HoldingRole.LISTENER, process(900, 1), process((int) SELF, 1)));
        assertThat(p.targets()).extracting(StopTarget::reason).containsExactly(
                "not stopped: portscope itself holds the port too, so stopping this process would not free it",
                "this is portscope itself");
    }
}
