package dev.portscope.testing;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;

/**
 * A small fuzzer for the parsers of what users hand portscope (policies, baselines, filters): it
 * feeds each target arbitrary text (jqwik's generators) and mutations of valid inputs (deletions,
 * insertions of syntax tokens, duplications, splices, long repetitions) for a time budget, and
 * requires of each input a result or the parser's own one-line error, within {@link #PER_INPUT}.
 *
 * <p>In the suite each target runs {@code portscope.fuzz.seconds} (default 3); for a longer run:
 * {@code ./mvnw test -Dtest='*FuzzTest' -Dportscope.fuzz.seconds=600}, and
 * {@code -Dportscope.fuzz.seed=N} repeats a run. A failure names the input; it becomes a case of
 * the target's regression list.
 */
public final class Fuzzing {

    /** How long each target runs. */
    public static final Duration BUDGET = Duration.ofMillis((long) (Double.parseDouble(System.getProperty("portscope.fuzz.seconds", "3")) * 1000));
    /** The most one input may take: the parsers are linear, with bounded input. */
    public static final Duration PER_INPUT = Duration.ofSeconds(2);

    private static final int MAX_LENGTH = 64 * 1024;

    private Fuzzing() {}

    /** What the target does with one input; it throws on a wrong answer. */
    @FunctionalInterface
    public interface Target {
        void accept(String input) throws Exception;
    }

    /** How many inputs ran, and the seed that repeats the run. */
    public record Run(long inputs, long seed) {}

    /** The inputs kept under {@code fixtures/fuzz/TARGET/}, one a file: earlier findings, run first, and seeds. */
    public static List<String> regressions(String target) {
        java.nio.file.Path dir = Fixtures.path("fuzz").resolve(target);
        if (!java.nio.file.Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = java.nio.file.Files.list(dir)) {
            return files.sorted().map(f -> {
                try {
                    return java.nio.file.Files.readString(f);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code target} on generated and mutated inputs until the budget is spent.
     *
     * @param seeds  valid inputs to mutate
     * @param tokens pieces of the target's syntax to insert
     * @throws AssertionError naming the input that failed, and the seed
     */
    public static Run run(String name, List<String> seeds, List<String> tokens, Target target) {
        long seed = Long.getLong("portscope.fuzz.seed", System.nanoTime());
        Random random = new Random(seed);
        RandomGenerator<String> texts = arbitraryText(tokens).generator(1000);
        long deadline = System.nanoTime() + BUDGET.toNanos();
        long count = 0;
        for (String s : seeds) {
            check(name, s, seed, target);
            count++;
        }
        while (System.nanoTime() < deadline) {
            String input = switch (random.nextInt(4)) {
                case 0 -> texts.next(random).value();
                default -> mutate(random, seeds, tokens);
            };
            check(name, input, seed, target);
            count++;
        }
        System.out.println("fuzz " + name + ": " + count + " inputs in " + BUDGET.toSeconds() + " s, seed " + seed);
        return new Run(count, seed);
    }

    private static void check(String name, String input, long seed, Target target) {
        long start = System.nanoTime();
        try {
            target.accept(input);
        } catch (Throwable e) {
            throw new AssertionError("fuzz " + name + " (seed " + seed + "): " + e + "\non input: " + escape(input), e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (took.compareTo(PER_INPUT) > 0) {
            throw new AssertionError("fuzz " + name + " (seed " + seed + "): took " + took.toMillis() + " ms on input: " + escape(input));
        }
    }

    /** Text made of the target's syntax, its tokens, and any character at all. */
    static Arbitrary<String> arbitraryText(List<String> tokens) {
        Arbitrary<String> anyChars = Arbitraries.strings().all().ofMaxLength(200);
        Arbitrary<String> syntax = Arbitraries.strings().withChars(" \t\n\r:-#[]{}\"'\\,.!&*|>%@`?=()<>/0123456789abcxyz").ofMaxLength(200);
        Arbitrary<String> tokenRuns = Arbitraries.of(tokens).list().ofMaxSize(40).map(l -> String.join("", l));
        Arbitrary<String> spacedTokens = Arbitraries.of(tokens).list().ofMaxSize(40).map(l -> String.join(" ", l));
        return Arbitraries.oneOf(anyChars, syntax, tokenRuns, spacedTokens);
    }

    /** One to eight edits of a seed (or of two seeds spliced). */
    static String mutate(Random random, List<String> seeds, List<String> tokens) {
        StringBuilder b = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
        int edits = 1 + random.nextInt(8);
        for (int i = 0; i < edits && b.length() < MAX_LENGTH; i++) {
            int at = b.isEmpty() ? 0 : random.nextInt(b.length() + 1);
            switch (random.nextInt(8)) {
                case 0 -> b.delete(at, Math.min(b.length(), at + 1 + random.nextInt(20)));
                case 1, 2 -> b.insert(at, tokens.get(random.nextInt(tokens.size())));
                case 3 -> {
                    int end = Math.min(b.length(), at + 1 + random.nextInt(40));
                    b.insert(end, b.substring(at, end));
                }
                case 4 -> {
                    if (at < b.length()) {
                        b.setCharAt(at, (char) (random.nextBoolean() ? random.nextInt(128) : random.nextInt(0x10000)));
                    }
                }
                case 5 -> {
                    String other = seeds.get(random.nextInt(seeds.size()));
                    b.setLength(at);
                    b.append(other, random.nextInt(other.length() + 1), other.length());
                }
                case 6 -> {
                    String token = tokens.get(random.nextInt(tokens.size()));
                    b.insert(at, token.repeat(1 + random.nextInt(Math.max(1, 4096 / Math.max(1, token.length())))));
                }
                default -> {
                    int end = Math.min(b.length(), at + random.nextInt(10));
                    b.replace(at, end, Character.toString(random.nextInt(0x110000)));
                }
            }
        }
        return b.length() > MAX_LENGTH ? b.substring(0, MAX_LENGTH) : b.toString();
    }

    /** The input as a Java string literal, to paste into a regression case. */
    public static String escape(String input) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : input.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> b.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return b.append('"').toString();
    }
}
