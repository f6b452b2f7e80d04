package dev.portscope.model;

/**
 * Something that made an answer less than complete, said once to the user.
 *
 * @param kind    what went wrong
 * @param message one line naming what is affected and why ("owners of 12 sockets hidden: not root")
 */
public record Diagnostic(Kind kind, String message) {

    /**
     * What went wrong, so that a reader (or a script reading {@code --json}) can tell a refusal from
     * a missing file, a timeout or exhausted descriptors. Every kind but {@link #FALLBACK} and
     * {@link #NOTE} means something is missing from the answer.
     */
    public enum Kind {
        /** Access was refused ({@code EACCES}, {@code EPERM}): the result lacks what could not be read. */
        PERMISSION_DENIED(true),
        /** A file or table that should be there is not ({@code ENOENT}): what it holds is missing. */
        NOT_FOUND(true),
        /** The source cannot answer here (a kernel without the module, a request it does not understand) and nothing answered instead. */
        UNAVAILABLE(true),
        /** No answer came in time (the kernel, a probed port): what was still to come is missing. */
        TIMED_OUT(true),
        /** Out of descriptors or memory ({@code EMFILE}, {@code ENFILE}, {@code ENOMEM}, {@code ENOBUFS}): the rest was not read. */
        RESOURCE_LIMIT(true),
        /** Reading failed for another reason (an I/O error); the message names it. */
        IO_ERROR(true),
        /** Input from the kernel or a file could not be decoded; the rest was kept. */
        MALFORMED_INPUT(true),
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
