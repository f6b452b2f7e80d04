package dev.portscope.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.Container;
import dev.portscope.model.ProcessOrigin;
import dev.portscope.testing.Fixtures;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CgroupParserTest {

    private static ProcessOrigin parse(String fixture) throws Exception {
        return CgroupParser.parse(Files.readString(Fixtures.path("cgroup/" + fixture)));
    }

    @Test
    void systemService() throws Exception {
        ProcessOrigin origin = parse("systemd-service-v2");
        assertThat(origin.systemdUnit()).isEqualTo("nginx.service");
        assertThat(origin.isSystemService()).isTrue();
        assertThat(origin.container()).isNull();
    }

    @Test
    void dockerContainer() throws Exception {
        ProcessOrigin origin = parse("docker-v1-v2-hybrid");
        assertThat(origin.container().id()).startsWith("4f1e2d3c4b5a").hasSize(64);
        assertThat(origin.container().runtime()).isEqualTo("docker");
        assertThat(origin.isSystemService()).isFalse();
    }

    @Test
    void kubernetesPod() throws Exception {
        ProcessOrigin origin = parse("kubernetes-containerd");
        assertThat(origin.container().id()).startsWith("aaaabbbbcccc");
        assertThat(origin.container().runtime()).isEqualTo("containerd");
    }

    @Test
    void userServiceIsNotASystemService() throws Exception {
        ProcessOrigin origin = parse("user-service");
        assertThat(origin.systemdUnit()).isEqualTo("pipewire.service");
        assertThat(origin.userUnit()).isTrue();
        assertThat(origin.isSystemService()).isFalse();
    }

    @Test
    void noUnit() throws Exception {
        assertThat(parse("sandbox-root")).isEqualTo(ProcessOrigin.NONE);
        assertThat(parse("login-session").systemdUnit()).isEqualTo("session-3.scope");
        assertThat(parse("login-session").isSystemService()).isFalse();
    }

    private static final String DOCKER_ID = "7d3e1c0a9b8f6e5d4c3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a2918f7e6d5c";
    private static final String POD_CONTAINER_ID = "3f9a8b7c6d5e4f30211a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70";
    private static final String PODMAN_ID = "5e8f2a1b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7";

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "docker-v2-systemd, docker, " + DOCKER_ID,
        "docker-v2-cgroupfs, docker, " + DOCKER_ID,
        "docker-v1-cgroupfs, docker, " + DOCKER_ID,
        "kubernetes-containerd-besteffort, containerd, " + POD_CONTAINER_ID,
        "kubernetes-cgroupfs-besteffort, kubernetes, " + POD_CONTAINER_ID,
        "kubernetes-crio, cri-o, " + POD_CONTAINER_ID,
        "podman-rootful, podman, " + PODMAN_ID,
        "podman-rootless, podman, " + PODMAN_ID,
        "lxc-payload, lxc, web01",
        "lxc-v1, lxc, web01",
        "nspawn-payload, systemd-nspawn, debian-test",
    })
    void everyRuntimesConvention(String fixture, String runtime, String id) throws Exception {
        Container container = parse(fixture).container();
        assertThat(container).as(fixture).isNotNull();
        assertThat(container.runtime()).isEqualTo(runtime);
        assertThat(container.id()).isEqualTo(id);
    }

    @Test
    void lxcAndNspawnNameTheirMachines() throws Exception {
        assertThat(parse("lxc-payload").container().label()).isEqualTo("web01");
        assertThat(parse("nspawn-payload").container().name()).isEqualTo("debian-test");
        assertThat(parse("docker-v2-systemd").container().name()).isNull();
        assertThat(parse("docker-v2-systemd").container().label()).isEqualTo("7d3e1c0a9b8f");
    }

    @Test
    void monitorsOnTheHostSideAreNotInTheirContainer() throws Exception {
        assertThat(parse("lxc-monitor").container()).isNull();
        assertThat(parse("nspawn-supervisor").container()).isNull();
        assertThat(parse("podman-conmon").container()).isNull();
        assertThat(parse("podman-conmon").systemdUnit()).isEqualTo("libpod-conmon-" + PODMAN_ID + ".scope");
        assertThat(parse("kubernetes-crio-conmon").container()).isNull();
    }

    @Test
    void rootlessContainersNameTheirUser() throws Exception {
        assertThat(CgroupParser.userManagerUid(Files.readString(Fixtures.path("cgroup/podman-rootless")))).isEqualTo(1000);
        assertThat(CgroupParser.userManagerUid(Files.readString(Fixtures.path("cgroup/podman-rootful")))).isEqualTo(-1);
    }

    @Test
    void systemdEscapesAreUndone() {
        assertThat(CgroupParser.unescape("debian\\x2dtest")).isEqualTo("debian-test");
        assertThat(CgroupParser.unescape("caf\\xc3\\xa9")).isEqualTo("caf\u00e9");
        assertThat(CgroupParser.unescape("bad\\xzz")).isEqualTo("bad\\xzz");
        assertThat(CgroupParser.containerOf("/machine.slice/machine-qemu\\x2d1\\x2dvm.scope")).isNull();
    }
}
