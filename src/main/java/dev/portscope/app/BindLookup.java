package dev.portscope.app;

import dev.portscope.analysis.why.BindAnalyzer;
import dev.portscope.analysis.why.BindReport;
import dev.portscope.analysis.why.BindRequest;
import dev.portscope.analysis.why.BindVerdict;
import dev.portscope.analysis.why.OwnedSocket;
import dev.portscope.model.Diagnostic;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Protocol;
import dev.portscope.model.Snapshot;
import dev.portscope.model.Socket;
import dev.portscope.platform.BindTrial;
import dev.portscope.platform.Capability;
import dev.portscope.platform.Credentials;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.Platform;
import dev.portscope.platform.PortSettings;
import dev.portscope.query.SocketQuery;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * Can a new service bind this port? The question {@code portscope why} and the library's
 * {@code PortScope.why} and {@code freePort} share: the sockets on the port (here and in other
 * network namespaces), the kernel's settings, who binds, and optionally a real bind.
 */
public final class BindLookup {

    private BindLookup() {}

    /**
     * A bind to judge.
     *
     * @param protocol     TCP or UDP
     * @param address      the address bound; a wildcard for every address
     * @param port         the port
     * @param v6Only       for an IPv6 address, whether the service sets {@code IPV6_V6ONLY}; null for the kernel's default
     * @param reuseAddress whether it sets {@code SO_REUSEADDR}
     * @param reusePort    whether it sets {@code SO_REUSEPORT}
     * @param uid          the user it runs as; empty for the user asking
     * @param tryBind      also bind the port for real and close it at once
     * @param withOwners   find the processes holding the sockets in the way
     */
    public record Question(Protocol protocol, InetAddress address, int port, Boolean v6Only, boolean reuseAddress,
            boolean reusePort, OptionalInt uid, boolean tryBind, boolean withOwners) {

        public Question {
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(uid, "uid");
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }

        public Question atPort(int other) {
            return new Question(protocol, address, other, v6Only, reuseAddress, reusePort, uid, tryBind, withOwners);
        }
    }

    /**
     * The answer, with the sockets it was judged on.
     *
     * @param diagnostics the snapshot's, and what could not be read of other namespaces
     */
    public record Answer(BindReport report, Snapshot snapshot, List<Diagnostic> diagnostics) {

