package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portscope.testing.NetNamespace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Forwarded ports, end to end, in network namespaces the test makes: an outer one
 * ({@code unshare --net}) plays the host, where portscope runs; a "container" namespace inside it
 * holds 192.0.2.2/24 on a veth pair whose host end holds 192.0.2.1/24, and a listener on port 80.
 * On the host, a forwarder whose command line is docker-proxy's listens on 127.0.0.1:18080 and
 * relays to 192.0.2.2:80; DNAT rules made in the outer namespace only (nftables for 18081,
 * iptables-nft for 18082) publish two ports with no socket. Nothing reaches the machine's own
 * namespace, its rules or its listeners.
 */
@Tag("live")
class ForwardedPortsLiveTest {

    /** Sets the namespaces up, runs each command (argv in the spec), prints one JSON document. */
    private static final String DRIVER = """
            import json, os, socket, subprocess, sys, threading, time
            spec = json.loads(sys.argv[1])
            def sh(*argv):
                subprocess.run(list(argv), check=True, capture_output=True)
            sh('ip', 'link', 'set', 'lo', 'up')
            container = subprocess.Popen(['unshare', '--net', '/usr/bin/python3', '-c', '''
            import socket, sys, threading
            s = socket.socket()
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("0.0.0.0", 80))
            s.listen(16)
            print("ready", flush=True)
            def serve():
                while True:
                    c, _ = s.accept()
                    c.recv(64)
                    c.sendall(b"pong")
                    c.close()
            threading.Thread(target=serve, daemon=True).start()
            sys.stdin.readline()
            '''], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
            assert container.stdout.readline().strip() == 'ready'
            sh('ip', 'link', 'add', 'vh0', 'type', 'veth', 'peer', 'name', 'vc0')
            sh('ip', 'link', 'set', 'vc0', 'netns', str(container.pid))
            sh('ip', 'addr', 'add', '192.0.2.1/24', 'dev', 'vh0')
            sh('ip', 'link', 'set', 'vh0', 'up')
            for argv in (['ip', 'link', 'set', 'lo', 'up'], ['ip', 'addr', 'add', '192.0.2.2/24', 'dev', 'vc0'], ['ip', 'link', 'set', 'vc0', 'up']):
                sh('nsenter', '-t', str(container.pid), '-n', *argv)
            forwarder = subprocess.Popen(['bash', '-c', 'exec -a docker-proxy /usr/bin/python3 -c "$0" "$@"', '''
            import socket, sys, threading
            s = socket.socket()
            s.bind(("127.0.0.1", 18080))
            s.listen(16)
            print("ready", flush=True)
            def relay(c):
                with c, socket.create_connection(("192.0.2.2", 80), timeout=5) as up:
                    up.sendall(c.recv(64))
                    c.sendall(up.recv(64))
            def serve():
                while True:
                    threading.Thread(target=relay, args=(s.accept()[0],), daemon=True).start()
            threading.Thread(target=serve, daemon=True).start()
            sys.stdin.readline()
            ''', '-proto', 'tcp', '-host-ip', '127.0.0.1', '-host-port', '18080', '-container-ip', '192.0.2.2', '-container-port', '80'],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
            assert forwarder.stdout.readline().strip() == 'ready'
            sh('nft', 'add table ip pstest; add chain ip pstest pre { type nat hook prerouting priority dstnat; }; '
               + 'add chain ip pstest out { type nat hook output priority -100; }; '
               + 'add rule ip pstest pre tcp dport 18081 dnat to 192.0.2.2:80; add rule ip pstest out tcp dport 18081 dnat to 192.0.2.2:80')
            sh('iptables-nft', '-t', 'nat', '-A', 'PREROUTING', '-p', 'tcp', '-m', 'tcp', '--dport', '18082', '-j', 'DNAT', '--to-destination', '192.0.2.2:80')
            # the forwarder forwards: what the container answers comes back through it
            deadline = time.time() + 10
            while True:
                try:
                    with socket.create_connection(('127.0.0.1', 18080), timeout=5) as c:
                        c.sendall(b'ping')
                        relayed = c.recv(64).decode()
                    break
                except OSError:
                    if time.time() > deadline:
                        raise
                    time.sleep(0.1)
            results = []
            for argv in spec['commands']:
                done = subprocess.run(argv, capture_output=True, text=True, timeout=150)
                results.append({'exit': done.returncode, 'out': done.stdout, 'err': done.stderr})
            print(json.dumps({'container': container.pid, 'forwarder': forwarder.pid, 'relayed': relayed,
                              'containerNetns': os.stat('/proc/%d/ns/net' % container.pid).st_ino, 'results': results}))
            container.stdin.close(); forwarder.stdin.close()
            container.wait(10); forwarder.wait(10)
            """;

