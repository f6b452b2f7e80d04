package dev.portscope.query.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a filter into words, as {@code ss} does (misc/ssfilter.y: words end at blanks), with one
 * addition: parentheses are words of their own even when glued to a neighbour, so {@code (dport = 22)}
 * reads like {@code ( dport = 22 )}. No address, port or keyword contains a parenthesis, so this
 * never changes the meaning of a filter {@code ss} accepts.
 */
final class FilterLexer {

    private FilterLexer() {}

    static List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        int line = 1;
        int lineStart = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                lineStart = i + 1;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                tokens.add(new Token(String.valueOf(c), line, i - lineStart + 1));
                i++;
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i))
                        && text.charAt(i) != '(' && text.charAt(i) != ')') {
                    i++;
                }
                tokens.add(new Token(text.substring(start, i), line, start - lineStart + 1));
            }
        }
        return tokens;
    }
}
