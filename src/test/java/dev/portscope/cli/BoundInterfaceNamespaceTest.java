package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Sockets bound to an interface, in a network namespace the test creates with a veth pair:
 * a listener on the link-local fe80::1 (its scope is the interface) and one on 0.0.0.0 bound to the
 * veth with SO_BINDTODEVICE. portscope runs inside the namespace, where the index is the veth's.
 */
class BoundInterfaceNamespaceTest {

    /** Sets up veth0, listens, then runs argv[1:] (portscope) twice, JSON then table, split by a line of dashes. */
    private static final String LISTEN_THEN_RUN = String.join("\n",
            "import socket, subprocess, sys",
            "for c in ['ip link set lo up', 'ip link add veth0 type veth peer name veth1', 'ip link set veth0 up',",
            "          'ip link set veth1 up', 'ip addr add fe80::1/64 dev veth0 nodad']:",
            "    subprocess.run(c, shell=True, check=True)",
            "index = socket.if_nametoindex('veth0')",
            "v6 = socket.socket(socket.AF_INET6); v6.bind(('fe80::1', 0, 0, index)); v6.listen()",
            "v4 = socket.socket(); v4.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, b'veth0')",
            "v4.bind(('0.0.0.0', 0)); v4.listen()",
            "print(v6.getsockname()[1], v4.getsockname()[1], flush=True)",
            "for extra in (['--json'], ['-n']):",
            "    out = subprocess.run(sys.argv[1:] + extra, capture_output=True, text=True, timeout=60)",
            "    print(out.stdout); print('-----', flush=True); print(out.stderr, file=sys.stderr)");

    @Test
    void linkLocalAndDeviceBoundListenersKeepTheirInterface() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of("unshare", "--net", "python3", "-c", LISTEN_THEN_RUN,
                java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "listen", "-t");
        Process process = new ProcessBuilder(command).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assumeTrue(!err.contains("unshare failed") && !err.contains("Operation not permitted"), "cannot create a network namespace: " + err);
        String[] parts = out.split("-----\n");
        assertThat(parts).as(out + err).hasSizeGreaterThanOrEqualTo(2);
        String[] ports = parts[0].lines().findFirst().orElseThrow().trim().split(" ");
        int linkLocal = Integer.parseInt(ports[0]);
        int deviceBound = Integer.parseInt(ports[1]);
        JsonNode json = new ObjectMapper().readTree(parts[0].substring(parts[0].indexOf('\n') + 1));
        String table = parts[1];

        JsonNode v6 = only(json, linkLocal);
        assertThat(v6.get("local").get("address").asText()).isEqualTo("fe80::1");
        assertThat(v6.get("local").get("interface").get("name").asText()).isEqualTo("veth0");
        assertThat(v6.get("exposure").asText()).isEqualTo("link-local");
        JsonNode v4 = only(json, deviceBound);
        assertThat(v4.get("local").get("interface").get("name").asText()).isEqualTo("veth0");
        assertThat(v4.get("exposure").asText()).as("not every interface").isEqualTo("one-interface");

        assertThat(table).containsPattern("tcp6 +fe80::1%veth0 +" + linkLocal + " +link-local ")
                .containsPattern("tcp +0\\.0\\.0\\.0%veth0 +" + deviceBound + " +one interface \\(veth0\\) ");
    }

    private static JsonNode only(JsonNode listing, int port) {
        for (JsonNode s : listing.get("sockets")) {
            if (s.get("local").get("port").asInt() == port) {
                return s;
            }
        }
        throw new AssertionError("no socket on port " + port + " in " + listing);
    }
}
