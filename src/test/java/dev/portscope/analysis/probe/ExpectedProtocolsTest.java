package dev.portscope.analysis.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.services.Service;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExpectedProtocolsTest {

    private static Optional<Service> service(String name) {
        return Optional.of(new Service(name, ""));
    }

    private static PortFit mismatch(String words) {
        return new PortFit(PortFit.Kind.MISMATCH, words);
    }

    private static PortFit note(String words) {
        return new PortFit(PortFit.Kind.NON_STANDARD_PORT, words);
    }

    @Test
    void aKnownProtocolOnAPortRegisteredToAnotherKnownProtocolIsAMismatch() {
        assertThat(ExpectedProtocols.fit(22, service("ssh"), ProtocolKind.HTTP, "python3")).isEqualTo(mismatch("ssh expected on 22, got http, served by python3"));
        assertThat(ExpectedProtocols.fit(443, service("https"), ProtocolKind.SSH, "sshd")).isEqualTo(mismatch("tls expected on 443, got ssh, served by sshd"));
        assertThat(ExpectedProtocols.fit(443, service("https"), ProtocolKind.HTTP, "nginx")).isEqualTo(mismatch("tls expected on 443, got http, served by nginx"));
        assertThat(ExpectedProtocols.fit(6379, service("redis"), ProtocolKind.HTTP, "")).isEqualTo(mismatch("redis expected on 6379, got http"));
    }

    /** trust #17: sshd on 2222, PostgreSQL on 15432, Redis on 16379 are where their owners put them, not impostors. */
    @Test
    void aKnownProtocolOnAnUnregisteredPortIsOnANonStandardPortNotAMismatch() {
        assertThat(ExpectedProtocols.fit(2222, Optional.empty(), ProtocolKind.SSH, "sshd")).isEqualTo(note("ssh on 2222, not its usual port 22, served by sshd"));
        assertThat(ExpectedProtocols.fit(15432, Optional.empty(), ProtocolKind.POSTGRESQL, "postgres"))
                .isEqualTo(note("postgresql on 15432, not its usual port 5432, served by postgres"));
        assertThat(ExpectedProtocols.fit(16379, Optional.empty(), ProtocolKind.REDIS, "redis-server"))
                .isEqualTo(note("redis on 16379, not its usual port 6379, served by redis-server"));
        // registered to a service whose protocol the probes cannot recognise: no contradiction can be shown
        assertThat(ExpectedProtocols.fit(389, service("ldap"), ProtocolKind.HTTP, "")).isEqualTo(note("http on 389 (registered to ldap), not its usual port 80"));
    }

    @Test
    void agreementAndUnknownAreNoMismatch() {
        assertThat(ExpectedProtocols.fit(22, service("ssh"), ProtocolKind.SSH, "sshd")).isEqualTo(PortFit.AGREES);
        assertThat(ExpectedProtocols.fit(8080, service("http-alt"), ProtocolKind.HTTP, "java")).isEqualTo(PortFit.AGREES);
        assertThat(ExpectedProtocols.fit(443, service("https"), ProtocolKind.TLS, "nginx")).isEqualTo(PortFit.AGREES);
        assertThat(ExpectedProtocols.fit(22, service("ssh"), ProtocolKind.UNKNOWN, "sshd")).isEqualTo(PortFit.UNDECIDED);
        assertThat(ExpectedProtocols.fit(40000, Optional.empty(), ProtocolKind.UNKNOWN, "x")).isEqualTo(PortFit.UNDECIDED);
    }
}
