package dev.portscope.query.filter;

import dev.portscope.model.SocketState;
import dev.portscope.services.ServiceTable;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Recursive descent over the grammar of ss (misc/ssfilter.y and the state words of misc/ss.c):
 *
 * <pre>
 * filter     := ( ('state' | 'exclude' | 'excl') STATE )* list?
 * list       := unary ( ('and' | '&&' | '&' | 'or' | '||' | '|')? unary )*    -- one level, from the left
 * unary      := ('not' | '!') unary | '(' list ')' | condition
 * condition  := ('src' | 'dst') ('=' | '==' | 'eq')? ADDRESS
 *             | ('sport' | 'dport') OPERATOR? PORT
 * </pre>
 *
 * As in ss, the first {@code state} starts from no state and each adds; a first {@code exclude}
 * starts from all states and each removes.
 */
final class FilterParser {

    private static final Set<String> AND = Set.of("and", "&&", "&");
    private static final Set<String> OR = Set.of("or", "||", "|");
    private static final Set<String> NOT = Set.of("not", "!");
    /** Words ss's lexer turns into grammar tokens: never an address or a port. */
    private static final Set<String> RESERVED = Set.of(
            "and", "&&", "&", "or", "||", "|", "not", "!", "(", ")", "src", "dst", "sport", "dport", "state",
            "exclude", "excl", "=", "==", "eq", "!=", "ne", "neq", "<", "lt", "<=", "le", "leq", ">", "gt", ">=",
            "ge", "geq", "dev", "fwmark", "cgroup", "autobound");

    /** Whether a word is part of the filter language's grammar (a filter can start only with such a word). */
    public static boolean isKeyword(String word) {
        return RESERVED.contains(word);
    }

    /**
     * Bounds on a filter, so that no input can exhaust the stack of the parser or of the filter it
     * builds (a tree as deep as its nesting plus its number of conditions): far beyond what anyone
     * types, far below what a thread's stack holds.
     */
    static final int MAX_NESTING = 64;
    static final int MAX_CONDITIONS = 512;

    private final List<Token> tokens;
    private final ServiceTable services;
    private int next;
    private int depth;
    private int conditions;

    FilterParser(List<Token> tokens, ServiceTable services) {
        this.tokens = tokens;
        this.services = services;
    }

    Filter parse() {
        Set<SocketState> states = states();
        Filter expression = atEnd() ? null : list(null);
        if (!atEnd()) {
            throw peek().error("unexpected ')' with no '(' open");
        }
        if (states == null) {
            return expression == null ? new Filter.MatchAll() : expression;
        }
        Filter stateFilter = new Filter.StateIs(states);
        return expression == null ? stateFilter : new Filter.And(stateFilter, expression);
    }

    private Set<SocketState> states() {
        Set<SocketState> states = null;
        while (!atEnd() && peek().is("state", "exclude", "excl")) {
            Token keyword = take();
            if (atEnd() || RESERVED.contains(peek().text())) {
                throw expected("a state", "'" + keyword.text() + "'");
            }
            Token name = take();
            Set<SocketState> named = StateNames.lookup(name.text());
            if (named == null) {
                throw name.error("unknown state " + name.quoted() + " after '" + keyword.text() + "'; expected "
                        + StateNames.choices());
            }
            if (keyword.is("state")) {
                states = states == null ? EnumSet.noneOf(SocketState.class) : states;
                states.addAll(named);
            } else {
                states = states == null ? EnumSet.allOf(SocketState.class) : states;
                states.removeAll(named);
            }
        }
        return states;
    }

    /** @param open the '(' this list is inside, null at top level */
    private Filter list(Token open) {
        Filter result = unary(open == null ? null : "'('");
        while (!atEnd() && !peek().is(")")) {
            Token operator = peek();
            if (AND.contains(operator.text()) || OR.contains(operator.text())) {
                take();
                Filter right = unary("'" + operator.text() + "'");
                result = AND.contains(operator.text()) ? new Filter.And(result, right) : new Filter.Or(result, right);
            } else {
                result = new Filter.And(result, unary(null));
            }
        }
        if (open != null) {
            if (atEnd()) {
                throw expected("')' to close the '(' at column " + open.column(), null);
            }
            take();
        }
        return result;
    }

    /** @param after what came just before, for messages ("'and'"); null when nothing needs naming */
    private Filter unary(String after) {
        if (atEnd()) {
            throw expected("a condition", after);
        }
        Token token = peek();
        if (NOT.contains(token.text()) || token.is("(")) {
            take();
            if (++depth > MAX_NESTING) {
                throw token.error("the filter nests deeper than " + MAX_NESTING + " levels of '(' and 'not'");
            }
            Filter nested;
            if (token.is("(")) {
                if (!atEnd() && peek().is(")")) {
                    throw expected("a condition", "'('");
                }
                nested = list(token);
            } else {
                nested = new Filter.Not(unary("'" + token.text() + "'"));
            }
            depth--;
            return nested;
        }
        if (token.is("src", "dst", "sport", "dport") && ++conditions > MAX_CONDITIONS) {
            throw token.error("the filter has more than " + MAX_CONDITIONS + " conditions");
        }
        if (token.is("src", "dst")) {
            return address(take());
        }
        if (token.is("sport", "dport")) {
            return port(take());
        }
        if (token.is("state", "exclude", "excl")) {
            throw token.error("state filters go first, before the other conditions (as in ss), but found "
                    + token.quoted() + " here");
        }
        if (token.is("dev", "fwmark", "cgroup", "autobound")) {
            throw token.error("the ss condition " + token.quoted() + " is not supported by portscope");
        }
        throw expected(after == null ? "a condition (src, dst, sport, dport, not or '(')" : "a condition", after);
    }

    private Filter address(Token keyword) {
        Side side = keyword.is("src") ? Side.LOCAL : Side.REMOTE;
        String context = keyword.text();
        if (!atEnd() && peek().is("=", "==", "eq")) {
            context += " " + take().text();
        }
        if (atEnd() || RESERVED.contains(peek().text())) {
            throw expected("an address", "'" + context + "'");
        }
        return new Filter.AddressMatch(side, AddressPattern.parse(take(), services));
    }

    private Filter port(Token keyword) {
        Side side = keyword.is("sport") ? Side.LOCAL : Side.REMOTE;
        String context = keyword.text();
        Comparison comparison = atEnd() ? null : Comparison.ofSpelling(peek().text());
        if (comparison == null) {
            comparison = Comparison.EQ;
        } else {
            context += " " + take().text();
        }
        if (atEnd() || RESERVED.contains(peek().text())) {
            throw expected("a port", "'" + context + "'");
        }
        Token value = take();
        String text = value.text().startsWith(":") ? value.text().substring(1) : value.text();
        return new Filter.PortCompare(side, comparison, PortValue.parse(text, value, services));
    }

    private FilterSyntaxException expected(String what, String after) {
        String where = after == null ? "" : " after " + after;
        if (atEnd()) {
            Token last = tokens.isEmpty() ? new Token("", 1, 1) : tokens.get(tokens.size() - 1);
            return new FilterSyntaxException(last.line(), last.column() + last.text().length(), null,
                    "expected " + what + where + " but found the end of the filter");
        }
        return peek().error("expected " + what + where + " but found " + peek().quoted());
    }

    private boolean atEnd() {
        return next >= tokens.size();
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        return tokens.get(next++);
    }
}
