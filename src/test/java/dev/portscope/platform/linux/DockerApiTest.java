package dev.portscope.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portscope.model.Container;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.testing.FakeDockerDaemon;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Docker's API asked on a Unix socket the test serves. */
@Tag("live")
class DockerApiTest {

    private static final String ID = "7d3e1c0a9b8f6e5d4c3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a2918f7e6d5c";

    @Test
    void namesAContainerAndAsksOnceARun(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("docker.sock");
        try (FakeDockerDaemon daemon = FakeDockerDaemon.answering(socket, Map.of(ID, "web"))) {
            DockerApi api = new DockerApi(socket);
            DiagnosticLog log = new DiagnosticLog();
            assertThat(api.name(Container.unnamed("docker", ID), log).name()).isEqualTo("web");
            assertThat(api.name(Container.unnamed("docker", ID), log).name()).isEqualTo("web");
            assertThat(daemon.requests()).containsExactly("GET /containers/" + ID + "/json HTTP/1.0");
            assertThat(log.diagnostics()).isEmpty();
        }
    }

    @Test
    void anUnknownContainerStaysUnnamedAndOtherRuntimesAreNotAsked(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("docker.sock");
        try (FakeDockerDaemon daemon = FakeDockerDaemon.answering(socket, Map.of())) {
            DockerApi api = new DockerApi(socket);
            DiagnosticLog log = new DiagnosticLog();
            assertThat(api.name(Container.unnamed("docker", ID), log).name()).isNull();
            assertThat(api.name(Container.unnamed("podman", ID), log).name()).isNull();
            assertThat(api.name(new Container("docker", ID, "known", null), log).name()).isEqualTo("known");
            assertThat(daemon.requests()).hasSize(1);
            assertThat(log.diagnostics()).isEmpty();
        }
    }

    @Test
    void noDaemonIsSaidOnce(@TempDir Path dir) {
        DockerApi api = new DockerApi(dir.resolve("docker.sock"));
        DiagnosticLog log = new DiagnosticLog();
        api.name(Container.unnamed("docker", ID), log);
        api.name(Container.unnamed("docker", "a".repeat(64)), log);
        assertThat(log.diagnostics()).singleElement().satisfies(d -> assertThat(d.message()).startsWith("Docker not asked: no daemon socket at"));
    }

    @Test
    void aSilentDaemonIsGivenUpOn(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("docker.sock");
        try (FakeDockerDaemon daemon = FakeDockerDaemon.silent(socket)) {
            DiagnosticLog log = new DiagnosticLog();
            long start = System.nanoTime();
            assertThat(new DockerApi(socket).name(Container.unnamed("docker", ID), log).name()).isNull();
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
            assertThat(log.diagnostics()).singleElement().satisfies(d -> assertThat(d.message()).contains("did not answer within 3 s"));
        }
    }

    @Test
    void answersThatAreNotTheApis() {
        assertThat(DockerApi.parseName(bytes("HTTP/1.1 404 Not Found\r\n\r\n{}"))).isNull();
        assertThat(DockerApi.parseName(bytes("HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n{\"Name\":\"/db\"}"))).isEqualTo("db");
        assertThatThrownBy(() -> DockerApi.parseName(bytes("SSH-2.0-OpenSSH\r\n"))).hasMessage("not an HTTP response");
        assertThatThrownBy(() -> DockerApi.parseName(bytes("HTTP/1.0 500 Internal Server Error\r\n\r\n"))).hasMessage("HTTP status 500");
        assertThatThrownBy(() -> DockerApi.parseName(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{}"))).hasMessageContaining("chunked");
        assertThatThrownBy(() -> DockerApi.parseName(bytes("HTTP/1.0 200 OK\r\n\r\n{\"Id\":\"x\"}"))).hasMessage("no \"Name\" string");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
