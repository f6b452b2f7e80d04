package dev.portscope.api;

/**
 * The answer to "can this bind succeed?".
 *
 * {@snippet :
 * if (scope.why(8080).verdict() != BindVerdict.FREE) {
 *     throw new IllegalStateException(scope.why(8080).nextStep());
 * }
 * }
 */
public enum BindVerdict {
    /** Nothing stands in the way. */
    FREE,
    /** It depends on socket options of the holders that the kernel does not report. */
    UNCERTAIN,
    /** Something stands in the way. */
    BLOCKED
}
