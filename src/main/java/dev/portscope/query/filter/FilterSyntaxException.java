package dev.portscope.query.filter;

/**
 * A filter the user typed that cannot be read. The message is one line naming the place and the
 * offending token, ready to print as is: {@code filter:1:12: expected a port after 'dport =' but found 'and'}.
 */
public final class FilterSyntaxException extends IllegalArgumentException {

    private final int line;
    private final int column;
    private final String token;
    private final String reason;

    /**
     * @param line   1-based line of the filter text
     * @param column 1-based column where the offending token starts
     * @param token  the offending token, or null when the filter ended too early
     * @param reason what is wrong, without the place
     */
    public FilterSyntaxException(int line, int column, String token, String reason) {
        super("filter:" + line + ":" + column + ": " + reason);
        this.line = line;
        this.column = column;
        this.token = token;
        this.reason = reason;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The offending token; null when the filter ended where more was expected. */
    public String token() {
        return token;
    }

    public String reason() {
        return reason;
    }
}
