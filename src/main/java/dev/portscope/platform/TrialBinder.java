package dev.portscope.platform;

/** Binds a port for real and closes it at once: the kernel's own answer to a bind. */
public interface TrialBinder {

    /** Tries the bind as the user running portscope. @throws UnsupportedOperationException where this platform cannot try a bind */
    BindTrial attempt(BindAttempt attempt);

    /**
     * Tries the bind as another user, with that user's credentials and none of portscope's
     * privileges: the kernel's answer depends on who asks (privileged ports, {@code SO_REUSEPORT}
     * groups of one uid).
     *
     * @throws UnsupportedOperationException when it cannot be tried as that user (not root, no way to
     *                                       switch); the message says why
     */
    BindTrial attemptAs(BindAttempt attempt, int uid);
}
