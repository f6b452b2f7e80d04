package dev.portscope.api;

import dev.portscope.analysis.audit.AuditReport;
import dev.portscope.analysis.audit.Auditor;
import dev.portscope.analysis.why.BindReport;
import dev.portscope.app.BindLookup;
import dev.portscope.app.PortLookup;
import dev.portscope.app.Session;
import dev.portscope.app.SessionSetup;
import dev.portscope.app.SetupException;
import dev.portscope.model.Protocol;
import dev.portscope.model.Snapshot;
import dev.portscope.platform.Platform;
import dev.portscope.platform.Platforms;
import dev.portscope.platform.PortSettings;
import dev.portscope.query.PortTarget;
import dev.portscope.query.SocketQuery;
import dev.portscope.query.filter.Filter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/**
 * The port inventory of this machine (or of a recording): who listens, who is connected, who holds a
 * port, whether a service could bind one, and what an audit finds. The same answers as the
 * {@code portscope} commands {@code listen}, {@code conns}, {@code who}, {@code why} and {@code audit}.
 *
 * {@snippet :
 * PortScope scope = PortScope.local();
 *
 * Listing listeners = scope.listeners();                          // portscope listen
 * Listing https = scope.connections(ConnectionQuery.filter("dport = :443"));  // portscope conns dport = :443
 * PortUsers users = scope.who(8080);                              // portscope who 8080
 * BindCheck check = scope.why(BindQuestion.tcp(8080).withReuseAddress());     // portscope why 8080 --reuse addr
 * AuditResult audit = scope.audit(AuditPolicy.defaults());        // portscope audit
 *
 * int port = scope.freePort();                                    // for a test server: bind it at once
 * }
 *
 * <p>Each call reads the kernel afresh: an instance holds no sockets. Run as root to see the owners of every socket; as another user, the processes of other
 * users are hidden and results say so ({@code complete()} false, {@code notes()}). Linux only (netlink
 * {@code sock_diag} and {@code /proc}); elsewhere {@link #local()} throws {@link PortScopeException}.
 */
public final class PortScope {

    private final Platform platform;
    private final Path recording;
    private final Clock clock;

    private PortScope(Platform platform, Path recording, Clock clock) {
        this.platform = platform;
        this.recording = recording;
        this.clock = clock;
    }

    /**
     * This machine.
     *
     * @throws PortScopeException when this is not a platform portscope can read (Linux with procfs mounted)
     */
    public static PortScope local() {
        PortScope scope = new PortScope(Platforms.live(), null, Clock.systemUTC());
        scope.open(false); // says now, not at the first question, that this machine cannot be read
        return scope;
    }

    /**
     * A recording made by {@code portscope record} (or iproute2's {@code TCPDIAG_FILE} dumps): its
     * sockets, without owners, at the moment it was made. For tests that need a fixed table.
     *
     * @throws PortScopeException when the file cannot be read as a recording
     */
    public static PortScope replay(Path recording) {
        Objects.requireNonNull(recording, "recording");
        PortScope scope = new PortScope(Platforms.live(), recording, Clock.systemUTC());
        scope.open(false);
        return scope;
    }

    /** Sockets waiting for connections, by port: TCP listeners and unconnected UDP sockets, with their owners. */
    public Listing listeners() {
        return list(SocketQuery.listening(), "");
    }

    /**
     * Connections: every TCP socket that is not listening and every connected UDP socket that the
     * query selects, with their owners.
     *
     * @throws IllegalArgumentException when the query's filter is not valid; the message names the column
     */
    public Listing connections(ConnectionQuery query) {
        EnumSet<Protocol> protocols = EnumSet.noneOf(Protocol.class);
        query.transports().forEach(t -> protocols.add(Views.protocol(t)));
        return list(SocketQuery.connections().withProtocols(protocols), query.filter());
    }

    /** Everything holding a TCP or UDP port on any address: {@code who(port)} is {@code portscope who PORT}. */
    public PortUsers who(int port) {
        checkPort(port);
        return who(new PortTarget(port, Optional.empty(), Optional.empty()));
    }

    /**
     * Everything holding a port named as {@code portscope who} takes it: {@code 8080}, {@code 8080/udp},
     * {@code 127.0.0.1:8080}, {@code [::1]:8080} or a service name ({@code ssh}).
     *
     * @throws IllegalArgumentException when the text names no port
     */
    public PortUsers who(String port) {
        Session session = open(false);
        return who(session, PortTarget.parse(port, session.services()));
    }

    /** Can a service bind {@code port} over TCP on every IPv4 address? */
    public BindCheck why(int port) {
        return why(BindQuestion.tcp(port));
    }

    /** Can this bind succeed, as the user running this program; if not, what is in the way and what to do. */
    public BindCheck why(BindQuestion question) {
        BindLookup.Answer answer = BindLookup.check(open(true), lookupQuestion(question, true));
        BindReport report = answer.report();
        return new BindCheck(question, Views.verdict(report),
                report.blockers().stream().map(Views::blocker).toList(), report.cautions(), report.nextStep(),
                Views.notes(answer.diagnostics()), Views.complete(answer.diagnostics()));
    }

