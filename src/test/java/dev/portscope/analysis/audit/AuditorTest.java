package dev.portscope.analysis.audit;

import dev.portscope.model.PortRange;
import dev.portscope.model.ProcessInfo;

import static dev.portscope.analysis.audit.Snapshots.process;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.Protocol;
import dev.portscope.model.SocketState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The exposure part of the rules, on snapshots built by hand (addresses a test cannot bind). */
class AuditorTest {

    private static final Optional<Policy> NO_POLICY = Optional.empty();

    private static List<String> ruleIds(AuditReport report) {
        return report.findings().stream().map(f -> f.rule().id()).toList();
    }

    private static AuditReport audit(Snapshots s) {
        return Auditor.audit(s.build(), NO_POLICY, Optional.empty());
    }

    @ParameterizedTest(name = "{0}/{1} on {2}: {3}")
    @CsvSource(textBlock = """
            TCP, 23,    0.0.0.0,     PS001
            TCP, 21,    192.168.1.4, PS001
            TCP, 513,   ::,          PS001
            UDP, 69,    0.0.0.0,     PS001
            UDP, 111,   10.0.0.1,    PS001
            TCP, 6379,  0.0.0.0,     PS002
            TCP, 5432,  203.0.113.9, PS002
            UDP, 11211, ::,          PS002
            TCP, 2375,  0.0.0.0,     PS003
            UDP, 161,   0.0.0.0,     PS007
            UDP, 161,   ::,          PS007
            UDP, 161,   192.168.1.4, PS007
            """)
    void exposedServicesAreFound(Protocol protocol, int port, String address, String rule) throws Exception {
        var s = new Snapshots();
        s.listen(protocol, address, port, process(40, "daemon", 0, "root"));
        AuditReport report = audit(s);
        assertThat(ruleIds(report)).containsExactly(rule);
        assertThat(report.findings().getFirst().message()).contains(Integer.toString(port)).contains("pid 40");
    }

    @ParameterizedTest(name = "{0}/{1} on {2} is quiet")
    @CsvSource(textBlock = """
            TCP, 23,   127.0.0.1
            TCP, 6379, ::1
            TCP, 2375, 127.0.0.2
            UDP, 514,  0.0.0.0
            TCP, 69,   0.0.0.0
            TCP, 8080, 0.0.0.0
            UDP, 161,  127.0.0.1
            UDP, 161,  ::1
            TCP, 161,  0.0.0.0
            UDP, 162,  0.0.0.0
            """)
    void loopbackAndOtherPortsAreQuiet(Protocol protocol, int port, String address) throws Exception {
        var s = new Snapshots();
        s.listen(protocol, address, port, process(40, "daemon", 0, "root"));
        assertThat(audit(s).findings()).isEmpty();
    }

    @Test
    void aConnectionOnALegacyPortIsNotAListener() throws Exception {
        var s = new Snapshots();
        s.add(Protocol.TCP, "0.0.0.0", 23, SocketState.ESTABLISHED, process(40, "telnet", 0, "root"));
        assertThat(audit(s).findings()).isEmpty();
    }

    @Test
    void thePolicyAllowsDowngradesDisablesForbidsAndRequires() throws Exception {
        var s = new Snapshots();
        var redis = process(50, "redis-server", 999, "redis");
        s.listen(Protocol.TCP, "0.0.0.0", 6379, redis);
        s.listen(Protocol.TCP, "0.0.0.0", 23, process(51, "inetd", 0, "root"));
        s.listen(Protocol.TCP, "10.1.2.3", 8080, process(52, "java", 1000, "app"));
        s.listen(Protocol.TCP, "127.0.0.1", 6000, process(53, "Xorg", 0, "root"));
        var allowRedis = new AllowedListener(new PortMatch(PortRange.of(6379), Protocol.TCP), Scope.ANY, "redis-server", "redis");
        var policy = new Policy(List.of(allowRedis), List.of(new PortMatch(PortRange.of(443), Protocol.TCP)),
                List.of(new PortMatch(new PortRange(6000, 6063), null)), Thresholds.DEFAULT,
                Map.of("PS001", new RuleSetting(true, Severity.WARNING)));
        AuditReport report = Auditor.audit(s.build(), Optional.of(policy), Optional.empty());
        assertThat(report.findings()).extracting(f -> f.rule().id() + " " + f.severity().label() + " "
                        + (f.socket() == null ? "-" : f.socket().local().port()))
                .containsExactly("PS101 critical -", "PS102 critical 6000", "PS001 warning 23", "PS100 warning 8080");

        var off = new Policy(List.of(), List.of(), List.of(), Thresholds.DEFAULT, Map.of("PS002", RuleSetting.OFF, "PS001", RuleSetting.OFF));
        var quieter = Auditor.audit(s.build(), Optional.of(off), Optional.empty());
        // PS100 still names the listeners whose own rules were turned off.
        assertThat(ruleIds(quieter)).doesNotContain("PS001", "PS002");
    }

