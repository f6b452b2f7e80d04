package dev.portscope.cli;

import dev.portscope.app.Session;

import dev.portscope.analysis.why.BindAnalyzer;
import dev.portscope.analysis.why.BindReport;
import dev.portscope.analysis.why.BindRequest;
import dev.portscope.platform.BindTrial;
import dev.portscope.analysis.why.BindVerdict;
import dev.portscope.analysis.why.OwnedSocket;
import dev.portscope.platform.PortSettings;
import dev.portscope.model.Diagnostic;
import dev.portscope.model.Protocol;
import dev.portscope.model.Snapshot;
import dev.portscope.model.Socket;
import dev.portscope.query.IpLiteral;
import dev.portscope.query.PortTarget;
import dev.portscope.query.SocketQuery;
import dev.portscope.render.ListingContext;
import dev.portscope.render.WhyJsonWriter;
import dev.portscope.render.WhyTextWriter;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.Credentials;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "why", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Can a new service bind this port? Every blocker with its evidence and owner, a verdict and a next step.",
            "Exit status 0 when the bind would succeed, 1 when it is blocked or depends on options the kernel does not report."})
final class WhyCommand implements Callable<Integer> {

    @ParentCommand
    PortscopeCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PORT", description = "8080, 8080/udp, 127.0.0.1:8080, [::]:8080 or a service name.")
    String port;

    @Option(names = "--addr", paramLabel = "ADDR", description = "The address the service binds (default: 0.0.0.0, every IPv4 address; :: for IPv6).")
    String address;

    @Option(names = "--proto", paramLabel = "PROTO", description = "tcp (default) or udp.")
    String protocol;

    @Option(names = "--as-user", paramLabel = "USER", description = "The user the service runs as, by name or uid (default: you).")
    String asUser;

    @Option(names = "--reuse", paramLabel = "OPTION", split = ",",
            description = "Socket options the service sets: addr (SO_REUSEADDR), port (SO_REUSEPORT).")
    List<String> reuse = List.of();

    @Option(names = "--v6only", paramLabel = "yes|no",
            description = "For an IPv6 bind, whether the service sets IPV6_V6ONLY (default: net.ipv6.bindv6only).")
    String v6Only;

    @Option(names = "--try", description = "Also bind the port for real (and close it at once) and report the kernel's errno.")
    boolean tryBind;

    @Mixin
    JsonOption json;

    @Mixin
    NumericOption numeric;

    @Mixin
    SourceOptions source;

    @Override
    public Integer call() {
        CliEnvironment env = parent.env();
        if (tryBind && source.replay != null) {
            throw new UsageException("--try binds on this machine; it cannot be used with --replay");
        }
        if (source.namespaces.namespace != null) {
            throw new UsageException("why asks about a bind in this network namespace: -A shows the port in every other one too");
        }
        if (!"proc".equals(source.backend) && source.replay == null) {
            source.info = true; // netlink's details carry each IPv6 socket's IPV6_V6ONLY flag
        }
        Session session = Sessions.open(source, env);
        PortSettings settings = session.kernel().portSettings(); // a replay's: the recorded settings, or assumed ones
        BindRequest request = request(session, env, settings);
        Predicate<Socket> onPort = s -> s.protocol() == request.protocol() && s.local().port() == request.port();
        SocketQuery query = SocketQuery.all().withProtocols(EnumSet.of(request.protocol()));
        Snapshot snapshot = session.inventory().take(query, onPort, !source.noProcess);
        DiagnosticLog log = new DiagnosticLog();
        List<OwnedSocket> held;
        List<OwnedSocket> foreign;
        if (source.namespaces.all) {
            // every namespace in one snapshot: those of this one are in the way, the others are told apart
            long here = env.platform().namespaces().currentId().map(Long::parseLong).orElse(0L);
            Predicate<Socket> local = s -> s.linux() == null || s.linux().netns() == here;
            held = snapshot.sockets().stream().filter(local).map(s -> new OwnedSocket(s, snapshot.ownersOf(s))).toList();
            foreign = snapshot.sockets().stream().filter(local.negate()).map(s -> new OwnedSocket(s, snapshot.ownersOf(s))).toList();
        } else {
            held = snapshot.sockets().stream().map(s -> new OwnedSocket(s, snapshot.ownersOf(s))).toList();
            foreign = source.replay != null ? List.of() : foreign(session, env, query, onPort, log);
        }
        String notTried = null;
        BindTrial trial = null;
        if (tryBind) {
            try {
                // As the user asked about: the kernel's answer depends on who binds (privileged ports, SO_REUSEPORT groups).
                trial = asUser == null ? env.platform().trialBinder().attempt(request.attempt())
                        : env.platform().trialBinder().attemptAs(request.attempt(), request.uid());
            } catch (UnsupportedOperationException e) {
                notTried = "the bind could not be tried as " + request.user() + ": " + e.getMessage();
            }
        }
        BindReport report = BindAnalyzer.analyze(request, held, settings, isLocal(request.address()), foreign, trial);
        if (notTried != null) {
            List<String> cautions = new ArrayList<>(report.cautions());
            cautions.add(notTried);
            report = new BindReport(report.request(), report.settings(), report.blockers(), report.bystanders(), report.foreign(),
                    cautions, report.trial(), report.verdict(), report.nextStep());
        }
        ListingContext context = session.context(numeric.requested(), !source.noProcess).withNamespaces(snapshot.namespaces());
        List<Diagnostic> diagnostics = new ArrayList<>(snapshot.diagnostics());
        diagnostics.addAll(log.diagnostics());
        var out = spec.commandLine().getOut();
        if (json.requested()) {
            new WhyJsonWriter(out, context, Version.envelope(snapshot)).write(report, diagnostics);
        } else {
            new WhyTextWriter(out, context).write(report);
        }
        out.flush();
        Sessions.report(diagnostics, spec.commandLine().getErr());
        return report.verdict() == BindVerdict.FREE ? ExitCodes.OK : ExitCodes.NOT_FOUND;
    }

