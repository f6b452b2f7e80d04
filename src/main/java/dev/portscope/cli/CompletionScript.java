package dev.portscope.cli;

import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * The bash completion script (zsh loads the same through {@code bashcompinit}), written by picocli
 * from the model {@code --help} is written from: subcommands, options, the values of options with a
 * closed set (states, backends, sort keys). For {@code who}, {@code why} and {@code kill} the port is
 * completed from the ports in use right now, and their service names, asked of portscope itself.
 */
final class CompletionScript {

    /** The commands whose argument is a port on this machine. */
    static final List<String> PORT_COMMANDS = List.of("who", "why", "kill");

    private static final String PORTS_IN_USE = """
            # The ports in use on this machine and the names of their services (who, why, kill): asked of
            # the portscope being completed, listeners only and without looking up their owners, to be fast.
            function _portscope_ports_in_use() {
              command "${COMP_WORDS[0]}" listen --no-process --csv --no-header 2>/dev/null \\
                | awk -F, '{ print $3; if ($4 != "-" && $4 != "") print $4 }' | sort -u
            }

            """;

    private CompletionScript() {}

    static String bash(CommandLine root) {
        String script = AutoComplete.bash(root.getCommandName(), root);
        for (String command : PORT_COMMANDS) {
            script = completePorts(script, "_picocli_" + root.getCommandName() + "_" + command);
        }
        int complete = script.lastIndexOf("\ncomplete -F ");
        if (complete < 0) {
            throw new IllegalStateException("picocli's completion script has no 'complete -F' line");
        }
        return script.substring(0, complete + 1) + PORTS_IN_USE + script.substring(complete + 1);
    }

    /** The zsh completion function: loads the bash script with zsh's bash emulation, then completes. */
    static String zsh(CommandLine root, String bashScriptPath) {
        String name = root.getCommandName();
        return """
                #compdef %1$s
                # zsh completion for %1$s: the bash completion script, run by zsh's bashcompinit.
                autoload -U +X bashcompinit && bashcompinit
                source '%2$s'
                _bash_complete -F _complete_%1$s
                """.formatted(name, bashScriptPath);
    }

    private static String completePorts(String script, String function) {
        int start = script.indexOf("function " + function + "() {");
        int end = start < 0 ? -1 : script.indexOf("\n}\n", start);
        String empty = "local positionals=\"\"";
        int at = end < 0 ? -1 : script.indexOf(empty, start);
        if (at < 0 || at > end) {
            throw new IllegalStateException("no positional completion in " + function + " of picocli's script");
        }
        return script.substring(0, at) + "local positionals=\"$(_portscope_ports_in_use)\"" + script.substring(at + empty.length());
    }
}