    @Test
    void anAllowedListenerMustBeHeldByTheExpectedProgram() throws Exception {
        var s = new Snapshots();
        s.listen(Protocol.TCP, "0.0.0.0", 6379, process(60, "nc", 1000, "mallory"));
        var allowRedis = new AllowedListener(new PortMatch(PortRange.of(6379), Protocol.TCP), Scope.ANY, "redis-server", null);
        var policy = new Policy(List.of(allowRedis), List.of(), List.of(), Thresholds.DEFAULT, Map.of());
        assertThat(ruleIds(Auditor.audit(s.build(), Optional.of(policy), Optional.empty()))).containsExactly("PS002");
    }

    @Test
    void aProcessMerelyNamedLikeTheAllowedOneIsNotAllowedWhenTheExecutableIsPinned() throws Exception {
        var s = new Snapshots();
        var impostor = new ProcessInfo(60, 1, "redis-server", List.of("./redis-server"), 1000, "mallory", null, "/home/mallory/redis-server", false);
        s.listen(Protocol.TCP, "0.0.0.0", 6379, impostor);
        var pinned = new AllowedListener(new PortMatch(PortRange.of(6379), Protocol.TCP), Scope.ANY, "redis-server", null, "/usr/bin/redis-server");
        var policy = new Policy(List.of(pinned), List.of(), List.of(), Thresholds.DEFAULT, Map.of());
        assertThat(ruleIds(Auditor.audit(s.build(), Optional.of(policy), Optional.empty()))).containsExactly("PS002");

        var real = new Snapshots();
        real.listen(Protocol.TCP, "0.0.0.0", 6379, new ProcessInfo(61, 1, "redis-server", List.of("redis-server"), 999, "redis", null,
                "/usr/bin/redis-server", false));
        assertThat(ruleIds(Auditor.audit(real.build(), Optional.of(policy), Optional.empty()))).isEmpty();

        var upgraded = new Snapshots();
        upgraded.listen(Protocol.TCP, "0.0.0.0", 6379, new ProcessInfo(62, 1, "redis-server", List.of("redis-server"), 999, "redis", null,
                "/usr/bin/redis-server", true));
        assertThat(ruleIds(Auditor.audit(upgraded.build(), Optional.of(policy), Optional.empty())))
                .as("the file at the path is no longer what runs").containsExactly("PS002");
    }

    @Test
    void scopeIsAnUpperBoundOnExposure() throws Exception {
        var s = new Snapshots();
        s.listen(Protocol.TCP, "0.0.0.0", 8443, process(61, "app", 0, "root"));
        s.listen(Protocol.TCP, "192.168.0.2", 8444, process(61, "app", 0, "root"));
        var privateOnly = new AllowedListener(new PortMatch(new PortRange(8443, 8444), Protocol.TCP), Scope.PRIVATE, null, null);
        var policy = new Policy(List.of(privateOnly), List.of(), List.of(), Thresholds.DEFAULT, Map.of());
        assertThat(Auditor.audit(s.build(), Optional.of(policy), Optional.empty()).findings())
                .extracting(f -> f.socket().local().port()).containsExactly(8443);
    }

    @Test
    void closeWaitIsCountedPerProcessAgainstTheThreshold() throws Exception {
        var s = new Snapshots();
        var leaky = process(70, "leaky", 1000, "app");
        for (int i = 0; i < 4; i++) {
            s.add(Protocol.TCP, "127.0.0.1", 40000 + i, SocketState.CLOSE_WAIT, leaky);
        }
        var strict = new Policy(List.of(), List.of(), List.of(), new Thresholds(4), Map.of()); // at least 4, as health counts
        assertThat(ruleIds(Auditor.audit(s.build(), Optional.of(strict), Optional.empty()))).containsExactly("PS006");
        var lenient = new Policy(List.of(), List.of(), List.of(), new Thresholds(5), Map.of());
        assertThat(Auditor.audit(s.build(), Optional.of(lenient), Optional.empty()).findings()).isEmpty();
    }

    @Test
    void aBaselineTurnsNewListenersIntoFindings() throws Exception {
        var before = new Snapshots();
        before.listen(Protocol.TCP, "0.0.0.0", 8080, process(80, "java", 0, "root"));
        Baseline baseline = Baseline.of(before.build());
        var now = new Snapshots();
        now.listen(Protocol.TCP, "0.0.0.0", 8080, process(81, "java", 0, "root"));
        now.listen(Protocol.TCP, "127.0.0.1", 9090, process(82, "node", 0, "root"));
        AuditReport report = Auditor.audit(now.build(), NO_POLICY, Optional.of(baseline));
        assertThat(report.findings()).extracting(f -> f.rule().id() + " " + f.socket().local().port()).containsExactly("PS103 9090");
        assertThat(report.findings().getFirst().message()).contains("pid 82");
    }

    @Test
    void partialSnapshotsAreReportedAsSuch() throws Exception {
        var s = new Snapshots().partial();
        assertThat(audit(s).partial()).isTrue();
    }
}