    private BindRequest request(Session session, CliEnvironment env, PortSettings settings) {
        PortTarget target;
        try {
            target = PortTarget.parse(port, session.services());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Protocol proto = target.protocol().orElse(Protocol.TCP);
        if (protocol != null) {
            proto = switch (protocol.toLowerCase(java.util.Locale.ROOT)) {
                case "tcp" -> Protocol.TCP;
                case "udp" -> Protocol.UDP;
                default -> throw new UsageException("--proto: unknown protocol '" + protocol + "' (expected tcp or udp)");
            };
            if (target.protocol().isPresent() && target.protocol().get() != proto) {
                throw new UsageException("'" + port + "' and --proto " + protocol + " name different protocols");
            }
        }
        InetAddress bindAddress = target.address().orElse(null);
        if (address != null) {
            InetAddress given = literal(address);
            if (bindAddress != null && !bindAddress.equals(given)) {
                throw new UsageException("'" + port + "' and --addr " + address + " name different addresses");
            }
            bindAddress = given;
        }
        if (bindAddress == null) {
            bindAddress = literal("0.0.0.0");
        }
        boolean reuseAddress = false;
        boolean reusePort = false;
        for (String option : reuse) {
            switch (option.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "addr", "address", "so_reuseaddr" -> reuseAddress = true;
                case "port", "so_reuseport" -> reusePort = true;
                default -> throw new UsageException("--reuse: unknown option '" + option + "' (expected addr or port)");
            }
        }
        boolean v6 = settings.bindV6Only();
        if (v6Only != null) {
            v6 = switch (v6Only.toLowerCase(java.util.Locale.ROOT)) {
                case "yes", "true", "1" -> true;
                case "no", "false", "0" -> false;
                default -> throw new UsageException("--v6only: expected yes or no, not '" + v6Only + "'");
            };
        }
        Credentials credentials = env.platform().credentials();
        int self = credentials.effectiveUid().orElse(-1);
        int uid;
        boolean privileged;
        if (asUser == null) {
            uid = self;
            privileged = self == 0 || credentials.mayBindPrivilegedPorts();
        } else {
            uid = uidOf(asUser, env);
            privileged = uid == 0 || (uid == self && credentials.mayBindPrivilegedPorts());
        }
        String user = uid < 0 ? "you" : session.inventory().userName(uid);
        return new BindRequest(proto, bindAddress, target.port(), v6, reuseAddress, reusePort, uid, user, privileged);
    }

    private static int uidOf(String user, CliEnvironment env) {
        if (!user.isEmpty() && user.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Integer.parseInt(user);
            } catch (NumberFormatException e) {
                throw new UsageException("--as-user: uid out of range: " + user);
            }
        }
        Credentials credentials = env.platform().credentials();
        return credentials.uidOf(user)
                .orElseThrow(() -> new UsageException("--as-user: no user '" + user + "' in " + credentials.userDatabase()));
    }

    private static InetAddress literal(String text) {
        try {
            return IpLiteral.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--addr: " + e.getMessage());
        }
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
    private List<OwnedSocket> foreign(Session session, CliEnvironment env, SocketQuery query, Predicate<Socket> onPort, DiagnosticLog log) {
        List<Socket> sockets = env.platform().namespaces().otherNamespaceSockets(query, onPort, log);
        if (sockets.isEmpty() || source.noProcess) {
            return sockets.stream().map(s -> new OwnedSocket(s, List.<dev.portscope.model.ProcessInfo>of())).toList();
        }
        Map<Long, List<dev.portscope.model.ProcessInfo>> owners = session.inventory().ownersOf(sockets, log);
        return sockets.stream().map(s -> new OwnedSocket(s, owners.getOrDefault(s.key(), List.of()))).toList();
    }
}
