package dev.portscope.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portscope.model.Container;
import dev.portscope.model.NetNamespace;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code --namespace} accepts: host, an ip netns name, an inode, a container's name or id prefix. */
class NamespaceChoiceTest {

    private static final String WEB_ID = "4f2a9c0d1e2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5";
    private static final NetNamespace HOST = new NetNamespace(4026531840L, null, true, 1, null);
    private static final NetNamespace LAB = new NetNamespace(4026532200L, "lab", false, 300, null);
    private static final NetNamespace WEB = new NetNamespace(4026532300L, null, false, 400,
            new Container("docker", WEB_ID, "web", null));
    private static final NetNamespace DB = new NetNamespace(4026532400L, null, false, 500,
            Container.unnamed("docker", "4f2b000000000000000000000000000000000000000000000000000000000000"));
    private static final List<NetNamespace> ALL = List.of(HOST, LAB, WEB, DB);

    @Test
    void picksByHostNameInodeAndContainer() {
        assertThat(NamespaceChoice.pick("host", ALL)).isEqualTo(HOST);
        assertThat(NamespaceChoice.pick("lab", ALL)).isEqualTo(LAB);
        assertThat(NamespaceChoice.pick("4026532300", ALL)).isEqualTo(WEB);
        assertThat(NamespaceChoice.pick("net:[4026532400]", ALL)).isEqualTo(DB);
        assertThat(NamespaceChoice.pick("web", ALL)).isEqualTo(WEB);
        assertThat(NamespaceChoice.pick("4f2a9c", ALL)).isEqualTo(WEB);
        assertThat(NamespaceChoice.pick("4F2B", ALL)).isEqualTo(DB);
    }

    @Test
    void anAmbiguousPrefixNamesTheCandidates() {
        assertThatThrownBy(() -> NamespaceChoice.pick("4f2", ALL))
                .isInstanceOf(SetupException.class)
                .hasMessage("--namespace 4f2 fits 2 network namespaces (4026532300 [web], 4026532400 [4f2b00000000]): name one by its inode");
    }

    @Test
    void anUnknownNameListsWhatExists() {
        assertThatThrownBy(() -> NamespaceChoice.pick("nope", ALL))
                .isInstanceOf(SetupException.class)
                .hasMessageStartingWith("no network namespace is named 'nope'")
                .hasMessageEndingWith("these exist: host (4026531840), lab (4026532200), 4026532300 [web], 4026532400 [4f2b00000000]");
        assertThatThrownBy(() -> NamespaceChoice.pick("  ", ALL)).isInstanceOf(SetupException.class);
        assertThatThrownBy(() -> NamespaceChoice.pick("4f", ALL)).as("too short a prefix").isInstanceOf(SetupException.class);
    }
}
