package dev.portscope.query.filter;

import dev.portscope.model.SocketState;
import java.util.EnumSet;
import java.util.Set;

/**
 * The states a filter can accept, worked out from its shape alone. Two bounds are carried together:
 * the states in which the filter <em>may</em> hold and those in which it holds for <em>every</em>
 * socket; {@code not} swaps them, so {@code not state listening} narrows as well as
 * {@code state listening}. Address and port conditions may hold in any state and never surely.
 */
final class StateBounds {

    private StateBounds() {}

    private record Bounds(Set<SocketState> possible, Set<SocketState> certain) {}

    static Set<SocketState> possible(Filter filter) {
        return bounds(filter).possible();
    }

    private static Bounds bounds(Filter filter) {
        return switch (filter) {
            case Filter.MatchAll m -> new Bounds(all(), all());
            case Filter.StateIs s -> new Bounds(s.states(), s.states());
            case Filter.PortCompare p -> new Bounds(all(), none());
            case Filter.AddressMatch a -> new Bounds(all(), none());
            case Filter.Not n -> {
                Bounds inner = bounds(n.operand());
                yield new Bounds(complement(inner.certain()), complement(inner.possible()));
            }
            case Filter.And a -> {
                Bounds l = bounds(a.left());
                Bounds r = bounds(a.right());
                yield new Bounds(intersection(l.possible(), r.possible()), intersection(l.certain(), r.certain()));
            }
            case Filter.Or o -> {
                Bounds l = bounds(o.left());
                Bounds r = bounds(o.right());
                yield new Bounds(union(l.possible(), r.possible()), union(l.certain(), r.certain()));
            }
        };
    }

    private static Set<SocketState> all() {
        return EnumSet.allOf(SocketState.class);
    }

    private static Set<SocketState> none() {
        return EnumSet.noneOf(SocketState.class);
    }

    private static Set<SocketState> complement(Set<SocketState> states) {
        Set<SocketState> result = all();
        result.removeAll(states);
        return result;
    }

    private static Set<SocketState> intersection(Set<SocketState> a, Set<SocketState> b) {
        Set<SocketState> result = none();
        result.addAll(a);
        result.retainAll(b);
        return result;
    }

    private static Set<SocketState> union(Set<SocketState> a, Set<SocketState> b) {
        Set<SocketState> result = none();
        result.addAll(a);
        result.addAll(b);
        return result;
    }
}
