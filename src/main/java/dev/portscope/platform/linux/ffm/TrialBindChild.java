package dev.portscope.platform.linux.ffm;

import dev.portscope.model.Protocol;
import dev.portscope.platform.BindAttempt;
import dev.portscope.platform.BindTrial;
import java.net.InetAddress;

/**
 * The child process that tries a bind with another user's credentials (started by
 * {@code TrialBindAsUser} through {@code setpriv}): one line on standard output, {@code ok} or
 * {@code fail STEP ERRNO}.
 */
public final class TrialBindChild {

    private TrialBindChild() {}

    /** Arguments: {@code tcp|udp ADDRESS PORT V6ONLY REUSEADDR REUSEPORT}, the booleans as true/false. */
    public static void main(String[] args) {
        BindAttempt attempt = new BindAttempt(args[0].equals("tcp") ? Protocol.TCP : Protocol.UDP, InetAddress.ofLiteral(args[1]),
                Integer.parseInt(args[2]), Boolean.parseBoolean(args[3]), Boolean.parseBoolean(args[4]), Boolean.parseBoolean(args[5]));
        BindTrial trial = TrialBind.attempt(attempt);
        System.out.println(trial.succeeded() ? "ok" : "fail " + trial.step() + " " + trial.errno());
    }

    /** Reads the child's line back into a trial; null when it is not one. */
    public static BindTrial parse(String line) {
        if (line == null) {
            return null;
        }
        String[] parts = line.strip().split(" ");
        if (parts.length == 1 && parts[0].equals("ok")) {
            return BindTrial.success();
        }
        if (parts.length == 3 && parts[0].equals("fail") && parts[2].matches("\\d{1,4}")) {
            return TrialBind.failure(parts[1], Integer.parseInt(parts[2]));
        }
        return null;
    }
}
