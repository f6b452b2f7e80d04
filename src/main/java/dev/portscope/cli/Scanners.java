package dev.portscope.cli;

import dev.portscope.analysis.probe.ConnectScanner;
import dev.portscope.analysis.probe.ScanLimits;
import dev.portscope.platform.linux.ffm.LinuxConnectCalls;

/**
 * The one place the connect engine of scan and check is chosen: Linux system calls through FFM
 * where the binding works (no exception per refused port), NIO channels elsewhere.
 * {@code PORTSCOPE_CONNECT=nio} in the environment asks for NIO everywhere (to compare the two).
 */
final class Scanners {

    private Scanners() {}

    static ConnectScanner connectScanner(ScanLimits limits, CliEnvironment env) {
        boolean nio = "nio".equals(env.variables().get("PORTSCOPE_CONNECT"));
        return !nio && LinuxConnectCalls.available() ? new ConnectScanner(limits, LinuxConnectCalls::open) : new ConnectScanner(limits);
    }
}
