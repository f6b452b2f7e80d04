package dev.portscope.platform.linux.netlink;

import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.SocketEndFeed;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;

/**
 * Opens the end feed, closes one loopback connection of its own and waits (at most 10 s) for the
 * notices of both its ends and its listener's; exits 0 when they came, 1 (saying why) otherwise. Run by
 * {@link SockDiagEndFeedLiveTest} as an unprivileged user; needs only portscope's classes.
 */
public final class EndFeedProbe {

    public static void main(String[] args) throws Exception {
        long uid = new com.sun.security.auth.module.UnixSystem().getUid();
        DiagnosticLog log = new DiagnosticLog();
        Optional<SocketEndFeed> opened = SockDiagEndFeed.open(Path.of("/proc"), log);
        if (opened.isEmpty()) {
            System.out.println("uid " + uid + ": no feed: " + log.diagnostics());
            System.exit(1);
        }
        try (SocketEndFeed feed = opened.get()) {
            var expected = new HashSet<>(OwnEnds.connectAndClose(OwnEnds.V4, 1));
            Map<OwnEnds.Tuple, ?> seen = OwnEnds.collect(feed, expected);
            if (seen.size() != expected.size()) {
                System.out.println("uid " + uid + ": noticed " + seen.keySet() + " of " + expected);
                System.exit(1);
            }
            System.out.println("uid " + uid + ": both ends and the listener noticed");
        }
    }
}
