package dev.portscope.analysis.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.services.Service;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExpectedProtocolsTest {

    private static Optional<Service> service(String name) {
        return Optional.of(new Service(name, ""));
    }

    @Test
    void saysWhatWasExpectedAndWhatWasFound() {
        assertThat(ExpectedProtocols.mismatch(22, service("ssh"), ProtocolKind.HTTP, "python3")).contains("ssh expected on 22, got http, served by python3");
        assertThat(ExpectedProtocols.mismatch(2222, Optional.empty(), ProtocolKind.HTTP, "python3")).contains("http on 2222, served by python3");
        assertThat(ExpectedProtocols.mismatch(389, service("ldap"), ProtocolKind.HTTP, "")).contains("http on 389 (registered to ldap)");
        assertThat(ExpectedProtocols.mismatch(443, service("https"), ProtocolKind.HTTP, "nginx")).contains("tls expected on 443, got http, served by nginx");
    }

    @Test
    void agreementAndUnknownAreNoMismatch() {
        assertThat(ExpectedProtocols.mismatch(22, service("ssh"), ProtocolKind.SSH, "sshd")).isEmpty();
        assertThat(ExpectedProtocols.mismatch(8080, service("http-alt"), ProtocolKind.HTTP, "java")).isEmpty();
        assertThat(ExpectedProtocols.mismatch(443, service("https"), ProtocolKind.TLS, "nginx")).isEmpty();
        assertThat(ExpectedProtocols.mismatch(22, service("ssh"), ProtocolKind.UNKNOWN, "sshd")).isEmpty();
        assertThat(ExpectedProtocols.mismatch(40000, Optional.empty(), ProtocolKind.UNKNOWN, "x")).isEmpty();
    }
}
