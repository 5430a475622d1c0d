package io.jenkins.plugins.aiworkflow.engine.validate;

/**
 * The feedback in numbers, for the run report: how many failing tests of each kind there were, how many the text
 * shows, and what it left out to stay within its budget.
 *
 * @param newFailures         failing tests listed by the reports that failed neither in the previous iteration nor
 *                            at iteration 0
 * @param stillFailing        failing tests that failed in the previous iteration too, but not at iteration 0
 * @param preExisting         failing tests that failed at iteration 0 already
 * @param notListed           failing tests the reports counted without listing them (beyond what a report keeps)
 * @param failuresShown       failing tests the text names
 * @param failuresLeftOut     listed failing tests the text does not name, to stay within the budget
 * @param reasonsLeftOut      reasons of the gate the text does not show, to stay within the budget
 * @param changedFilesLeftOut changed files the text does not name (only counted in it)
 * @param tokens              tokens of the text, counted by the counter it was built with
 * @param maxTokens           the budget: {@code tokens <= maxTokens}
 */
public record FeedbackSummary(long newFailures, long stillFailing, long preExisting, long notListed,
                              long failuresShown, long failuresLeftOut, long reasonsLeftOut, long changedFilesLeftOut,
                              int tokens, int maxTokens) {
    /** Failing tests in all: listed or not. */
    public long failing() {
        return newFailures + stillFailing + preExisting + notListed;
    }
}
