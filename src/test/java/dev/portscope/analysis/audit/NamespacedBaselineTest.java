package dev.portscope.analysis.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.Container;
import dev.portscope.model.Endpoint;
import dev.portscope.model.IpFamily;
import dev.portscope.model.LinuxSocket;
import dev.portscope.model.NamespaceIndex;
import dev.portscope.model.NetNamespace;
import dev.portscope.model.OwnerIndex;
import dev.portscope.model.Protocol;
import dev.portscope.model.Snapshot;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import dev.portscope.render.BaselineJsonWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A baseline of every namespace keeps one listener per protocol, port and namespace: the same port
 * in two containers is two listeners, and the host's keep the keys of a plain baseline.
 */
class NamespacedBaselineTest {

    private static final NetNamespace HOST = new NetNamespace(100, null, true, 1, null);
    private static final NetNamespace WEB = new NetNamespace(200, null, false, 20, new Container("docker", "a".repeat(64), "web", null));
    private static final NetNamespace API = new NetNamespace(300, null, false, 30, new Container("docker", "b".repeat(64), "api", null));
    private static final NetNamespace LAB = new NetNamespace(400, "lab", false, 40, null);

    private static Socket listener(int port, long netns) throws Exception {
        return new Socket(Protocol.TCP, IpFamily.IPV4, new Endpoint(InetAddress.getByName("0.0.0.0"), port),
                new Endpoint(InetAddress.getByName("0.0.0.0"), 0), SocketState.LISTEN, 0, netns * 10 + port, 0, 0, null,
                new LinuxSocket(netns * 10 + port, 0, netns, null, null));
    }

    private static Snapshot snapshot(NamespaceIndex namespaces, Socket... sockets) {
        return new Snapshot(Instant.parse("2026-01-01T00:00:00Z"), "h", List.of(sockets), Map.of(), OwnerIndex.empty(), List.of(),
                namespaces);
    }

    @Test
    void theSamePortInTwoNamespacesIsTwoListeners() throws Exception {
        NamespaceIndex all = NamespaceIndex.of(List.of(HOST, WEB, API, LAB));
        Baseline baseline = Baseline.of(snapshot(all, listener(80, 200), listener(80, 300), listener(80, 400), listener(22, 100)));
        assertThat(baseline.listeners()).extracting(BaselineListener::key)
                .containsExactly("22/tcp", "80/tcp in api", "80/tcp in lab", "80/tcp in web");
        assertThat(baseline.spansNamespaces()).isTrue();

        StringWriter text = new StringWriter();
        BaselineJsonWriter.write(text, baseline, "test", List.of());
        assertThat(BaselineParser.parse(text.toString(), "b.json")).isEqualTo(baseline);
    }

    @Test
    void aContainerThatGoesIsADisappearedListenerAndTheHostsCompareWithAPlainBaseline() throws Exception {
        NamespaceIndex all = NamespaceIndex.of(List.of(HOST, WEB, API));
        Baseline before = Baseline.of(snapshot(all, listener(80, 200), listener(80, 300), listener(22, 100)));
        Baseline after = Baseline.of(snapshot(NamespaceIndex.of(List.of(HOST, WEB)), listener(80, 200), listener(22, 100)));
        assertThat(BaselineDiff.compare(before, after)).singleElement()
                .isInstanceOfSatisfying(ListenerChange.Disappeared.class, d -> assertThat(d.listener().key()).isEqualTo("80/tcp in api"));
        Baseline plain = Baseline.of(snapshot(NamespaceIndex.NONE, listener(22, 100)));
        assertThat(plain.spansNamespaces()).isFalse();
        assertThat(plain.listeners().getFirst().key()).isEqualTo(after.find("22/tcp").orElseThrow().key());
    }
}
