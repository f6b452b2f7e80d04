package dev.portscope.analysis.audit;

import static dev.portscope.analysis.audit.Snapshots.process;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.analysis.probe.Detection;
import dev.portscope.analysis.probe.ExpectedProtocols;
import dev.portscope.analysis.probe.ProbeResult;
import dev.portscope.analysis.probe.ProbeTarget;
import dev.portscope.analysis.probe.ProtocolKind;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.services.ServiceTable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Probe results joined to the listener that was probed (a wildcard one is probed through loopback). */
class ProbeMismatchesTest {

    private static final ServiceTable TABLE = ServiceTable.embedded();

    private static ProbeResult result(int port, ProtocolKind detected, String evidence) throws Exception {
        var target = new ProbeTarget(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), List.of());
        var service = TABLE.lookup(Protocol.TCP, port);
        return new ProbeResult(target, service, Detection.of(detected, evidence), ExpectedProtocols.fit(port, service, detected, ""));
    }

    @Test
    void aMismatchOnAWildcardListenerIsAFindingAboutIt() throws Exception {
        Snapshots s = new Snapshots();
        Socket wildcard = s.listen(Protocol.TCP, "0.0.0.0", 22, process(7, "python3", 1000, "web"));
        s.listen(Protocol.TCP, "127.0.0.1", 8080, process(8, "java", 1000, "web"));
        List<Finding> found = ProbeMismatches.of(DefaultRules.PROBED_MISMATCH, s.build(),
                List.of(result(22, ProtocolKind.HTTP, "HTTP/1.0 200 OK"), result(8080, ProtocolKind.HTTP, "HTTP/1.1 404")));
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.socket()).isEqualTo(wildcard);
            assertThat(f.rule().id()).isEqualTo("PS008");
            assertThat(f.message()).isEqualTo("ssh expected on 22, got http (HTTP/1.0 200 OK): 22/tcp on all interfaces, pid 7 (python3)");
        });
    }

    @Test
    void aPolicyCanAllowOrSilenceIt() throws Exception {
        Snapshots s = new Snapshots();
        s.listen(Protocol.TCP, "127.0.0.1", 6379, process(9, "node", 1000, "web"));
        var probes = List.of(result(6379, ProtocolKind.HTTP, "HTTP/1.1 200 OK"));
        assertThat(Auditor.audit(s.build(), Optional.empty(), Optional.empty(), probes).findings())
                .extracting(f -> f.rule().id()).containsExactly("PS008");
        Policy off = PolicyParser.parse("version: 1\nrules:\n  PS008: off\n", "p.yaml");
        assertThat(Auditor.audit(s.build(), Optional.of(off), Optional.empty(), probes).findings()).isEmpty();
        Policy allowed = PolicyParser.parse("version: 1\nallow:\n  - port: 6379\n    process: node\n", "p.yaml");
        assertThat(Auditor.audit(s.build(), Optional.of(allowed), Optional.empty(), probes).findings()).isEmpty();
    }

    /** trust #17: sshd on 2222 was PS004 and PS008; it is a service on a non-standard port, which PS004 alone reports. */
    @Test
    void sshdOnANonStandardPortIsReportedOnceByTheProgramRule() throws Exception {
        Snapshots s = new Snapshots();
        s.listen(Protocol.TCP, "0.0.0.0", 2222, process(5, "sshd", 0, "root"));
        var probes = List.of(result(2222, ProtocolKind.SSH, "SSH-2.0-OpenSSH_9.2p1"));
        assertThat(ProbeMismatches.of(DefaultRules.PROBED_MISMATCH, s.build(), probes)).isEmpty();
        assertThat(Auditor.audit(s.build(), Optional.empty(), Optional.empty(), probes).findings())
                .extracting(f -> f.rule().id() + " " + f.message())
                .containsExactly("PS004 sshd (pid 5) listens on 2222/tcp, not on its usual port [22]");
    }

    /** sshd on 25 breaks both rules; the probe's contradiction, with the banner as evidence, is the one finding. */
    @Test
    void aContradictionFoundByProbingReplacesTheProgramRuleOnTheSameListener() throws Exception {
        Snapshots s = new Snapshots();
        s.listen(Protocol.TCP, "0.0.0.0", 25, process(5, "sshd", 0, "root"));
        var probes = List.of(result(25, ProtocolKind.SSH, "SSH-2.0-OpenSSH_9.2p1"));
        assertThat(Auditor.audit(s.build(), Optional.empty(), Optional.empty(), List.of()).findings())
                .extracting(f -> f.rule().id()).containsExactly("PS004");
        assertThat(Auditor.audit(s.build(), Optional.empty(), Optional.empty(), probes).findings())
                .extracting(f -> f.rule().id() + " " + f.message())
                .containsExactly("PS008 smtp expected on 25, got ssh (SSH-2.0-OpenSSH_9.2p1): 25/tcp on all interfaces, pid 5 (sshd)");
        Policy off = PolicyParser.parse("version: 1\nrules:\n  PS008: off\n", "p.yaml");
        assertThat(Auditor.audit(s.build(), Optional.of(off), Optional.empty(), probes).findings())
                .extracting(f -> f.rule().id()).containsExactly("PS004");
    }
}
