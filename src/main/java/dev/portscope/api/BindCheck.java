package dev.portscope.api;

import java.util.List;
import java.util.Objects;

/**
 * Why a bind would fail, or that it would not: what {@link PortScope#why(BindQuestion)} returns, the
 * answer of {@code portscope why}.
 *
 * {@snippet :
 * BindCheck check = scope.why(BindQuestion.tcp(8080));
 * switch (check.verdict()) {
 *     case FREE -> startServer(8080);
 *     case UNCERTAIN, BLOCKED -> System.err.println("8080: " + check.nextStep());
 * }
 * }
 *
 * @param question the bind asked about
 * @param verdict  the answer
 * @param blockers what stands in the way, most likely culprit first
 * @param cautions facts that do not block the bind now but may (a port in the ephemeral range, a
 *                 reserved port) or that limit the answer; one sentence each
 * @param nextStep what to do, one sentence
 * @param notes    what kept the answer from being complete; one line each
 * @param complete false when something could not be read (owners hidden when not root)
 */
public record BindCheck(BindQuestion question, BindVerdict verdict, List<BindBlocker> blockers, List<String> cautions,
        String nextStep, List<String> notes, boolean complete) {

    public BindCheck {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(verdict, "verdict");
        blockers = List.copyOf(blockers);
        cautions = List.copyOf(cautions);
        Objects.requireNonNull(nextStep, "nextStep");
        notes = List.copyOf(notes);
    }

    /** True when the bind would succeed. */
    public boolean free() {
        return verdict == BindVerdict.FREE;
    }
}
