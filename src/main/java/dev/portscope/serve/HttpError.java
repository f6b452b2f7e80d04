package dev.portscope.serve;

/**
 * A request the server answers with an error status and a one-line reason, never a stack trace:
 * malformed (400), too large (414, 431), a method it does not serve (405), unauthorised (401)...
 */
final class HttpError extends Exception {

    private final int status;

    HttpError(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
