package dev.portscope.query.filter;

import dev.portscope.model.SocketState;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a filter back in the language {@link Filter#parse} reads, with a parenthesis around every
 * {@code and}/{@code or} so that no precedence rule is needed to read it. State sets are written
 * as leading {@code state}/{@code exclude} words, the only place ss accepts them: a filter with a
 * state set anywhere but first (or at the left of the top {@code and}) cannot be written.
 */
final class FilterText {

    private FilterText() {}

    static String format(Filter filter) {
        return switch (filter) {
            case Filter.MatchAll m -> "";
            case Filter.StateIs s -> states(s.states());
            case Filter.And(Filter.StateIs s, Filter right) -> states(s.states()) + " " + expression(right);
            default -> expression(filter);
        };
    }

    private static String expression(Filter filter) {
        return switch (filter) {
            case Filter.PortCompare p -> p.side().portKeyword() + " " + p.comparison().symbol() + " " + portWord(p.value());
            case Filter.AddressMatch a -> a.side().addressKeyword() + " " + a.pattern().text();
            case Filter.Not n -> "not " + expression(n.operand());
            case Filter.And a -> "( " + expression(a.left()) + " and " + expression(a.right()) + " )";
            case Filter.Or o -> "( " + expression(o.left()) + " or " + expression(o.right()) + " )";
            case Filter.StateIs s -> throw new IllegalArgumentException(
                    "a state set can only come first in a filter: " + s.states());
            case Filter.MatchAll m -> throw new IllegalArgumentException("an empty filter inside a filter cannot be written");
        };
    }

    /** {@code :ssh} and {@code :22}: the colon keeps a port from reading as an operator word. */
    private static String portWord(PortValue value) {
        return value instanceof PortValue.Any ? "*" : ":" + value.text();
    }

    private static String states(Set<SocketState> states) {
        try {
            return words("state", StateNames.spell(states));
        } catch (IllegalArgumentException unnamed) {
            Set<SocketState> excluded = EnumSet.allOf(SocketState.class);
            excluded.removeAll(states);
            if (excluded.isEmpty()) {
                return "state all";
            }
            return words("exclude", StateNames.spell(excluded));
        }
    }

    private static String words(String keyword, List<String> names) {
        if (names.isEmpty()) {
            // no state at all: exclude every one
            return "exclude all";
        }
        StringBuilder text = new StringBuilder();
        for (String name : names) {
            text.append(text.isEmpty() ? "" : " ").append(keyword).append(' ').append(name);
        }
        return text.toString();
    }
}
