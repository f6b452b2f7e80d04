package dev.portscope.platform;

/** Binds a port for real and closes it at once: the kernel's own answer to a bind. */
public interface TrialBinder {

    /** @throws UnsupportedOperationException where this platform cannot try a bind */
    BindTrial attempt(BindAttempt attempt);
}
