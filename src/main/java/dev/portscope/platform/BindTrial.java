package dev.portscope.platform;

/**
 * The outcome of really binding the port ({@code --try}): the socket is closed at once.
 *
 * @param succeeded whether {@code bind} (and, for TCP, {@code listen}) succeeded
 * @param step      the call that failed ({@code socket}, {@code setsockopt}, {@code bind}, {@code listen}), null on success
 * @param errno     the error number, 0 on success
 * @param error     the errno's name and meaning ({@code EADDRINUSE (address already in use)}), null on success
 */
public record BindTrial(boolean succeeded, String step, int errno, String error) {

    public static BindTrial success() {
        return new BindTrial(true, null, 0, null);
    }
}
