package dev.portscope.platform;

import dev.portscope.model.Diagnostic;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A system portscope cannot read sockets on yet: every capability says so instead of answering.
 * Replays still work here (they need no platform).
 */
final class UnsupportedPlatform implements Platform, KernelSettings, Namespaces, TrialBinder, Credentials, Terminal {

    private final String system;

    UnsupportedPlatform(String system) {
        this.system = system;
    }

    private String why() {
        return "portscope cannot read sockets on " + system + " yet (replay a recording with --replay)";
    }

    @Override
    public String name() {
        return "unsupported";
    }

    @Override
    public List<String> backendNames() {
        return List.of("auto");
    }

    @Override
    public Backend backend(String name, boolean details) {
        throw new IllegalArgumentException(why());
    }

    @Override
    public SocketSource recorder(OutputStream recording, java.time.Instant time) {
        throw new IllegalArgumentException(why());
    }

    @Override
    public Optional<String> hostName() {
        return Optional.empty();
    }

    @Override
    public Optional<Path> servicesFile() {
        return Optional.empty();
    }

    @Override
    public KernelSettings kernelSettings() {
        return this;
    }

    @Override
    public Namespaces namespaces() {
        return this;
    }

    @Override
    public TrialBinder trialBinder() {
        return this;
    }

    @Override
    public Optional<ConnectCalls.Opener> connectCalls() {
        return Optional.empty();
    }

    @Override
    public Credentials credentials() {
        return this;
    }

    @Override
    public Terminal terminal() {
        return this;
    }

    @Override
    public SocketCloser socketCloser() {
        return SocketCloser.unsupported(why());
    }

    @Override
    public PortSettings portSettings() {
        return PortSettings.assumedDefaults();
    }

    @Override
    public OptionalInt maxAcceptQueue() {
        return OptionalInt.empty();
    }

    @Override
    public Optional<TcpCounters> tcpCounters(java.time.Clock clock, DiagnosticLog log) {
        log.report(Diagnostic.Kind.UNAVAILABLE, "TCP counters not read: " + why());
        return Optional.empty();
    }

    @Override
    public Optional<String> bootId() {
        return Optional.empty();
    }

    @Override
    public Optional<String> currentId() {
        return Optional.empty();
    }

    @Override
    public List<dev.portscope.model.Socket> otherNamespaceSockets(
            dev.portscope.query.SocketQuery query, java.util.function.Predicate<dev.portscope.model.Socket> filter, DiagnosticLog log) {
        return List.of();
    }

    @Override
    public BindTrial attempt(BindAttempt attempt) {
        throw new UnsupportedOperationException(why());
    }

    @Override
    public BindTrial attemptAs(BindAttempt attempt, int uid) {
        return attempt(attempt);
    }

    @Override
    public OptionalInt effectiveUid() {
        return OptionalInt.empty();
    }

    @Override
    public boolean mayBindPrivilegedPorts() {
        return false;
    }

    @Override
    public OptionalInt uidOf(String userName) {
        return OptionalInt.empty();
    }

    @Override
    public String userDatabase() {
        return "the user database";
    }

    @Override
    public int columns() {
        return 0;
    }
}