        public Answer {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    public static Answer check(Session session, Question question) {
        PortSettings settings = session.kernel().portSettings(); // a replay's: the recorded settings, or assumed ones
        BindRequest request = request(session, question, settings);
        Predicate<Socket> onPort = s -> s.protocol() == request.protocol() && s.local().port() == request.port();
        SocketQuery query = SocketQuery.all().withProtocols(EnumSet.of(request.protocol()));
        Snapshot snapshot = session.inventory().take(query, onPort, question.withOwners());
        DiagnosticLog log = new DiagnosticLog();
        List<OwnedSocket> held;
        List<OwnedSocket> foreign;
        if (snapshot.namespaces().multiple()) {
            // every namespace in one snapshot (-A): those of this one are in the way, the others are told apart
            long here = session.platform().namespaces().currentId().map(Long::parseLong).orElse(0L);
            Predicate<Socket> local = s -> s.linux() == null || s.linux().netns() == here;
            held = snapshot.sockets().stream().filter(local).map(s -> new OwnedSocket(s, snapshot.ownersOf(s))).toList();
            foreign = snapshot.sockets().stream().filter(local.negate()).map(s -> new OwnedSocket(s, snapshot.ownersOf(s))).toList();
        } else {
            held = snapshot.sockets().stream().map(s -> new OwnedSocket(s, snapshot.ownersOf(s))).toList();
            foreign = session.isReplay() ? List.of() : foreign(session, query, onPort, question.withOwners(), log);
        }
        String notTried = null;
        BindTrial trial = null;
        if (question.tryBind()) {
            if (session.isReplay()) {
                throw new IllegalArgumentException("a real bind is tried on this machine, not on a recording");
            }
            Platform platform = session.platform();
            try {
                // As the user asked about: the kernel's answer depends on who binds (privileged ports, SO_REUSEPORT groups).
                trial = question.uid().isEmpty() ? platform.trialBinder().attempt(request.attempt())
                        : platform.trialBinder().attemptAs(request.attempt(), request.uid());
            } catch (UnsupportedOperationException e) {
                notTried = "the bind could not be tried as " + request.user() + ": " + e.getMessage();
            }
        }
        BindReport report = BindAnalyzer.analyze(request, held, settings, isLocal(request.address()), foreign, trial);
        List<String> unchecked = session.isReplay() ? List.of() : uncheckedHere(session.platform(), session.backend().name());
        if (notTried != null || !unchecked.isEmpty()) {
            List<String> cautions = new ArrayList<>(report.cautions());
            if (notTried != null) {
                cautions.add(notTried);
            }
            cautions.addAll(unchecked);
            report = new BindReport(report.request(), report.settings(), report.blockers(), report.bystanders(), report.foreign(),
                    cautions, report.trial(), report.verdict(), report.nextStep());
        }
        List<Diagnostic> diagnostics = new ArrayList<>(snapshot.diagnostics());
        diagnostics.addAll(log.diagnostics());
        return new Answer(report, snapshot, diagnostics);
    }

    /**
     * The kernel's rules that need a field the backend does not fill (its capability table): said,
     * so that "free" never means "checked" where it could not be.
     */
    private static List<String> uncheckedHere(Platform platform, String backend) {
        var capabilities = platform.capabilitiesOf(backend);
        if (capabilities.isEmpty()) {
            return List.of();
        }
        List<String> unchecked = new ArrayList<>();
        var c = capabilities.get();
        if (!c.has(Capability.V6ONLY)) {
            unchecked.add("not checked here (needs IPV6_V6ONLY, which the " + backend + " backend does not report; Linux's netlink does):"
                    + " whether an IPv6 wildcard listener takes IPv4 too");
        }
        if (!c.has(Capability.BOUND_STATE)) {
            unchecked.add("not checked here (the " + backend + " backend does not list them; Linux's netlink does):"
                    + " TCP sockets bound to the port but not listening");
        }
        if (!c.has(Capability.SOCKET_UID)) {
            unchecked.add("not checked here (needs each socket's uid, which the " + backend + " backend does not report):"
                    + " whether an SO_REUSEPORT group belongs to the same user");
        }
        return unchecked;
    }

    /**
     * The first of {@code candidates} that {@link #check} would call free, judged on one snapshot of
     * the protocol's sockets (no real bind, no owners: neither changes the verdict of the analysis).
     * Sockets in other network namespaces never conflict, so they are not read.
     *
     * @param candidates ports to try, in order
     */
    public static OptionalInt firstFree(Session session, Question template, int[] candidates) {
        PortSettings settings = session.kernel().portSettings();
        SocketQuery query = SocketQuery.all().withProtocols(EnumSet.of(template.protocol()));
        Snapshot snapshot = session.inventory().take(query, s -> true, false);
        Map<Integer, List<OwnedSocket>> byPort = new HashMap<>();
        for (Socket s : snapshot.sockets()) {
            byPort.computeIfAbsent(s.local().port(), p -> new ArrayList<>()).add(new OwnedSocket(s, List.of()));
        }
        boolean local = isLocal(template.address());
        BindRequest base = request(session, template, settings);
        for (int port : candidates) {
            BindRequest request = new BindRequest(base.protocol(), base.address(), port, base.v6Only(), base.reuseAddress(),
                    base.reusePort(), base.uid(), base.user(), base.mayBindPrivileged());
            BindReport report = BindAnalyzer.analyze(request, byPort.getOrDefault(port, List.of()), settings, local, List.of(), null);
            if (report.verdict() == BindVerdict.FREE) {
                return OptionalInt.of(port);
            }
        }
        return OptionalInt.empty();
    }

    /** The analysis's request: the question with the user's name and privileges, and the kernel's IPV6_V6ONLY default. */
    static BindRequest request(Session session, Question question, PortSettings settings) {
        Credentials credentials = session.platform().credentials();
        int self = credentials.effectiveUid().orElse(-1);
        int uid;
        boolean privileged;
        if (question.uid().isEmpty()) {
            uid = self;
            privileged = self == 0 || credentials.mayBindPrivilegedPorts();
        } else {
            uid = question.uid().getAsInt();
            privileged = uid == 0 || (uid == self && credentials.mayBindPrivilegedPorts());
        }
        String user = uid < 0 ? "you" : session.inventory().userName(uid);
        boolean v6Only = question.v6Only() == null ? settings.bindV6Only() : question.v6Only();
        return new BindRequest(question.protocol(), question.address(), question.port(), v6Only, question.reuseAddress(),
                question.reusePort(), uid, user, privileged);
    }

    /** The wildcard, all of 127.0.0.0/8 and ::1, and the addresses of this machine's interfaces. */
    private static boolean isLocal(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return true; // cannot tell: let the kernel say
        }
    }

    /** Sockets on the port in other network namespaces, with their holders; {@code log} is told what could not be read. */
    private static List<OwnedSocket> foreign(Session session, SocketQuery query, Predicate<Socket> onPort, boolean withOwners,
            DiagnosticLog log) {
        List<Socket> sockets = session.platform().namespaces().otherNamespaceSockets(query, onPort, log);
        if (sockets.isEmpty() || !withOwners) {
            return sockets.stream().map(s -> new OwnedSocket(s, List.<ProcessInfo>of())).toList();
        }
        Map<Long, List<ProcessInfo>> owners = session.inventory().ownersOf(sockets, log);
        return sockets.stream().map(s -> new OwnedSocket(s, owners.getOrDefault(s.key(), List.of()))).toList();
    }
}
