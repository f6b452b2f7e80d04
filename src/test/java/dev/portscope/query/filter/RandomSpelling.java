package dev.portscope.query.filter;

import dev.portscope.model.SocketState;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Writes a filter tree as a user might type it, choosing at random among the spellings of each
 * word, glued or spaced parentheses, and only the parentheses ss's grammar needs (one precedence
 * level for and/or, grouping from the left). Independent of {@link FilterText}.
 */
final class RandomSpelling {

    private final Random random;

    RandomSpelling(long seed) {
        this.random = new Random(seed);
    }

    String write(Filter filter) {
        return switch (filter) {
            case Filter.StateIs s -> states(s.states());
            case Filter.And(Filter.StateIs s, Filter right) -> states(s.states()) + " " + list(right);
            default -> list(filter);
        };
    }

    /** A list position: and/or chains lean left, so only a right operand that is itself and/or needs parentheses. */
    private String list(Filter filter) {
        return switch (filter) {
            case Filter.And a -> list(a.left()) + " " + pick("and", "&&", "&", "") + " " + operand(a.right());
            case Filter.Or o -> list(o.left()) + " " + pick("or", "||", "|") + " " + operand(o.right());
            default -> operand(filter);
        };
    }

    private String operand(Filter filter) {
        return switch (filter) {
            case Filter.And a -> group(list(a));
            case Filter.Or o -> group(list(o));
            case Filter.Not n -> {
                String inner = operand(n.operand());
                yield inner.startsWith("(") && random.nextBoolean() ? "!" + inner : pick("not", "!") + " " + inner;
            }
            case Filter.PortCompare p -> portCompare(p);
            case Filter.AddressMatch a -> a.side().addressKeyword() + " " + pick("", "= ", "== ", "eq ") + pattern(a.pattern());
            default -> random.nextInt(4) == 0 ? group(list(filter)) : list(filter);
        };
    }

    private String group(String inner) {
        return random.nextBoolean() ? "(" + inner + ")" : "( " + inner + " )";
    }

    private String portCompare(Filter.PortCompare p) {
        List<String> spellings = p.comparison().spellings();
        String operator = spellings.get(random.nextInt(spellings.size()));
        if (p.comparison() == Comparison.EQ && random.nextBoolean()) {
            operator = "";
        }
        String value = p.value() instanceof PortValue.Any ? "*" : pick("", ":") + p.value().text();
        return p.side().portKeyword() + " " + (operator.isEmpty() ? "" : operator + " ") + value;
    }

    private String pattern(AddressPattern pattern) {
        String port = pattern.port() instanceof PortValue.Any ? pick("", ":*") : ":" + pattern.port().text();
        if (pattern.prefix().isEmpty()) {
            return port.isEmpty() ? pick("*", "any", "all", "default") : pick("*", "") + port;
        }
        IpPrefix prefix = pattern.prefix().orElseThrow();
        String host = prefix.address().getHostAddress();
        int bits = prefix.address().getAddress().length * 8;
        String length = prefix.length() == bits ? pick("", "/" + bits) : "/" + prefix.length();
        if (!prefix.isIpv6()) {
            return host + length + port;
        }
        if (port.isEmpty() && random.nextBoolean()) {
            return host + length; // a bare IPv6 address takes no port
        }
        return random.nextBoolean() ? "[" + host + length + "]" + port : "[" + host + "]" + length + port;
    }

    private String states(Set<SocketState> states) {
        StringBuilder text = new StringBuilder();
        if (FilterArbitraries.NAMEABLE.containsAll(states) && !states.isEmpty()) {
            for (SocketState state : states) {
                text.append(text.isEmpty() ? "" : " ").append("state ").append(name(state));
            }
            return text.toString();
        }
        Set<SocketState> excluded = EnumSet.allOf(SocketState.class);
        excluded.removeAll(states);
        if (excluded.isEmpty()) {
            return "state all";
        }
        for (SocketState state : excluded) {
            text.append(text.isEmpty() ? "" : " ").append(pick("exclude", "excl")).append(' ').append(name(state));
        }
        return text.toString();
    }

    private String name(SocketState state) {
        String name = switch (state) {
            case ESTABLISHED -> "established";
            case SYN_SENT -> "syn-sent";
            case SYN_RECV -> pick("syn-recv", "syn-rcv");
            case FIN_WAIT1 -> "fin-wait-1";
            case FIN_WAIT2 -> "fin-wait-2";
            case TIME_WAIT -> "time-wait";
            case CLOSE -> pick("closed", "close", "unconnected");
            case CLOSE_WAIT -> "close-wait";
            case LAST_ACK -> "last-ack";
            case LISTEN -> "listening";
            case CLOSING -> "closing";
            case UNKNOWN -> "unknown";
            case NEW_SYN_RECV, BOUND_INACTIVE -> throw new IllegalArgumentException(state + " has no name");
        };
        return random.nextInt(5) == 0 ? name.toUpperCase(Locale.ROOT) : name;
    }

    private String pick(String... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
