package dev.portscope.platform.portable;

import dev.portscope.model.Protocol;
import dev.portscope.platform.BindAttempt;
import dev.portscope.platform.BindTrial;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.util.Locale;

/**
 * {@code why --try} where there are no system calls of portscope's own: a bind (and, for TCP, a
 * listen) through Java's channels, closed at once. Java reports a failure as a message, not an
 * errno, so the error is named from it ({@code EADDRINUSE}, {@code EACCES}) and the errno left 0.
 * {@code SO_REUSEPORT} is asked for where the JDK supports it (not on Windows).
 */
final class JavaTrialBind {

    private JavaTrialBind() {}

    static BindTrial attempt(BindAttempt attempt) {
        StandardProtocolFamily family = attempt.family() == dev.portscope.model.IpFamily.IPV4
                ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
        String step = "socket";
        try (NetworkChannel channel = attempt.protocol() == Protocol.TCP ? ServerSocketChannel.open(family) : DatagramChannel.open(family)) {
            step = "setsockopt";
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, attempt.reuseAddress());
            if (attempt.reusePort() && channel.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            step = "bind";
            InetSocketAddress address = new InetSocketAddress(attempt.address(), attempt.port());
            if (channel instanceof ServerSocketChannel server) {
                server.bind(address, 1); // bind and listen in one call
            } else {
                channel.bind(address);
            }
            return BindTrial.success();
        } catch (IOException | UnsupportedOperationException e) {
            return new BindTrial(false, step, 0, errorName(e));
        }
    }

    /** The errno a Java message stands for, as {@code Errno} names it on Linux. */
    static String errorName(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("already in use")) {
            return "EADDRINUSE (address already in use)";
        }
        if (lower.contains("permission denied") || lower.contains("access") && e instanceof BindException) {
            return "EACCES (permission denied)";
        }
        if (lower.contains("cannot assign requested address") || lower.contains("not valid in its context")) {
            return "EADDRNOTAVAIL (cannot assign requested address)";
        }
        return message;
    }
}
