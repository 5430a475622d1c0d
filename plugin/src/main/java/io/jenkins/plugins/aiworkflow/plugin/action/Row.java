package io.jenkins.plugins.aiworkflow.plugin.action;

import io.jenkins.plugins.aiworkflow.engine.text.ControlCharacters;
import io.jenkins.plugins.aiworkflow.engine.text.Decimals;
import io.jenkins.plugins.aiworkflow.engine.text.Truncation;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One line of the build page's table: what one step, or one iteration of a step, came to. Immutable; made with
 * {@link #builder}. Only the step, the iteration and the verdict are required; the figures come in groups (tests,
 * diff, tokens, cost), each set whole or not at all, and a group not set shows as a dash (a validation has no
 * tokens, an implementation without a test run has no tests).
 *
 * <p>Kept in {@code build.xml} with the build's {@link AiWorkflowAction}, so every text is bounded here: the verdict
 * to {@value #VERDICT_CHARS} and the stop reason to {@value #STOP_REASON_CHARS} characters (head and tail around a
 * marker), control characters escaped.
 */
public final class Row {
    /** The longest verdict or status kept. */
    public static final int VERDICT_CHARS = 64;
    /** The longest stop reason kept. */
    public static final int STOP_REASON_CHARS = 500;
    /** The highest iteration number accepted (far above any loop's limit). */
    public static final int MAX_ITERATION = 1_000_000;

    /** A step name: what a Pipeline step's symbol looks like ({@code aiRefine}). */
    static final Pattern STEP_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    private final String step;
    private final int iteration;
    private final String verdict;
    private final Long testsPassed;
    private final Long testsFailed;
    private final Long testsSkipped;
    private final Long testsTotal;
    private final Long linesAdded;
    private final Long linesRemoved;
    private final Long inputTokens;
    private final Long outputTokens;
    private final Double costUsd;
    private final String stopReason;

    private Row(Builder builder) {
        this.step = builder.step;
        this.iteration = builder.iteration;
        this.verdict = builder.verdict;
        this.testsPassed = builder.testsPassed;
        this.testsFailed = builder.testsFailed;
        this.testsSkipped = builder.testsSkipped;
        this.testsTotal = builder.testsTotal;
        this.linesAdded = builder.linesAdded;
        this.linesRemoved = builder.linesRemoved;
        this.inputTokens = builder.inputTokens;
        this.outputTokens = builder.outputTokens;
        this.costUsd = builder.costUsd;
        this.stopReason = builder.stopReason;
    }

    /**
     * @param step      the step this row is about ({@code aiValidate}, {@code aiImplement}, {@code aiRefine}); the
     *                  record's own step, or a step inside it (an {@code aiRefine} block's {@code aiValidate})
     * @param iteration the iteration number, 0 for a step that does not iterate (and for a refine run's baseline)
     * @param verdict   the verdict or status ({@code PASSED}, {@code FAILED}, {@code CHANGED}, {@code LIMIT} ...)
     * @throws IllegalArgumentException naming the argument that is not accepted
     */
    public static Builder builder(String step, int iteration, String verdict) {
        return new Builder(step, iteration, verdict);
    }

    public String getStep() {
        return step;
    }

    public int getIteration() {
        return iteration;
    }

    public String getVerdict() {
        return verdict;
    }

    public Long getTestsPassed() {
        return testsPassed;
    }

    public Long getTestsFailed() {
        return testsFailed;
    }

    public Long getTestsSkipped() {
        return testsSkipped;
    }

    public Long getTestsTotal() {
        return testsTotal;
    }

    public Long getLinesAdded() {
        return linesAdded;
    }

    public Long getLinesRemoved() {
        return linesRemoved;
    }

    public Long getInputTokens() {
        return inputTokens;
    }

    public Long getOutputTokens() {
        return outputTokens;
    }

    /** The cost in US dollars; null when unknown (no price for the model) or not applicable. */
    public Double getCostUsd() {
        return costUsd;
    }

    public String getStopReason() {
        return stopReason;
    }

    /** The tests as the table shows them: {@code 10 passed, 2 failed, 1 skipped (13)}; null when not set. */
    public String getTestsText() {
        return testsTotal == null ? null
                : testsPassed + " passed, " + testsFailed + " failed, " + testsSkipped + " skipped (" + testsTotal + ")";
    }

    /** The diff's size as the table shows it: {@code +12 -3}; null when not set. */
    public String getDiffText() {
        return linesAdded == null ? null : "+" + linesAdded + " -" + linesRemoved;
    }

    /** The tokens as the table shows them: {@code 1200 in / 300 out}; null when not set. */
    public String getTokensText() {
        return inputTokens == null ? null : inputTokens + " in / " + outputTokens + " out";
    }

