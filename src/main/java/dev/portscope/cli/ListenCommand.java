package dev.portscope.cli;

import dev.portscope.query.SocketQuery;
import dev.portscope.render.ListingView;
import picocli.CommandLine.ParseResult;

final class ListenCommand extends ListingCommand {

    ListenCommand(CliEnvironment env) {
        super(env, "listen", "List sockets waiting for connections: TCP listeners and unconnected UDP sockets.");
    }

    @Override
    ListingView view() {
        return ListingView.LISTENING;
    }

    @Override
    SocketQuery query(ParseResult parsed) {
        return SocketQuery.listening();
    }
}
