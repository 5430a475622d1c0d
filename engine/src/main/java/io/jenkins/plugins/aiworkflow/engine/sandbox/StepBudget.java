package io.jenkins.plugins.aiworkflow.engine.sandbox;

/**
 * A bound on the work one regular-expression match may do, counted in characters the
 * matcher looks at: catastrophic backtracking ({@code (a+)+$}) stops at the bound instead
 * of running for minutes. Deterministic, unlike a timer.
 */
final class StepBudget {
    private final long steps;
    private long left;

    StepBudget(long steps) {
        this.steps = steps;
        this.left = steps;
    }

    void reset() {
        left = steps;
    }

    long steps() {
        return steps;
    }

    /** A view of {@code text} whose every {@code charAt} spends one step. */
    CharSequence meter(CharSequence text) {
        return new Metered(text, 0, text.length());
    }

    /** Thrown when the budget is spent; carries no stack trace, it is expected control flow. */
    static final class Exhausted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Exhausted() {
            super("step budget exhausted", null, false, false);
        }
    }

    private final class Metered implements CharSequence {
        private final CharSequence text;
        private final int start;
        private final int end;

        Metered(CharSequence text, int start, int end) {
            this.text = text;
            this.start = start;
            this.end = end;
        }

        @Override
        public int length() {
            return end - start;
        }

        @Override
        public char charAt(int index) {
            if (--left < 0) {
                throw new Exhausted();
            }
            return text.charAt(start + index);
        }

        @Override
        public CharSequence subSequence(int from, int to) {
            return new Metered(text, start + from, start + to);
        }

        @Override
        public String toString() {
            return text.subSequence(start, end).toString();
        }
    }
}