    /** The cost as the table shows it, four decimals ({@code 0.0123}); null when unset. */
    public String getCostText() {
        return costUsd == null ? null : Decimals.fixed(costUsd, 4);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Row row && iteration == row.iteration && step.equals(row.step)
                && verdict.equals(row.verdict) && Objects.equals(testsPassed, row.testsPassed)
                && Objects.equals(testsFailed, row.testsFailed) && Objects.equals(testsSkipped, row.testsSkipped)
                && Objects.equals(testsTotal, row.testsTotal) && Objects.equals(linesAdded, row.linesAdded)
                && Objects.equals(linesRemoved, row.linesRemoved) && Objects.equals(inputTokens, row.inputTokens)
                && Objects.equals(outputTokens, row.outputTokens) && Objects.equals(costUsd, row.costUsd)
                && Objects.equals(stopReason, row.stopReason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(step, iteration, verdict, testsPassed, testsFailed, testsSkipped, testsTotal, linesAdded,
                linesRemoved, inputTokens, outputTokens, costUsd, stopReason);
    }

    @Override
    public String toString() {
        return step + " #" + iteration + " " + verdict;
    }

    /** A bounded, one-line text: control characters escaped, cut to head and tail. */
    static String bounded(String text, int maxChars) {
        return text == null ? null : Truncation.headTail(ControlCharacters.escape(text), maxChars);
    }

    static String checkStepName(String step, String parameter) {
        if (step == null || !STEP_NAME.matcher(step).matches()) {
            throw new IllegalArgumentException(parameter + " '" + bounded(String.valueOf(step), 80)
                    + "' is not accepted; accepted: a step name of letters, digits and '_' that starts with a letter,"
                    + " at most 64 characters (aiRefine)");
        }
        return step;
    }

    /** Builds a {@link Row}; each setter checks its value and names it when it refuses it. */
    public static final class Builder {
        private final String step;
        private final int iteration;
        private final String verdict;
        private Long testsPassed;
        private Long testsFailed;
        private Long testsSkipped;
        private Long testsTotal;
        private Long linesAdded;
        private Long linesRemoved;
        private Long inputTokens;
        private Long outputTokens;
        private Double costUsd;
        private String stopReason;

        private Builder(String step, int iteration, String verdict) {
            this.step = checkStepName(step, "step");
            if (iteration < 0 || iteration > MAX_ITERATION) {
                throw new IllegalArgumentException("iteration " + iteration + " is not accepted; accepted: 0 to "
                        + MAX_ITERATION + " (0 for a step that does not iterate)");
            }
            this.iteration = iteration;
            if (verdict == null || verdict.isBlank()) {
                throw new IllegalArgumentException("verdict is missing; accepted: the step's verdict or status,"
                        + " such as PASSED, FAILED or CHANGED");
            }
            this.verdict = bounded(verdict.strip(), VERDICT_CHARS);
        }

        /** The test counts of the validation ({@code failed}: failures and errors); none may be negative. */
        public Builder tests(long passed, long failed, long skipped, long total) {
            this.testsPassed = count(passed, "testsPassed");
            this.testsFailed = count(failed, "testsFailed");
            this.testsSkipped = count(skipped, "testsSkipped");
            this.testsTotal = count(total, "testsTotal");
            return this;
        }

        /** The size of the diff in lines; neither may be negative. */
        public Builder diff(long added, long removed) {
            this.linesAdded = count(added, "linesAdded");
            this.linesRemoved = count(removed, "linesRemoved");
            return this;
        }

        /** The model's input and output tokens; neither may be negative. */
        public Builder tokens(long input, long output) {
            this.inputTokens = count(input, "inputTokens");
            this.outputTokens = count(output, "outputTokens");
            return this;
        }

        /** The cost in US dollars: finite and not negative, or null when unknown. */
        public Builder costUsd(Double usd) {
            if (usd != null && (usd.isNaN() || usd.isInfinite() || usd < 0)) {
                throw new IllegalArgumentException("costUsd " + usd + " is not accepted; accepted: a finite amount of"
                        + " 0 or more US dollars, or null when unknown");
            }
            this.costUsd = usd;
            return this;
        }

        /** Why the step or loop stopped (a stop rule and its message); null when it did not stop early. */
        public Builder stopReason(String reason) {
            this.stopReason = reason == null || reason.isBlank() ? null : bounded(reason.strip(), STOP_REASON_CHARS);
            return this;
        }

        public Row build() {
            return new Row(this);
        }

        private static Long count(long value, String name) {
            if (value < 0) {
                throw new IllegalArgumentException(name + " " + value + " is not accepted; accepted: 0 or more");
            }
            return value;
        }
    }
}