    private static JsonNode run;

    private static List<String> portscope(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    @BeforeAll
    static void setUp() throws Exception {
        List<List<String>> commands = List.of(
                portscope("who", "--json", "18080"),
                portscope("who", "18080"),
                portscope("who", "--json", "18081"),
                portscope("who", "18082"),
                portscope("listen"),
                portscope("listen", "--json"),
                portscope("why", "--json", "--try", "18081"),
                portscope("why", "19999"));
        ObjectMapper mapper = new ObjectMapper();
        String spec = mapper.writeValueAsString(Map.of("commands", commands));
        run = NetNamespace.runDriver(DRIVER, spec, 60L + 30L * commands.size());
    }

    private static JsonNode result(int index) {
        return run.get("results").get(index);
    }

    private static JsonNode json(int index) throws IOException {
        JsonNode r = result(index);
        assertThat(r.get("out").asText()).as(r.get("err").asText()).isNotEmpty();
        return new ObjectMapper().readTree(r.get("out").asText());
    }

    @Test
    void theForwarderForwards() {
        assertThat(run.get("relayed").asText()).isEqualTo("pong");
    }

    @Test
    void whoFollowsTheDockerProxyToTheContainersListener() throws Exception {
        assertThat(result(0).get("exit").asInt()).as(result(0).get("err").asText()).isZero();
        JsonNode proxy = json(0).get("holdings").get(0).get("processes").get(0);
        assertThat(proxy.get("pid").asLong()).isEqualTo(run.get("forwarder").asLong());
        JsonNode forward = proxy.get("forwardsTo");
        assertThat(forward.get("targetAddress").asText()).isEqualTo("192.0.2.2");
        assertThat(forward.get("targetPort").asInt()).isEqualTo(80);
        assertThat(forward.get("targetNetns").asText()).isEqualTo(run.get("containerNetns").asText());
        JsonNode target = forward.get("targets").get(0);
        assertThat(target.get("socket").get("local").get("port").asInt()).isEqualTo(80);
        assertThat(target.get("processes").get(0).get("pid").asLong()).isEqualTo(run.get("container").asLong());

        String text = result(1).get("out").asText();
        assertThat(text).contains("forwards to 192.0.2.2:80 (tcp)")
                .contains("in network namespace " + run.get("containerNetns").asText())
                .contains("(pid " + run.get("container").asLong());
    }

    @Test
    void whoNamesThePortsNatRulesPublishAndWhereTheyLead() throws Exception {
        assertThat(result(2).get("exit").asInt()).as("published counts as held: " + result(2).get("err").asText()).isZero();
        JsonNode report = json(2);
        assertThat(report.get("holdings")).isEmpty();
        JsonNode published = report.get("published");
        assertThat(published).extracting(p -> p.get("by").asText()).as("a rule for others' packets, one for this machine's")
                .containsExactly("nftables ip pstest pre", "nftables ip pstest out");
        for (JsonNode rule : published) {
            assertThat(rule.get("targetAddress").asText()).isEqualTo("192.0.2.2");
            assertThat(rule.get("targetNetns").asText()).isEqualTo(run.get("containerNetns").asText());
            assertThat(rule.get("targets").get(0).get("processes").get(0).get("pid").asLong()).isEqualTo(run.get("container").asLong());
        }

        String text = result(3).get("out").asText();
        assertThat(text).contains("is published by NAT rules on this machine")
                .contains("tcp  *:18082 -> 192.0.2.2:80  (iptables-nft nat PREROUTING)");
    }

    @Test
    void listenEndsWithThePublishedPorts() throws Exception {
        String text = result(4).get("out").asText();
        assertThat(text).contains("Published by NAT rules")
                .contains("tcp  *:18081 -> 192.0.2.2:80  (nftables ip pstest pre)")
                .contains("tcp  *:18082 -> 192.0.2.2:80  (iptables-nft nat PREROUTING)");
        assertThat(text.indexOf("Published by NAT rules")).as("after the table").isGreaterThan(text.indexOf("18080"));
        JsonNode published = json(5).get("published");
        assertThat(published).extracting(p -> p.get("port").asInt()).contains(18081, 18082);
    }

    @Test
    void whySaysABindSucceedsButThePublishedConnectionsGoElsewhere() throws Exception {
        JsonNode why = json(6);
        assertThat(why.get("trial").get("succeeded").asBoolean()).as("the kernel's bind does not consult NAT rules").isTrue();
        assertThat(result(6).get("exit").asInt()).isZero();
        assertThat(why.get("published").get(0).get("targetAddress").asText()).isEqualTo("192.0.2.2");
        assertThat(why.get("notes").toString()).contains("NAT rules publish this port");
        assertThat(result(7).get("out").asText()).doesNotContain("NAT rules publish");
    }
}
