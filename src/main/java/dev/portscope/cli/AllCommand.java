package dev.portscope.cli;

import dev.portscope.query.SocketQuery;
import dev.portscope.render.ListingView;
import picocli.CommandLine.Command;

@Command(name = "all", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "List every TCP and UDP socket, listening or not.")
final class AllCommand extends ListingCommand {

    @Override
    ListingView view() {
        return ListingView.ALL;
    }

    @Override
    SocketQuery query() {
        return SocketQuery.all();
    }
}
