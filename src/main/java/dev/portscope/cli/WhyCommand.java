package dev.portscope.cli;

import dev.portscope.app.BindLookup;
import dev.portscope.app.Session;

import dev.portscope.analysis.forward.PublishedPorts;
import dev.portscope.model.PortForward;
import dev.portscope.analysis.why.BindReport;
import dev.portscope.analysis.why.BindVerdict;
import dev.portscope.model.Diagnostic;
import dev.portscope.model.Protocol;
import dev.portscope.model.Snapshot;
import dev.portscope.query.IpLiteral;
import dev.portscope.query.PortTarget;
import dev.portscope.render.ListingContext;
import dev.portscope.render.WhyJsonWriter;
import dev.portscope.render.WhyTextWriter;
import java.net.InetAddress;
import dev.portscope.platform.DiagnosticLog;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
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
        if (source.replay == null && Session.detailsAvailable(env.platform(), source.backend)) {
            source.info = true; // netlink's details carry each IPv6 socket's IPV6_V6ONLY flag
        }
        Session session = Sessions.open(source, env);
        // The NAT tools take tens of milliseconds to answer: they run while the sockets are read.
        DiagnosticLog natLog = new DiagnosticLog();
        java.util.function.Supplier<List<PortForward>> natForwards = source.replay != null
                ? List::of : env.platform().containerNetworks().natForwardsLater(natLog);
        BindLookup.Answer answer = BindLookup.check(session, question(session, env));
        BindReport report = answer.report();
        List<Diagnostic> diagnostics = new ArrayList<>(answer.diagnostics());
        Snapshot snapshot = answer.snapshot();
        List<PortForward> published = PublishedPorts.matching(natForwards.get(), new PortTarget(report.request().port(),
                java.util.Optional.of(report.request().protocol()), java.util.Optional.of(report.request().address())));
        diagnostics.addAll(natLog.diagnostics());
        String publishedCaution = PublishedPorts.bindCaution(published);
        if (publishedCaution != null) {
            List<String> cautions = new ArrayList<>(report.cautions());
            cautions.add(publishedCaution);
            report = new BindReport(report.request(), report.settings(), report.blockers(), report.bystanders(), report.foreign(),
                    cautions, report.trial(), report.verdict(), report.nextStep());
        }
        ListingContext context = session.context(numeric.requested(), !source.noProcess).withNamespaces(snapshot.namespaces());
        var out = spec.commandLine().getOut();
        if (json.requested()) {
            new WhyJsonWriter(out, context, Version.envelope(snapshot), published).write(report, diagnostics);
        } else {
            new WhyTextWriter(out, context).write(report);
        }
        out.flush();
        Sessions.report(diagnostics, spec.commandLine().getErr());
        return report.verdict() == BindVerdict.FREE ? ExitCodes.OK : ExitCodes.NOT_FOUND;
    }

    private BindLookup.Question question(Session session, CliEnvironment env) {
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
        Boolean v6 = null; // the kernel's default, net.ipv6.bindv6only
        if (v6Only != null) {
            v6 = switch (v6Only.toLowerCase(java.util.Locale.ROOT)) {
                case "yes", "true", "1" -> true;
                case "no", "false", "0" -> false;
                default -> throw new UsageException("--v6only: expected yes or no, not '" + v6Only + "'");
            };
        }
        OptionalInt uid = asUser == null ? OptionalInt.empty() : OptionalInt.of(uidOf(asUser, env));
        return new BindLookup.Question(proto, bindAddress, target.port(), v6, reuseAddress, reusePort, uid, tryBind, !source.noProcess);
    }

    private static int uidOf(String user, CliEnvironment env) {
        if (!user.isEmpty() && user.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Integer.parseInt(user);
            } catch (NumberFormatException e) {
                throw new UsageException("--as-user: uid out of range: " + user);
            }
        }
        var credentials = env.platform().credentials();
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
}
