package dev.portscope.analysis.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real servers on loopback, started by the test, identified by their replies. */
@Tag("live")
class ProtocolProberTest {

    private static final ProtocolProber PROBER = new ProtocolProber(Duration.ofMillis(500));
    /** A bound far above six timeouts: the prober must never hang on a server that does not answer. */
    private static final Duration LIMIT = Duration.ofSeconds(30);

    private static Detection detect(InetSocketAddress a) {
        return assertTimeoutPreemptively(LIMIT, () -> PROBER.detect(a));
    }

    @Test
    void bannersOfSshAndSmtp() throws Exception {
        try (var servers = new ProbeServers()) {
            Detection ssh = detect(servers.banner("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n"));
            assertThat(ssh.protocol()).isEqualTo(ProtocolKind.SSH);
            assertThat(ssh.evidence()).isEqualTo("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3");
            Detection smtp = detect(servers.banner("220 mail.example.org ESMTP Postfix (Debian/GNU)\r\n"));
            assertThat(smtp.protocol()).isEqualTo(ProtocolKind.SMTP);
            assertThat(smtp.tls()).isEmpty();
        }
    }

    @Test
    void httpServerOfTheJdk() throws Exception {
        try (var servers = new ProbeServers()) {
            Detection http = detect(servers.http());
            assertThat(http.protocol()).isEqualTo(ProtocolKind.HTTP);
            assertThat(http.evidence()).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void tlsWithASelfSignedCertificateIsReadBack(@TempDir Path dir) throws Exception {
        Path keystore = ProbeServers.selfSigned(dir, "CN=portscope-test.invalid, O=Portscope Tests");
        X509Certificate cert = ProbeServers.certificate(keystore);
        try (var servers = new ProbeServers()) {
            Detection tls = detect(servers.tls(keystore, "changeit".toCharArray()));
            assertThat(tls.protocol()).isEqualTo(ProtocolKind.TLS);
            TlsInfo info = tls.tls().orElseThrow();
            assertThat(info.subject()).isEqualTo("CN=portscope-test.invalid,O=Portscope Tests");
            assertThat(info.issuer()).isEqualTo(info.subject()); // self-signed
            assertThat(info.notAfter()).isEqualTo(cert.getNotAfter().toInstant());
            assertThat(info.version()).startsWith("TLSv1.");
        }
    }

    @Test
    void silentServersAreUnknownWithinTheTimeout() throws Exception {
        try (var servers = new ProbeServers()) {
            Detection mute = detect(servers.mute());
            assertThat(mute.protocol()).isEqualTo(ProtocolKind.UNKNOWN);
            assertThat(mute.evidence()).isEqualTo("no reply to any probe within 500 ms");
            Detection never = detect(servers.neverAccepts());
            assertThat(never.protocol()).isEqualTo(ProtocolKind.UNKNOWN);
            Detection strange = detect(servers.banner("hello, stranger\r\n"));
            assertThat(strange.protocol()).isEqualTo(ProtocolKind.UNKNOWN);
            assertThat(strange.evidence()).isEqualTo("unrecognised banner: hello, stranger");
        }
    }

    @Test
    void aDnsServerOnAnyUdpPortAnswersTheDnsProbe() throws Exception {
        DnsProber dns = new DnsProber(Duration.ofMillis(500));
        try (var servers = new ProbeServers()) {
            Detection found = assertTimeoutPreemptively(LIMIT, () -> dns.detect(servers.dns("9.18.28-portscope-test")));
            assertThat(found.protocol()).isEqualTo(ProtocolKind.DNS);
            assertThat(found.evidence()).isEqualTo("version.bind CH TXT answered NOERROR \"9.18.28-portscope-test\"");
            Detection echo = assertTimeoutPreemptively(LIMIT, () -> dns.detect(servers.udpEcho()));
            assertThat(echo.protocol()).isEqualTo(ProtocolKind.UNKNOWN);
            assertThat(echo.evidence()).isEqualTo("no DNS answer within 500 ms");
        }
    }

    /**
     * A DNS server on TCP answers nothing but a length-prefixed DNS message; on a port registered to
     * nothing it is found by the last probe, on one registered to DNS by the first, before any wait.
     */
    @Test
    void aDnsServerOverTcpAnswersTheLengthPrefixedQuery() throws Exception {
        try (var servers = new ProbeServers()) {
            InetSocketAddress dns = servers.dnsOverTcp("9.18.28-portscope-test");
            Detection found = detect(dns);
            assertThat(found.protocol()).isEqualTo(ProtocolKind.DNS);
            assertThat(found.evidence()).isEqualTo("version.bind CH TXT answered NOERROR \"9.18.28-portscope-test\"");

            long start = System.nanoTime();
            Detection expected = assertTimeoutPreemptively(LIMIT, () -> PROBER.detect(dns, java.util.Optional.of(ProtocolKind.DNS)));
            assertThat(expected.protocol()).isEqualTo(ProtocolKind.DNS);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("asked first, no banner wait").isLessThan(Duration.ofMillis(500));
        }
    }
}
