package dev.portscope.platform.linux.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The chain dump decoder on answers captured from a namespace (fixtures/nftables/README.md). */
class NftChainDumpTest {

    private static ByteBuffer fixture(String name) throws Exception {
        return ByteBuffer.wrap(Files.readAllBytes(dev.portscope.testing.Fixtures.path("nftables").resolve(name))).order(ByteOrder.nativeOrder());
    }

    private static Set<String> types(String name) throws Exception {
        Set<String> types = new HashSet<>();
        assertThat(NftChainDump.addChainTypes(fixture(name), types)).as("ends with NLMSG_DONE").isTrue();
        return types;
    }

    @Test
    void natChainsOfNftAndIptablesNftAreSeen() throws Exception {
        assertThat(types("chains-nat.bin")).containsExactlyInAnyOrder("nat", "filter");
    }

    @Test
    void filterChainsAloneAreNotNat() throws Exception {
        assertThat(types("chains-filter-only.bin")).containsExactly("filter");
    }

    @Test
    void aFreshNamespaceHasNoChain() throws Exception {
        assertThat(types("chains-empty.bin")).isEmpty();
    }

    @Test
    void theRequestAsksForADumpOfEveryFamily() {
        ByteBuffer b = ByteBuffer.wrap(NftChainDump.request(7)).order(ByteOrder.nativeOrder());
        assertThat(b.getInt(0)).isEqualTo(20);
        assertThat(Short.toUnsignedInt(b.getShort(4))).isEqualTo(0x0a04);
        assertThat(Short.toUnsignedInt(b.getShort(6))).isEqualTo(0x301);
        assertThat(b.getInt(8)).isEqualTo(7);
        assertThat(b.getInt(16)).isZero();
    }

    @Test
    void anErrorAnswerIsARefusalWithItsErrno() {
        ByteBuffer b = ByteBuffer.allocate(36).order(ByteOrder.nativeOrder());
        NetlinkHeader.write(b, 36, NetlinkHeader.NLMSG_ERROR, 0, 1);
        b.putInt(-1); // -EPERM
        b.rewind();
        assertThatThrownBy(() -> NftChainDump.addChainTypes(b, new HashSet<>()))
                .isInstanceOfSatisfying(NftChainDump.DumpRefusedException.class, e -> assertThat(e.errno()).isEqualTo(1));
    }

    @Test
    void aTruncatedMessageIsSaidWithItsOffset() throws Exception {
        ByteBuffer whole = fixture("chains-nat.bin");
        ByteBuffer cut = whole.slice(0, 50).order(ByteOrder.nativeOrder());
        assertThatThrownBy(() -> NftChainDump.addChainTypes(cut, new HashSet<>()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offset 0");
    }
}
