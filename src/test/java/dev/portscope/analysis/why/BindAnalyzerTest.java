package dev.portscope.analysis.why;

import dev.portscope.platform.PortSettings;
import dev.portscope.platform.BindTrial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.Endpoint;
import dev.portscope.model.IpFamily;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Judgements that need socket options portscope cannot set up from a test: SO_REUSEPORT groups, other users. */
class BindAnalyzerTest {

    private static final ProcessInfo NGINX = new ProcessInfo(100, 1, "nginx", List.of("nginx"), 33, "www-data", null);

    private static OwnedSocket listener(String address, int uid) throws Exception {
        InetAddress a = InetAddress.getByName(address);
        Socket s = new Socket(Protocol.TCP, IpFamily.IPV4, new Endpoint(a, 8080), new Endpoint(InetAddress.getByName("0.0.0.0"), 0),
                SocketState.LISTEN, uid, 1000 + uid, 0, 511, null, null);
        return new OwnedSocket(s, List.of(NGINX));
    }

    private static BindRequest request(int uid, boolean reusePort) throws Exception {
        return new BindRequest(Protocol.TCP, InetAddress.getByName("0.0.0.0"), 8080, false, false, reusePort, uid, "u" + uid, true);
    }

    @Test
    void aSocketWithSoReuseportOfTheSameUserJoinsAReuseportGroup() throws Exception {
        List<OwnedSocket> group = List.of(listener("0.0.0.0", 33), listener("0.0.0.0", 33));
        BindReport joins = BindAnalyzer.analyze(request(33, true), group, PortSettings.DEFAULTS, true, List.of(), null);
        assertThat(joins.verdict()).isEqualTo(BindVerdict.FREE);
        assertThat(joins.cautions()).filteredOn(c -> c.contains("SO_REUSEPORT group of 2 sockets of uid 33")).hasSize(1);
        BindReport otherUser = BindAnalyzer.analyze(request(34, true), group, PortSettings.DEFAULTS, true, List.of(), null);
        assertThat(otherUser.verdict()).isEqualTo(BindVerdict.BLOCKED);
        BindReport withoutOption = BindAnalyzer.analyze(request(33, false), group, PortSettings.DEFAULTS, true, List.of(), null);
        assertThat(withoutOption.verdict()).isEqualTo(BindVerdict.BLOCKED);
        assertThat(withoutOption.blockers().getFirst().liftedBy()).isEqualTo("SO_REUSEPORT");
        assertThat(withoutOption.nextStep()).contains("stop nginx (pid 100)").contains("SO_REUSEPORT");
    }

    @Test
    void aLoneListenerOfTheSameUserMayBeSharedOnlyIfItSetSoReuseport() throws Exception {
        BindReport report = BindAnalyzer.analyze(request(33, true), List.of(listener("0.0.0.0", 33)), PortSettings.DEFAULTS, true, List.of(), null);
        assertThat(report.verdict()).isEqualTo(BindVerdict.UNCERTAIN);
        assertThat(report.nextStep()).contains("--try");
        BindReport tried = BindAnalyzer.analyze(request(33, true), List.of(listener("0.0.0.0", 33)), PortSettings.DEFAULTS, true, List.of(),
                new BindTrial(false, "bind", 98, "EADDRINUSE (address already in use)"));
        assertThat(tried.verdict()).isEqualTo(BindVerdict.BLOCKED);
    }

    @Test
    void anIpv6SocketOnTheMappedWildcardIsAnIpv4ListenerNotADualStackOne() throws Exception {
        // an IPv6 socket bound to ::ffff:0.0.0.0: Java folds the address into 0.0.0.0, the family stays IPv6
        Socket s = new Socket(Protocol.TCP, IpFamily.IPV6, new Endpoint(InetAddress.getByName("::ffff:0.0.0.0"), 8080),
                new Endpoint(InetAddress.getByName("::"), 0), SocketState.LISTEN, 33, 1, 0, 511, false, null);
        BindReport v4 = BindAnalyzer.analyze(request(0, false), List.of(new OwnedSocket(s, List.of(NGINX))), PortSettings.DEFAULTS,
                true, List.of(), null);
        assertThat(v4.blockers()).extracting(Blocker::kind).containsExactly(BlockerKind.LISTENER);
        assertThat(v4.blockers().getFirst().explanation()).contains("every IPv4 address (and no IPv6 address)");
        BindRequest v6 = new BindRequest(Protocol.TCP, InetAddress.getByName("::1"), 8080, true, false, false, 0, "root", true);
        BindReport loopback6 = BindAnalyzer.analyze(v6, List.of(new OwnedSocket(s, List.of(NGINX))), PortSettings.DEFAULTS, true, List.of(), null);
        assertThat(loopback6.verdict()).isEqualTo(BindVerdict.FREE);
    }

    @Test
    void anAddressNotOnThisMachineIsBlockedUnlessNonLocalBindIsAllowed() throws Exception {
        BindRequest remote = new BindRequest(Protocol.TCP, InetAddress.getByName("192.0.2.7"), 8080, false, false, false, 0, "root", true);
        assertThat(BindAnalyzer.analyze(remote, List.of(), PortSettings.DEFAULTS, false, List.of(), null).blockers())
                .extracting(Blocker::kind).containsExactly(BlockerKind.ADDRESS_NOT_LOCAL);
        PortSettings nonLocal = new PortSettings(1024, 32768, 60999, List.of(), false, true, List.of());
        assertThat(BindAnalyzer.analyze(remote, List.of(), nonLocal, false, List.of(), null).verdict()).isEqualTo(BindVerdict.FREE);
    }

    @Test
    void aRefusalWithNothingVisibleInTheWayStillGivesANextStep() throws Exception {
        BindReport report = BindAnalyzer.analyze(request(0, false), List.of(), PortSettings.DEFAULTS, true, List.of(),
                new BindTrial(false, "bind", 98, "EADDRINUSE (address already in use)"));
        assertThat(report.verdict()).isEqualTo(BindVerdict.BLOCKED);
        assertThat(report.nextStep()).startsWith("the kernel refused the bind for a reason portscope cannot see");
        assertThat(report.cautions()).anyMatch(c -> c.startsWith("the kernel refused the bind for a reason not visible here"));
    }
}
