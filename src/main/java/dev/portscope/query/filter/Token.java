package dev.portscope.query.filter;

/** One word of a filter and where it starts (1-based line and column). */
record Token(String text, int line, int column) {

    boolean is(String... words) {
        for (String word : words) {
            if (text.equals(word)) {
                return true;
            }
        }
        return false;
    }

    /** The token as error messages quote it. */
    String quoted() {
        return "'" + text + "'";
    }

    FilterSyntaxException error(String reason) {
        return new FilterSyntaxException(line, column, text, reason);
    }
}
