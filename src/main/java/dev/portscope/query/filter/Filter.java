package dev.portscope.query.filter;

import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import dev.portscope.services.ServiceTable;
import java.util.EnumSet;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A socket filter in the language of {@code ss} (man ss, iproute2 misc/ssfilter.y), read by
 * {@link #parse}. Example:
 *
 * <pre>{@code
 * Filter f = Filter.parse("state established ( dport = :ssh or sport = :ssh )", ServiceTable.embedded());
 * sockets.stream().filter(f).toList();
 * Set<SocketState> pushDown = f.possibleStates();   // a backend may ask the kernel for these only
 * }</pre>
 *
 * <p>Grammar (ss's): {@code [state S | exclude S]... [expression]}. In an expression {@code and}
 * ({@code &&}, {@code &}, or two conditions side by side) and {@code or} ({@code ||}, {@code |}) have
 * the <em>same</em> precedence and group from the left, so {@code a or b and c} means
 * {@code (a or b) and c}; {@code not}/{@code !} applies to the one condition or parenthesized group
 * after it.
 */
public sealed interface Filter extends Predicate<Socket> {

    /** Whether a word belongs to the filter language's grammar; a filter starts only with such a word. */
    static boolean isKeyword(String word) {
        return FilterParser.isKeyword(word);
    }

    /**
     * Reads a filter.
     *
     * @param text     the filter as the user typed it; empty selects every socket
     * @param services resolves service names ({@code :ssh}) per protocol
     * @throws FilterSyntaxException with the column of the offending token
     */
    static Filter parse(String text, ServiceTable services) {
        return new FilterParser(FilterLexer.tokens(text), services).parse();
    }

    /**
     * Every state a socket accepted by this filter can be in: {@code test(s)} implies
     * {@code possibleStates().contains(s.state())}. A backend may ask only for these states and still
     * give the same answer after applying {@link #test}.
     */
    default Set<SocketState> possibleStates() {
        return StateBounds.possible(this);
    }

    /** The filter written back in its own language, fully parenthesized; {@link #parse} reads it back. */
    default String text() {
        return FilterText.format(this);
    }

    /** The empty filter: every socket. */
    record MatchAll() implements Filter {
        @Override
        public boolean test(Socket socket) {
            return true;
        }

        /** Every state, without the type switch of {@link StateBounds}: its bootstrap costs ~30 ms of start-up. */
        @Override
        public Set<SocketState> possibleStates() {
            return EnumSet.allOf(SocketState.class);
        }
    }

    /** {@code state …}/{@code exclude …}: the socket is in one of these states. */
    record StateIs(Set<SocketState> states) implements Filter {
        public StateIs {
            states = states.isEmpty() ? EnumSet.noneOf(SocketState.class) : EnumSet.copyOf(states);
        }

        @Override
        public Set<SocketState> states() {
            return states.isEmpty() ? EnumSet.noneOf(SocketState.class) : EnumSet.copyOf(states);
        }

        @Override
        public boolean test(Socket socket) {
            return states.contains(socket.state());
        }
    }

    /**
     * {@code sport}/{@code dport} compared with a port. A service name without a port for the socket's
     * protocol satisfies only {@code !=}; {@code *} is port -1 as in ss ({@code = *} always holds).
     */
    record PortCompare(Side side, Comparison comparison, PortValue value) implements Filter {
        public PortCompare {
            Objects.requireNonNull(side);
            Objects.requireNonNull(comparison);
            Objects.requireNonNull(value);
        }

        @Override
        public boolean test(Socket socket) {
            int actual = side.of(socket).port();
            if (value instanceof PortValue.Any && (comparison == Comparison.EQ || comparison == Comparison.NE)) {
                return comparison == Comparison.EQ;
            }
            OptionalInt wanted = value.resolve(socket.protocol());
            if (wanted.isEmpty()) {
                return comparison == Comparison.NE;
            }
            return comparison.holds(actual, wanted.getAsInt());
        }
    }

    /** {@code src}/{@code dst}: the local or remote endpoint fits the pattern. */
    record AddressMatch(Side side, AddressPattern pattern) implements Filter {
        public AddressMatch {
            Objects.requireNonNull(side);
            Objects.requireNonNull(pattern);
        }

        @Override
        public boolean test(Socket socket) {
            return pattern.matches(socket, side);
        }
    }

    record Not(Filter operand) implements Filter {
        public Not {
            Objects.requireNonNull(operand);
        }

        @Override
        public boolean test(Socket socket) {
            return !operand.test(socket);
        }
    }

    record And(Filter left, Filter right) implements Filter {
        public And {
            Objects.requireNonNull(left);
            Objects.requireNonNull(right);
        }

        @Override
        public boolean test(Socket socket) {
            return left.test(socket) && right.test(socket);
        }
    }

    record Or(Filter left, Filter right) implements Filter {
        public Or {
            Objects.requireNonNull(left);
            Objects.requireNonNull(right);
        }

        @Override
        public boolean test(Socket socket) {
            return left.test(socket) || right.test(socket);
        }
    }
}
