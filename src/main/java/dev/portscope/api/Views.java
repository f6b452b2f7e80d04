package dev.portscope.api;

import dev.portscope.analysis.audit.Finding;
import dev.portscope.analysis.who.Holding;
import dev.portscope.analysis.why.BindReport;
import dev.portscope.analysis.why.Blocker;
import dev.portscope.model.Diagnostic;
import dev.portscope.model.Endpoint;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/** Turns the internal model into the exported records: the one place that knows both. */
final class Views {

    private Views() {}

    static SocketEntry socket(Socket socket, List<ProcessInfo> owners) {
        return new SocketEntry(transport(socket.protocol()), address(socket.local()), address(socket.remote()),
                ConnectionState.valueOf(socket.state().name()), owners.stream().map(Views::owner).toList());
    }

    static Owner owner(ProcessInfo p) {
        return new Owner(p.pid(), p.name(), p.commandLine(), p.user() == null ? Integer.toString(p.uid()) : p.user());
    }

    static Transport transport(Protocol protocol) {
        return switch (protocol) {
            case TCP -> Transport.TCP;
            case UDP -> Transport.UDP;
        };
    }

    static Protocol protocol(Transport transport) {
        return switch (transport) {
            case TCP -> Protocol.TCP;
            case UDP -> Protocol.UDP;
        };
    }

    static PortUse use(Holding holding) {
        return new PortUse(PortRole.valueOf(holding.role().name()), socket(holding.socket(), holding.owners()), holding.certain());
    }

    static BindVerdict verdict(BindReport report) {
        return BindVerdict.valueOf(report.verdict().name());
    }

    /** A blocker's sockets share its owners list: each socket gets those owners that hold it. */
    static BindBlocker blocker(Blocker blocker) {
        List<SocketEntry> sockets = blocker.sockets().stream().map(s -> socket(s, blocker.owners())).toList();
        return new BindBlocker(blocker.kind().label(), blocker.explanation(), sockets, Optional.ofNullable(blocker.liftedBy()),
                blocker.certain());
    }

    static AuditFinding finding(Finding finding) {
        Severity severity = Severity.valueOf(finding.severity().name());
        Optional<SocketEntry> socket = Optional.ofNullable(finding.socket()).map(s -> socket(s, finding.processes()));
        return new AuditFinding(finding.rule().id(), severity, finding.message(), finding.rule().fix(), socket,
                finding.processes().stream().map(Views::owner).toList());
    }

    static List<String> notes(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(Diagnostic::message).toList();
    }

    static boolean complete(List<Diagnostic> diagnostics) {
        return diagnostics.stream().noneMatch(d -> d.kind().partial());
    }

    private static InetSocketAddress address(Endpoint end) {
        return new InetSocketAddress(end.address(), end.port());
    }
}
