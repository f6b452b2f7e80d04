package dev.portscope.cli;

import dev.portscope.query.SocketQuery;
import dev.portscope.render.ListingView;
import picocli.CommandLine.ParseResult;

final class AllCommand extends ListingCommand {

    AllCommand(CliEnvironment env) {
        super(env, "all", "List every TCP and UDP socket, listening or not.");
    }

    @Override
    ListingView view() {
        return ListingView.ALL;
    }

    @Override
    SocketQuery query(ParseResult parsed) {
        return SocketQuery.all();
    }
}
