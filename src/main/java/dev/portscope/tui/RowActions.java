package dev.portscope.tui;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * What {@code top} can do with a row beyond showing it: describe it in full, close its connection,
 * stop its processes. {@link TopController} asks before anything is done; tests give their own.
 */
public interface RowActions {

    /** Everything {@code who} says about the row's port, and the row's socket itself, as lines of text. */
    List<String> details(TopRow row);

    /** What closing the row's connection would do. */
    Proposal proposeClose(TopRow row);

    /** What stopping the row's processes would do, with the refusals of {@code portscope kill}. */
    Proposal proposeStop(TopRow row);

    /**
     * An action to confirm, or why there is none.
     *
     * @param question asked in the status line, answered y or n; null when refused
     * @param note     said after the question and its {@code [y/N]}, which a narrow screen may cut; empty when none
     * @param action   run once confirmed, away from the screen's thread; returns what came of it
     * @param refusal  why nothing can be done; null when there is a question
     */
    record Proposal(String question, String note, Callable<Done> action, String refusal) {

        public static Proposal ask(String question, String note, Callable<Done> action) {
            return new Proposal(question, note, action, null);
        }

        public static Proposal refuse(String why) {
            return new Proposal(null, "", null, why);
        }
    }

    /**
     * What came of a confirmed action, in one line.
     *
     * @param failed whether it did not do what was asked (shown as an error)
     */
    record Done(String text, boolean failed) {}
}
