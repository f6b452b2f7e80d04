package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The default rules about exposure, each triggered for real in a network namespace the test
 * creates: there every well-known port is free, and a listener on 0.0.0.0 reaches no network.
 * The same listeners on loopback stay quiet; on a private address (added to the namespace's
 * loopback device) they are beyond loopback too.
 */
@Tag("live")
@Timeout(120)
class AuditExposureNamespaceTest {

    private static final int[] TCP = {21, 23, 512, 513, 514, 3306, 5432, 6379, 11211, 27017, 9200, 5984, 2379, 2375};
    private static final int[] UDP = {69, 161};

    /** Binds every port on argv[1], then runs the rest of argv (portscope) in the same namespace and prints its output. */
    private static final String LISTEN_THEN_AUDIT = String.join("\n",
            "import socket, subprocess, sys",
            "address = sys.argv[1]",
            "subprocess.run('ip link set lo up', shell=True, check=True)",
            "if address not in ('0.0.0.0', '127.0.0.1'):",
            "    subprocess.run(['ip', 'addr', 'add', address + '/32', 'dev', 'lo'], check=True)",
            "held = []",
            "for port in [" + String.join(", ", IntStream.of(TCP).mapToObj(Integer::toString).toList()) + "]:",
            "    s = socket.socket(); s.bind((address, port)); s.listen(); held.append(s)",
            "for port in [" + String.join(", ", IntStream.of(UDP).mapToObj(Integer::toString).toList()) + "]:",
            "    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind((address, port)); held.append(s)",
            "out = subprocess.run(sys.argv[2:], capture_output=True, text=True, timeout=60)",
            "print(out.stdout); print(out.stderr, file=sys.stderr)");

    private record Audit(long pid, JsonNode json) {}

    private static Audit auditInNamespace(String address) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of("unshare", "--net", "python3", "-c", LISTEN_THEN_AUDIT, address,
                java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "audit", "--json"));
        Process process = new ProcessBuilder(command).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assumeTrue(!err.contains("unshare failed") && !err.contains("Operation not permitted"), "cannot create a network namespace: " + err);
        assertThat(out).as(err).isNotBlank();
        return new Audit(process.pid(), new ObjectMapper().readTree(out));
    }

    /** The pids of the findings of one rule on one port and protocol. */
    private static List<Long> findings(JsonNode audit, String rule, int port, String protocol) {
        List<Long> pids = new ArrayList<>();
        for (JsonNode f : audit.get("findings")) {
            JsonNode socket = f.get("socket");
            if (f.get("ruleId").asText().equals(rule) && socket.path("port").asInt() == port
                    && socket.path("protocol").asText().equals(protocol)) {
                f.get("processes").forEach(p -> pids.add(p.get("pid").asLong()));
            }
        }
        return pids;
    }

    private static String ruleOf(int port) {
        return switch (port) {
            case 21, 23, 512, 513, 514, 69 -> "PS001";
            case 2375 -> "PS003";
            case 161 -> "PS007";
            default -> "PS002";
        };
    }

    @Test
    void everyExposureRuleFiresOnAllInterfacesWithTheHoldersPid() throws Exception {
        Audit audit = auditInNamespace("0.0.0.0");
        for (int port : TCP) {
            assertThat(findings(audit.json(), ruleOf(port), port, "tcp")).as(port + "/tcp").containsExactly(audit.pid());
        }
        for (int port : UDP) {
            assertThat(findings(audit.json(), ruleOf(port), port, "udp")).as(port + "/udp").containsExactly(audit.pid());
        }
        JsonNode snmp = audit.json().get("findings").findParents("ruleId").stream()
                .filter(f -> f.get("ruleId").asText().equals("PS007")).findFirst().orElseThrow();
        assertThat(snmp.get("message").asText()).isEqualTo("SNMP on 161/udp on all interfaces, pid " + audit.pid() + " (python3)");
        assertThat(snmp.get("why").asText()).contains("does not try any community");
    }

    @Test
    void aPrivateAddressIsBeyondLoopbackToo() throws Exception {
        Audit audit = auditInNamespace("10.1.2.3");
        assertThat(findings(audit.json(), "PS002", 5432, "tcp")).containsExactly(audit.pid());
        assertThat(findings(audit.json(), "PS001", 23, "tcp")).containsExactly(audit.pid());
        assertThat(findings(audit.json(), "PS007", 161, "udp")).containsExactly(audit.pid());
    }

    @Test
    void theSameListenersOnLoopbackAreQuiet() throws Exception {
        Audit audit = auditInNamespace("127.0.0.1");
        for (int port : TCP) {
            assertThat(findings(audit.json(), ruleOf(port), port, "tcp")).as(port + "/tcp").isEmpty();
        }
        for (int port : UDP) {
            assertThat(findings(audit.json(), ruleOf(port), port, "udp")).as(port + "/udp").isEmpty();
        }
        assertThat(audit.json().get("findings").findValues("ruleId").stream().map(JsonNode::asText).toList())
                .doesNotContain("PS001", "PS002", "PS003", "PS007");
    }
}
