package dev.portscope.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.ProcessOrigin;
import dev.portscope.testing.Fixtures;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

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
}