    /** True when {@link #why(BindQuestion)} would find the bind free. */
    public boolean isFree(BindQuestion question) {
        return Views.verdict(BindLookup.check(open(true), lookupQuestion(question, false)).report()) == BindVerdict.FREE;
    }

    /** True when a TCP bind of {@code port} on every IPv4 address would succeed. */
    public boolean isFree(int port) {
        return isFree(BindQuestion.tcp(port));
    }

    /** A port free for a TCP bind on every IPv4 address: see {@link #freePort(Transport, InetAddress)}. */
    public int freePort() {
        return freePort(Transport.TCP, Wildcards.IPV4);
    }

    /**
     * A port that a bind of this transport on this address would get, that the kernel does not hand to
     * clients (outside {@code ip_local_port_range}, not in {@code ip_local_reserved_ports}) and that needs
     * no privilege (from {@code ip_unprivileged_port_start}, and never below 1024): checked as
     * {@link #why(BindQuestion)} checks, on one reading of the kernel's sockets. The search starts at a
     * random port, so that programs asking at once rarely get the same one; the port is free when this
     * returns, so bind it at once.
     *
     * @throws PortScopeException when no port is free
     */
    public int freePort(Transport transport, InetAddress address) {
        Session session = open(false);
        PortSettings settings = session.kernel().portSettings();
        int[] candidates = candidates(settings);
        if (candidates.length > 0) {
            int start = ThreadLocalRandom.current().nextInt(candidates.length);
            int[] rotated = new int[candidates.length];
            for (int i = 0; i < candidates.length; i++) {
                rotated[i] = candidates[(start + i) % candidates.length];
            }
            candidates = rotated;
        }
        BindQuestion question = new BindQuestion(transport, address, 1, false, false, Optional.empty());
        OptionalInt found = BindLookup.firstFree(session, lookupQuestion(question, false), candidates);
        return found.orElseThrow(() -> new PortScopeException("no free " + transport.name().toLowerCase(Locale.ROOT)
                + " port on " + address.getHostAddress() + " outside the ephemeral range and the reserved ports", null));
    }

    /** Checks the listeners (and connections) against the default rules and the policy, as {@code portscope audit --policy}. */
    public AuditResult audit(AuditPolicy policy) {
        Session session = open(false);
        Snapshot snapshot = session.inventory().take(SocketQuery.all(), s -> true, true);
        AuditReport report = Auditor.audit(snapshot, policy.rules(), Optional.empty());
        return new AuditResult(report.findings().stream().map(Views::finding).toList(), Views.notes(report.diagnostics()),
                !report.partial());
    }

    private Listing list(SocketQuery base, String filterText) {
        Session session = open(false);
        Filter filter = Filter.parse(filterText, session.services()); // FilterSyntaxException is an IllegalArgumentException
        SocketQuery query = base.narrowedToStates(filter.possibleStates());
        Snapshot snapshot = session.inventory().take(query, filter, true);
        List<SocketEntry> sockets = snapshot.sockets().stream()
                .map(s -> Views.socket(s, snapshot.ownersOf(s)))
                .sorted(Comparator.comparingInt((SocketEntry s) -> s.local().getPort())
                        .thenComparing(SocketEntry::transport)
                        .thenComparing(s -> s.local().getAddress().getHostAddress()))
                .toList();
        return new Listing(sockets, Views.notes(snapshot.diagnostics()), Views.complete(snapshot.diagnostics()));
    }

    private PortUsers who(PortTarget target) {
        return who(open(false), target);
    }

    private static PortUsers who(Session session, PortTarget target) {
        PortLookup.Answer answer = PortLookup.lookup(session, target, true);
        var diagnostics = answer.snapshot().diagnostics();
        return new PortUsers(target.port(), answer.report().holdings().stream().map(Views::use).toList(),
                Views.notes(diagnostics), Views.complete(diagnostics));
    }

    private static BindLookup.Question lookupQuestion(BindQuestion q, boolean withOwners) {
        return new BindLookup.Question(Views.protocol(q.transport()), q.address(), q.port(), q.v6Only().orElse(null),
                q.reuseAddress(), q.reusePort(), OptionalInt.empty(), false, withOwners);
    }

    /** Ports outside the ephemeral range and the reserved ports, from the first unprivileged one (at least 1024). */
    private static int[] candidates(PortSettings settings) {
        int first = Math.max(1024, settings.unprivilegedPortStart());
        return IntStream.rangeClosed(first, 65_535)
                .filter(p -> !settings.isEphemeral(p) && !settings.isReserved(p))
                .toArray();
    }

    private static void checkPort(int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port out of range 1-65535: " + port);
        }
    }

    /**
     * A session for one question. {@code details}: netlink's TCP details, which carry each IPv6
     * socket's {@code IPV6_V6ONLY} flag that a bind's verdict may hang on.
     */
    private Session open(boolean details) {
        try {
            return Session.open(platform, new SessionSetup("auto", recording, details), clock);
        } catch (SetupException e) {
            throw new PortScopeException(e.getMessage(), e);
        }
    }
}
