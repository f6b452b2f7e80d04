package dev.portscope.cli;

import dev.portscope.query.SocketQuery;
import dev.portscope.render.ListingView;
import picocli.CommandLine.Command;

@Command(name = "listen", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "List sockets waiting for connections: TCP listeners and unconnected UDP sockets.")
final class ListenCommand extends ListingCommand {

    @Override
    ListingView view() {
        return ListingView.LISTENING;
    }

    @Override
    SocketQuery query() {
        return SocketQuery.listening();
    }
}
