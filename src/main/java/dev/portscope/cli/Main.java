package dev.portscope.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** The entry point: {@link #run} is a function of arguments, writers and environment to an exit code. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new Utf8Output(new java.io.FileOutputStream(java.io.FileDescriptor.out)), false);
        PrintWriter err = new PrintWriter(System.err, true, java.nio.charset.StandardCharsets.UTF_8);
        int code = run(args, out, err, CliEnvironment.fromSystem());
        out.flush();
        System.exit(code);
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err, CliEnvironment env) {
        CommandLine cli = new CommandLine(new PortscopeCommand(env).spec());
        Subcommands.register(cli, args, env);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, ignored) -> {
            err.println("portscope: " + e.getMessage());
            err.println("Try 'portscope --help' for more information.");
            // audit and health speak the monitoring-plugin convention, where 2 means critical: a bad option is unknown.
            return ExitCodes.usageError(e.getCommandLine().getCommand());
        });
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof UsageException || e instanceof dev.portscope.app.SetupException) {
                err.println("portscope: " + e.getMessage());
                return ExitCodes.usageError(command.getCommand());
            }
            if (e instanceof java.io.UncheckedIOException io && isBrokenPipe(io)) {
                return ExitCodes.OK; // the reader went away (| head): nothing more to say
            }
            err.println("portscope: internal error: " + e);
            e.printStackTrace(err);
            return ExitCodes.INTERNAL_ERROR;
        });
        return cli.execute(args);
    }

    private static boolean isBrokenPipe(java.io.UncheckedIOException e) {
        String message = e.getCause().getMessage();
        return message != null && message.contains("Broken pipe");
    }
}
