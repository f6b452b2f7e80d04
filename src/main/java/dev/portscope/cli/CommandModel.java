package dev.portscope.cli;

import picocli.CommandLine;

/** The whole command tree, every subcommand registered: what man pages and completion scripts are made from. */
public final class CommandModel {

    private CommandModel() {}

    public static CommandLine full(CliEnvironment env) {
        CommandLine cli = new CommandLine(new PortscopeCommand(env).spec());
        Subcommands.registerAll(cli, env);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }
}
