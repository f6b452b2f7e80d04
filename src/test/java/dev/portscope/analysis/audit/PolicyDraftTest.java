package dev.portscope.analysis.audit;

import static dev.portscope.analysis.audit.Snapshots.process;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.Protocol;
import dev.portscope.model.SocketState;
import dev.portscope.render.AuditPolicyWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyDraftTest {

    @Test
    void aDraftAcceptsEverythingItSawAndReadsBackAsWritten() throws Exception {
        var s = new Snapshots();
        var odd = process(90, "we\"ird: #name\\", 0, "root");
        s.listen(Protocol.TCP, "0.0.0.0", 23, process(91, "inetd", 0, "root"));
        s.listen(Protocol.TCP, "127.0.0.1", 8080, odd);
        s.listen(Protocol.TCP, "0.0.0.0", 8080, odd);
        s.listen(Protocol.UDP, "10.0.0.3", 69, null);
        s.listen(Protocol.TCP, "127.0.0.1", 4000, process(92, "sshd", 1000, "bob"));
        var leaky = process(93, "leaky", 1000, "bob");
        for (int i = 0; i < 30; i++) {
            s.add(Protocol.TCP, "127.0.0.1", 50000 + i, SocketState.CLOSE_WAIT, leaky);
        }
        var snapshot = s.build();
        assertThat(Auditor.audit(snapshot, Optional.empty(), Optional.empty()).findings()).extracting(f -> f.rule().id())
                .containsExactlyInAnyOrder("PS001", "PS001", "PS004", "PS006");

        Policy draft = PolicyDraft.accepting(snapshot);
        assertThat(draft.allow()).extracting(a -> a.match() + " " + a.scope().label() + " " + a.process())
                .containsExactly("23/tcp any inetd", "69/udp private null", "4000/tcp loopback sshd", "8080/tcp any we\"ird: #name\\");
        assertThat(draft.thresholds().closeWaitPerProcess()).isEqualTo(31); // one above the 30 of leaky: accepted as it is

        StringWriter text = new StringWriter();
        AuditPolicyWriter.write(new PrintWriter(text), draft, "test-host", Instant.EPOCH);
        Policy read = PolicyParser.parse(text.toString(), "drafted.yaml");
        assertThat(read).isEqualTo(draft);
        AuditReport report = Auditor.audit(snapshot, Optional.of(read), Optional.empty());
        assertThat(report.findings()).isEmpty();
    }
}
