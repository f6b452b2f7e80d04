package dev.portscope.api;

/**
 * portscope cannot run here: no supported platform (Linux with {@code /proc} mounted), or a recording
 * that cannot be read. The message is one line.
 *
 * {@snippet :
 * try {
 *     PortScope scope = PortScope.local();
 * } catch (PortScopeException e) {
 *     System.err.println("no port inventory: " + e.getMessage());
 * }
 * }
 */
public final class PortScopeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PortScopeException(String message, Throwable cause) {
        super(message, cause);
    }
}
