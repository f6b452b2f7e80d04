package dev.portscope.platform.linux;

import dev.portscope.model.Protocol;
import dev.portscope.platform.BindAttempt;
import dev.portscope.platform.BindTrial;
import dev.portscope.platform.linux.ffm.TrialBindChild;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Tries a bind as another user: a child JVM started through util-linux's {@code setpriv} with that
 * user's uid and primary group, no supplementary groups and no capabilities (a uid change from root
 * drops them, capabilities(7)), runs {@link TrialBindChild}. Forking the JVM itself is not safe, and
 * {@code setuid} in this process would change every thread's credentials.
 */
final class TrialBindAsUser {

    private static final List<Path> SETPRIV = List.of(Path.of("/usr/bin/setpriv"), Path.of("/bin/setpriv"));
    private static final long TIMEOUT_SECONDS = 30;

    private TrialBindAsUser() {}

    /** @throws UnsupportedOperationException when the child cannot be started; says why */
    static BindTrial attempt(BindAttempt attempt, int uid, int gid) {
        Path setpriv = SETPRIV.stream().filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new UnsupportedOperationException("setpriv (util-linux) is not installed"));
        String java = ProcessHandle.current().info().command()
                .orElseThrow(() -> new UnsupportedOperationException("the path of this Java runtime is unknown"));
        List<String> command = List.of(setpriv.toString(), "--reuid=" + uid, "--regid=" + gid, "--clear-groups",
                java, "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xshare:auto", "--enable-native-access=ALL-UNNAMED",
                "-cp", ownCode(), TrialBindChild.class.getName(),
                attempt.protocol() == Protocol.TCP ? "tcp" : "udp", attempt.address().getHostAddress(), Integer.toString(attempt.port()),
                Boolean.toString(attempt.v6Only()), Boolean.toString(attempt.reuseAddress()), Boolean.toString(attempt.reusePort()));
        try {
            Process child = new ProcessBuilder(command).directory(new File("/")).redirectErrorStream(true).start();
            String line;
            try (var out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                if (!child.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                    throw new UnsupportedOperationException("the trial as uid " + uid + " did not answer within " + TIMEOUT_SECONDS + " s");
                }
                line = out.readLine();
            }
            BindTrial trial = TrialBindChild.parse(line);
            if (trial == null) {
                throw new UnsupportedOperationException("the trial as uid " + uid + " failed: " + (line == null ? "no answer" : line.strip()));
            }
            return trial;
        } catch (IOException e) {
            throw new UnsupportedOperationException("cannot start a trial as uid " + uid + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnsupportedOperationException("interrupted");
        }
    }

    /** Where portscope's own classes are (the jar, or the classes directory): the child needs nothing else. */
    private static String ownCode() {
        try {
            return Path.of(TrialBindChild.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException | NullPointerException e) {
            throw new UnsupportedOperationException("cannot locate portscope's classes: " + e.getMessage());
        }
    }
}
