package dev.portscope.cli;

import dev.portscope.analysis.probe.ConnectScanner;
import dev.portscope.analysis.probe.ScanLimits;

/**
 * The one place the connect engine of scan and check is chosen: the platform's system calls where
 * it has them (no exception per refused port), NIO channels elsewhere.
 * {@code PORTSCOPE_CONNECT=nio} in the environment asks for NIO everywhere (to compare the two).
 */
final class Scanners {

    private Scanners() {}

    static ConnectScanner connectScanner(ScanLimits limits, CliEnvironment env) {
        boolean nio = "nio".equals(env.variables().get("PORTSCOPE_CONNECT"));
        return new ConnectScanner(limits, nio ? null : env.platform().connectCalls().orElse(null));
    }
}
