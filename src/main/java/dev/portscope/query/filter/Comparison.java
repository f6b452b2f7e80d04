package dev.portscope.query.filter;

/**
 * How {@code sport}/{@code dport} compare a port. Each has the spellings of misc/ssfilter.y; with no
 * operator at all ({@code dport 22}) ss means equality.
 */
public enum Comparison {
    EQ("=", "==", "eq"),
    NE("!=", "ne", "neq"),
    LT("<", "lt"),
    LE("<=", "le", "leq"),
    GT(">", "gt"),
    GE(">=", "ge", "geq");

    private final String[] spellings;

    Comparison(String... spellings) {
        this.spellings = spellings;
    }

    /** The canonical spelling ({@code =}, {@code !=}, {@code <}…). */
    public String symbol() {
        return spellings[0];
    }

    /** Every spelling ss accepts for this operator, canonical first. */
    public java.util.List<String> spellings() {
        return java.util.List.of(spellings);
    }

    static Comparison ofSpelling(String word) {
        for (Comparison comparison : values()) {
            for (String spelling : comparison.spellings) {
                if (spelling.equals(word)) {
                    return comparison;
                }
            }
        }
        return null;
    }

    boolean holds(int actual, int wanted) {
        return switch (this) {
            case EQ -> actual == wanted;
            case NE -> actual != wanted;
            case LT -> actual < wanted;
            case LE -> actual <= wanted;
            case GT -> actual > wanted;
            case GE -> actual >= wanted;
        };
    }
}
