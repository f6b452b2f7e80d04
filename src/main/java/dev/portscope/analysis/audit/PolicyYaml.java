package dev.portscope.analysis.audit;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The YAML reader of policies, bounded, and what it says about a file it cannot read. A policy is a
 * few short lines; the bounds keep a hostile or mistaken file from costing more than a moment:
 * SnakeYAML's scanner is quadratic in the length of a line (a 1 MB line took 8.8 s and 1.7 GB),
 * so lines are measured before it sees them. Messages never quote the file beyond a character or a
 * token name: a file that is not a policy ({@code --policy /etc/shadow}) must not be echoed.
 */
final class PolicyYaml {

    /** Characters in a policy: {@code audit --init} writes some 150 per listener, so this holds about 25,000. */
    static final int MAX_CHARS = 4 << 20;
    /** Characters in a line: the longest value is an executable's path (PATH_MAX, 4096), which the writer wraps. */
    static final int MAX_LINE = 4096;
    /** Characters in one value once read: PATH_MAX. */
    static final int MAX_TEXT = 4096;
    /** Levels of nesting: a policy has three (the file, a list, a listener). */
    static final int MAX_DEPTH = 16;

    private static final YAMLFactory FACTORY = factory();
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'|\"([^\"]*)\"");
    private static final Pattern TOKEN_NAME = Pattern.compile("<[a-z ]{1,40}>");
    private static final Pattern TAG_OR_ANCHOR = Pattern.compile("[!&*][^\\s,]*");

    private PolicyYaml() {}

    private static YAMLFactory factory() {
        LoaderOptions loader = new LoaderOptions();
        loader.setCodePointLimit(MAX_CHARS);
        loader.setNestingDepthLimit(MAX_DEPTH);
        loader.setMaxAliasesForCollections(0);
        return YAMLFactory.builder()
                .loaderOptions(loader)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxDocumentLength(MAX_CHARS).maxNestingDepth(MAX_DEPTH).maxStringLength(MAX_TEXT).maxNumberLength(64).build())
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
    }

    /**
     * A parser of {@code text}, after checking its size and the length of each line.
     *
     * @param documentStarts given the lines where a document starts ({@code ---}), to place a second document
     */
    static JsonParser open(String text, String file, List<Integer> documentStarts) throws PolicyException {
        if (text.length() > MAX_CHARS) {
            throw new PolicyException(file, 1, 1, "expected a policy of at most " + (MAX_CHARS >> 20) + " MiB of text");
        }
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - start > MAX_LINE) {
                    throw new PolicyException(file, line, MAX_LINE + 1, "expected lines of at most " + MAX_LINE + " characters");
                }
                if (text.startsWith("---", start) && (start + 3 == i || Character.isWhitespace(text.charAt(start + 3)))) {
                    documentStarts.add(line);
                }
                line++;
                start = i + 1;
            }
        }
        try {
            return FACTORY.createParser(text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // reading a String cannot fail
        }
    }

    /** What the YAML reader could not read, as {@code FILE:LINE:COLUMN: not valid YAML: ...}, quoting nothing of the file. */
    static PolicyException syntaxError(JsonProcessingException e, String file, String text) {
        if (e.getCause() instanceof org.yaml.snakeyaml.reader.ReaderException r) {
            // a character YAML does not allow anywhere (a control character, an unpaired surrogate): at its place
            int[] place = place(text, r.getPosition());
            return new PolicyException(file, place[0], place[1], "not valid YAML: a character YAML does not allow ("
                    + String.format("U+%04X", r.getCodePoint()) + ")");
        }
        JsonLocation at = e.getLocation();
        int line = at == null || at.getLineNr() < 1 ? 1 : at.getLineNr();
        int column = at == null || at.getColumnNr() < 1 ? 1 : at.getColumnNr();
        return new PolicyException(file, line, column, "not valid YAML: " + describe(e));
    }

    /** Line and column (1-based) of the code point at {@code index}. */
    private static int[] place(String text, int index) {
        int line = 1;
        int column = 1;
        int seen = 0;
        for (int i = 0; i < text.length() && seen < index; i += Character.charCount(text.codePointAt(i)), seen++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[] {line, column};
    }

    private static String describe(JsonProcessingException e) {
        String original = String.valueOf(e.getOriginalMessage());
        if (e instanceof StreamConstraintsException || original.contains("Nesting Depth")) {
            return "nested or sized beyond what a policy needs (at most " + MAX_DEPTH + " levels, " + MAX_TEXT + " characters a value)";
        }
        if (e instanceof InputCoercionException) {
            return "a number out of range";
        }
        if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked && marked.getProblem() != null) {
            String problem = clean(marked.getProblem());
            // "while scanning a quoted scalar: found unexpected end of stream"
            return marked.getContext() == null ? problem : clean(marked.getContext()) + ": " + problem;
        }
        if (original.startsWith("Expected a field name")) {
            return "expected a key in plain text";
        }
        if (original.contains("exceeds the limit")) {
            return "larger than " + (MAX_CHARS >> 20) + " MiB";
        }
        return "syntax error";
    }

    /**
     * SnakeYAML's words without what they quote of the file: a quoted character ({@code '\t'}) or
     * a token name ({@code '<block end>'}) stays; longer quotes, tags, anchors and aliases become
     * {@code …}; only printable ASCII, at most 100 characters.
     */
    static String clean(String text) {
        String first = text.lines().findFirst().orElse("").strip();
        Matcher m = QUOTED.matcher(first);
        StringBuilder kept = new StringBuilder();
        while (m.find()) {
            String inside = m.group(1) != null ? m.group(1) : m.group(2);
            boolean safe = TOKEN_NAME.matcher(inside).matches() || (inside.length() <= 2 && inside.chars().allMatch(c -> c > 0x20 && c < 0x7f));
            m.appendReplacement(kept, Matcher.quoteReplacement(safe ? m.group() : "'…'"));
        }
        m.appendTail(kept);
        String words = TAG_OR_ANCHOR.matcher(kept).replaceAll("…");
        StringBuilder printable = new StringBuilder();
        words.codePoints().filter(c -> (c >= 0x20 && c < 0x7f) || c == '…').limit(100).forEach(printable::appendCodePoint);
        String result = printable.toString().strip();
        return result.isEmpty() ? "syntax error" : result;
    }

    /** A value as an error may quote it: at most 40 characters, control characters escaped. */
    static String quote(String value) {
        StringBuilder b = new StringBuilder("'");
        int count = 0;
        for (int i = 0; i < value.length() && count < 40; i++, count++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029) {
                b.append(c < 0x100 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append(value.length() > 40 ? "…'" : "'").toString();
    }
}
