package dev.portscope.cli;

import dev.portscope.analysis.probe.ConnectScanner;
import dev.portscope.analysis.probe.HostNames;
import dev.portscope.analysis.probe.PortCheck;
import dev.portscope.analysis.probe.ProbeRunner;
import dev.portscope.analysis.probe.ScanLimits;
import dev.portscope.analysis.probe.ScanProbes;
import dev.portscope.app.Session;
import dev.portscope.render.JsonFormat;
import dev.portscope.services.ServiceTable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Whether TCP ports on hosts accept connections (as nc -z): open, closed or filtered, with the latency.",
            "--probe also names what each open port speaks. Exit status 0 when every port is open, 1 otherwise."})
final class CheckCommand implements Callable<Integer> {

    @ParentCommand
    PortscopeCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "HOST:PORT", arity = "1..*", description = "db1:5432, 10.0.0.5:22, [::1]:22.")
    List<String> targets;

    @Mixin
    ScanCommand.Limits limits;

    @Mixin
    JsonOption json;

    @Mixin
    ProbeOptions probe;

    @Override
    public Integer call() throws InterruptedException {
        ProbeRunner prober = probe.probe ? probe.runner(Session.services(parent.env().platform())) : null;
        List<HostNames.HostPort> parsed = new ArrayList<>();
        for (String t : targets) {
            try {
                parsed.add(HostNames.splitHostPort(t));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        Map<String, InetAddress> resolved = new HashMap<>();
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (HostNames.HostPort hp : parsed) {
            InetAddress address = resolved.computeIfAbsent(hp.host(), ScanCommand::resolve);
            addresses.add(new InetSocketAddress(address, hp.port()));
        }
        boolean loopback = addresses.stream().allMatch(a -> a.getAddress().isLoopbackAddress());
        ScanLimits chosen = limits.resolve(loopback);
        List<PortCheck> checks = Scanners.connectScanner(chosen, parent.env()).scan(addresses, done -> {});
        ScanProbes probes = prober == null ? ScanProbes.NONE : ScanProbes.of(checks, prober);
        ScanCommand.Limits.report(spec, json.requested(), JsonFormat.CHECK, checks, probes, true, parent.env());
        return checks.stream().allMatch(PortCheck::open) ? ExitCodes.OK : ExitCodes.NOT_FOUND;
    }
}
