package dev.portscope.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.Container;
import dev.portscope.model.Diagnostic;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerNamesTest {

    private static final String DOCKER_ID = "7d3e1c0a9b8f6e5d4c3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a2918f7e6d5c";
    private static final String TRUNCATED_DOCKER_ID = "0b1c2d3e4f5061728394a5b6c7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f90";
    private static final String POD_CONTAINER_ID = "3f9a8b7c6d5e4f30211a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70";
    private static final String SANDBOX_ID = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809";
    private static final String PODMAN_ID = "5e8f2a1b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7";
    private static final String CRIO_ID = "9c8b7a695847362514a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1";

    private final Path root = Fixtures.path("container-state");
    private final ContainerNames names = new ContainerNames(root, root.resolve("etc/passwd"));

    @Test
    void dockerFromConfigV2() {
        Container web = names.name(Container.unnamed("docker", DOCKER_ID), -1);
        assertThat(web.name()).isEqualTo("web");
        assertThat(web.label()).isEqualTo("web");
        assertThat(web.pod()).isNull();
    }

    @Test
    void containerdUnderKubernetesFromItsBundleAnnotations() {
        Container nginx = names.name(Container.unnamed("containerd", POD_CONTAINER_ID), -1);
        assertThat(nginx).isEqualTo(new Container("containerd", POD_CONTAINER_ID, "nginx", "shop/frontend-7d9c5b8f4-x2kqp"));
        Container sandbox = names.name(Container.unnamed("containerd", SANDBOX_ID), -1);
        assertThat(sandbox.name()).as("the pause container is named after its pod").isEqualTo("frontend-7d9c5b8f4-x2kqp");
        assertThat(sandbox.pod()).isEqualTo("shop/frontend-7d9c5b8f4-x2kqp");
    }

    @Test
    void crioFromItsUserdataConfig() {
        Container redis = names.name(Container.unnamed("cri-o", CRIO_ID), -1);
        assertThat(redis).isEqualTo(new Container("cri-o", CRIO_ID, "redis", "shop/cache-0"));
    }

    @Test
    void kubernetesWithoutARuntimeInItsCgroupIsLookedForInEither() {
        assertThat(names.name(Container.unnamed("kubernetes", POD_CONTAINER_ID), -1))
                .isEqualTo(new Container("containerd", POD_CONTAINER_ID, "nginx", "shop/frontend-7d9c5b8f4-x2kqp"));
        assertThat(names.name(Container.unnamed("kubernetes", CRIO_ID), -1).runtime()).isEqualTo("cri-o");
    }

    @Test
    void podmanRootfulAndRootlessFromTheirStorage() {
        assertThat(names.name(Container.unnamed("podman", PODMAN_ID), -1).name()).isEqualTo("db");
        assertThat(names.name(Container.unnamed("podman", PODMAN_ID), 1000).name()).as("alice's own storage").isEqualTo("cache");
        assertThat(names.name(Container.unnamed("podman", PODMAN_ID), 4242).name()).as("a uid without a home").isNull();
    }

    @Test
    void unknownContainersKeepTheirIds() {
        String unknown = "f".repeat(64);
        Container c = names.name(Container.unnamed("docker", unknown), -1);
        assertThat(c.name()).isNull();
        assertThat(c.label()).isEqualTo("ffffffffffff");
        DiagnosticLog log = new DiagnosticLog();
        names.reportTo(log);
        assertThat(log.diagnostics()).as("a container without state is not a problem").isEmpty();
    }

    @Test
    void aMalformedFileLeavesTheNameUnknownWithANoteSaidOnce() {
        Container c = names.name(Container.unnamed("docker", TRUNCATED_DOCKER_ID), -1);
        names.name(Container.unnamed("docker", TRUNCATED_DOCKER_ID), -1);
        assertThat(c.name()).isNull();
        DiagnosticLog log = new DiagnosticLog();
        names.reportTo(log);
        assertThat(log.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Diagnostic.Kind.NOTE);
            assertThat(d.message()).contains(TRUNCATED_DOCKER_ID + "/config.v2.json is malformed");
        });
    }

    @Test
    void aLinkOutOfTheStateRootIsNotFollowed(@TempDir Path temp) throws Exception {
        Path state = Files.createDirectories(temp.resolve("state"));
        Path outside = Files.writeString(temp.resolve("secret.json"), "{\"Name\":\"/leaked\"}");
        Path dir = Files.createDirectories(state.resolve("var/lib/docker/containers/" + DOCKER_ID));
        Files.createSymbolicLink(dir.resolve("config.v2.json"), outside);
        ContainerNames linked = new ContainerNames(state, root.resolve("etc/passwd"));
        assertThat(linked.name(Container.unnamed("docker", DOCKER_ID), -1).name()).isNull();
        DiagnosticLog log = new DiagnosticLog();
        linked.reportTo(log);
        assertThat(log.diagnostics()).singleElement().satisfies(d -> assertThat(d.message()).contains("leads out of"));
    }

    @Test
    void aFileOverTheCapIsNotRead(@TempDir Path temp) throws Exception {
        Path dir = Files.createDirectories(temp.resolve("var/lib/docker/containers/" + DOCKER_ID));
        Files.write(dir.resolve("config.v2.json"), new byte[(4 << 20) + 1]);
        ContainerNames big = new ContainerNames(temp, root.resolve("etc/passwd"));
        assertThat(big.name(Container.unnamed("docker", DOCKER_ID), -1).name()).isNull();
        DiagnosticLog log = new DiagnosticLog();
        big.reportTo(log);
        assertThat(log.diagnostics()).singleElement().satisfies(d -> assertThat(d.message()).contains("larger than"));
    }

    @Test
    void eachFileIsReadOnceARun(@TempDir Path temp) throws Exception {
        Path dir = Files.createDirectories(temp.resolve("var/lib/docker/containers/" + DOCKER_ID));
        Files.writeString(dir.resolve("config.v2.json"), "{\"Name\":\"/first\"}");
        ContainerNames cached = new ContainerNames(temp, root.resolve("etc/passwd"));
        assertThat(cached.name(Container.unnamed("docker", DOCKER_ID), -1).name()).isEqualTo("first");
        Files.writeString(dir.resolve("config.v2.json"), "{\"Name\":\"/second\"}");
        assertThat(cached.name(Container.unnamed("docker", DOCKER_ID), -1).name()).isEqualTo("first");
    }

    @Test
    void idsThatAreNotTheRuntimesNeverReachAPath() {
        assertThat(names.name(Container.unnamed("docker", "../../../etc"), -1).name()).isNull();
    }
}
