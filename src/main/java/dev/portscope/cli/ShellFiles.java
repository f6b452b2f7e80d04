package dev.portscope.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Writes the man pages and completion scripts a package installs (scripts/package runs it):
 * {@code man1/*.1}, {@code bash-completion/portscope} and {@code zsh/_portscope} under the directory given.
 */
public final class ShellFiles {

    /** Where the package installs the bash script, which the zsh function loads. */
    static final String BASH_SCRIPT = "/usr/share/bash-completion/completions/portscope";

    private ShellFiles() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ShellFiles OUTPUT-DIRECTORY");
        }
        write(Path.of(args[0]));
    }

    static void write(Path dir) throws IOException {
        CommandLine root = CommandModel.full(CliEnvironment.fromSystem());
        Path man = Files.createDirectories(dir.resolve("man1"));
        writePage(man, root);
        for (CommandLine sub : root.getSubcommands().values()) {
            if (!sub.getCommandName().equals("help")) {
                writePage(man, sub);
            }
        }
        Path bash = Files.createDirectories(dir.resolve("bash-completion"));
        Files.writeString(bash.resolve(root.getCommandName()), CompletionScript.bash(root), StandardCharsets.UTF_8);
        Path zsh = Files.createDirectories(dir.resolve("zsh"));
        Files.writeString(zsh.resolve("_" + root.getCommandName()), CompletionScript.zsh(root, BASH_SCRIPT), StandardCharsets.UTF_8);
    }

    private static void writePage(Path man, CommandLine command) throws IOException {
        Files.writeString(man.resolve(ManPage.fileName(command)), ManPage.write(command, Version.text()), StandardCharsets.UTF_8);
    }
}
