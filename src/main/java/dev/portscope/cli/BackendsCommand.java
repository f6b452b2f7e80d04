package dev.portscope.cli;

import dev.portscope.platform.BackendCapabilities;
import dev.portscope.platform.Platform;
import dev.portscope.render.BackendsWriters;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "backends", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "The socket backends of this platform (--backend) and which fields each fills: queues, socket uid, "
                + "inode, namespace, TCP info, command line... A field a backend lacks is shown as unknown ('-', JSON null), "
                + "never as 0.")
final class BackendsCommand implements Callable<Integer> {

    @ParentCommand
    PortscopeCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        CliEnvironment env = parent.env();
        Platform platform = env.platform();
        List<BackendCapabilities> backends = platform.capabilities();
        String chosen;
        try {
            chosen = platform.backend("auto", false).name();
        } catch (IllegalArgumentException e) {
            chosen = null;
        }
        var out = spec.commandLine().getOut();
        if (json.requested()) {
            BackendsWriters.json(out, Version.envelope(env), platform.name(), chosen, backends);
        } else {
            BackendsWriters.text(out, platform.name(), chosen, backends);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
