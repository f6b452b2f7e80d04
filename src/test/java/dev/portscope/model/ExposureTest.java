package dev.portscope.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExposureTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "0.0.0.0, ALL_INTERFACES",
        "::, ALL_INTERFACES",
        "127.0.0.1, LOOPBACK",
        "127.1.2.3, LOOPBACK",
        "::1, LOOPBACK",
        "::ffff:127.0.0.1, LOOPBACK",
        "169.254.10.1, LINK_LOCAL",
        "fe80::1, LINK_LOCAL",
        "10.1.2.3, PRIVATE",
        "172.16.0.1, PRIVATE",
        "172.31.255.1, PRIVATE",
        "192.168.1.10, PRIVATE",
        "100.64.0.1, PRIVATE",
        "::ffff:192.168.0.1, PRIVATE",
        "fd00::1, PRIVATE",
        "fc12::1, PRIVATE",
        "172.32.0.1, PUBLIC",
        "100.128.0.1, PUBLIC",
        "8.8.8.8, PUBLIC",
        "2001:db8::1, PUBLIC",
        "::ffff:1.2.3.4, PUBLIC",
    })
    void classifiesBindAddresses(String address, Exposure expected) throws Exception {
        assertThat(Exposure.of(InetAddress.getByName(address))).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void aSocketBoundToAnInterfaceReachesThatInterfaceOnly() throws Exception {
        NetInterface lo = new NetInterface(1, "lo", true);
        NetInterface eth = new NetInterface(2, "eth0", false);
        InetAddress any = InetAddress.getByName("0.0.0.0");
        assertThat(Exposure.of(new Endpoint(any, 22, lo))).as("0.0.0.0%lo").isEqualTo(Exposure.LOOPBACK);
        assertThat(Exposure.of(new Endpoint(InetAddress.getByName("::"), 22, lo))).isEqualTo(Exposure.LOOPBACK);
        assertThat(Exposure.of(new Endpoint(any, 22, eth))).isEqualTo(Exposure.ONE_INTERFACE);
        assertThat(Exposure.label(new Endpoint(any, 22, eth))).isEqualTo("one interface (eth0)");
        assertThat(Exposure.of(new Endpoint(InetAddress.getByName("fe80::1"), 22, eth))).isEqualTo(Exposure.LINK_LOCAL);
        assertThat(Exposure.of(new Endpoint(any, 22))).isEqualTo(Exposure.ALL_INTERFACES);
    }
}
