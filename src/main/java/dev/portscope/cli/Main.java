package dev.portscope.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** The entry point: {@link #run} is a function of arguments, writers and environment to an exit code. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        Utf8Output stdout = new Utf8Output(new java.io.FileOutputStream(java.io.FileDescriptor.out));
        PrintWriter out = new PrintWriter(stdout, false);
        PrintWriter err = new PrintWriter(System.err, true, java.nio.charset.StandardCharsets.UTF_8);
        int code = run(args, out, err, CliEnvironment.fromSystem());
        out.flush();
        System.exit(outputFailed(stdout.failure(), err) ? ExitCodes.OUTPUT_ERROR : code);
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err, CliEnvironment env) {
        var mistyped = args.length > 0 ? Subcommands.mistyped(args[0]) : java.util.Optional.<String>empty();
        if (mistyped.isPresent()) {
            err.println("portscope: " + mistyped.get());
            err.println("Try 'portscope --help' for the list of commands.");
            err.flush();
            return ExitCodes.USAGE;
        }
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
        cli.setExecutionStrategy(parsed -> {
            // options of the default listing given before a command would be silently dropped by it
            if (parsed.hasSubcommand() && (!parsed.matchedOptions().isEmpty() || !parsed.matchedPositionals().isEmpty())) {
                String given = parsed.matchedOptions().isEmpty() ? String.join(" ", parsed.matchedPositionals().getFirst().stringValues())
                        : parsed.matchedOptions().getFirst().longestName();
                String command = parsed.subcommand().commandSpec().name();
                err.println("portscope: '" + given + "' comes before the command '" + command + "': options and filters go after it"
                        + " (portscope " + command + " " + given + " ...)");
                err.flush();
                return ExitCodes.usageError(parsed.subcommand().commandSpec().userObject());
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        return cli.execute(args);
    }

    /**
     * A write to standard output that failed (a full disk, {@code > /dev/full}, a closed descriptor) is
     * an error: the answer did not reach its reader. A reader that went away ({@code | head}) is not.
     */
    private static boolean outputFailed(java.io.IOException failure, PrintWriter err) {
        if (failure == null || (failure.getMessage() != null && failure.getMessage().contains("Broken pipe"))) {
            return false;
        }
        err.println("portscope: cannot write to standard output: " + failure.getMessage());
        return true;
    }

    private static boolean isBrokenPipe(java.io.UncheckedIOException e) {
        String message = e.getCause().getMessage();
        return message != null && message.contains("Broken pipe");
    }
}
