package dev.portscope.model;

/**
 * Something that made an answer less than complete, said once to the user.
 *
 * @param kind    what went wrong
 * @param message one line naming what is affected and why ("owners of 12 sockets hidden: not root")
 */
public record Diagnostic(Kind kind, String message) {

    public enum Kind {
        /** Access was refused: the result lacks what could not be read. */
        PERMISSION_DENIED(true),
        /** Input from the kernel or a file could not be decoded; the rest was kept. */
        MALFORMED_INPUT(true),
        /** Something did not answer within its deadline (a probed port); the result lacks its answer. */
        TIMED_OUT(true),
        /** A source this platform lacks; another one answered. */
        FALLBACK(false),
        /** Informational: nothing is missing. */
        NOTE(false);

        private final boolean partial;

        Kind(boolean partial) {
            this.partial = partial;
        }

        /** Whether this diagnostic means the result is incomplete. */
        public boolean partial() {
            return partial;
        }
    }
}
