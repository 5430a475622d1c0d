package io.jenkins.plugins.aiworkflow.engine.report;

import java.io.Serializable;

/**
 * Totals over test cases. {@code tests} counts every test case; the others partition it
 * into passed (flaky included), failures, errors and skipped. {@code flaky} is the subset
 * of passed tests that failed at least once before passing.
 */
public record TestCounts(long tests, long passed, long failures, long errors, long skipped, long flaky)
        implements Serializable {
    public static final TestCounts ZERO = new TestCounts(0, 0, 0, 0, 0, 0);

    public TestCounts {
        if (tests < 0 || passed < 0 || failures < 0 || errors < 0 || skipped < 0 || flaky < 0) {
            throw new IllegalArgumentException("test counts must not be negative");
        }
        if (passed + failures + errors + skipped != tests) {
            throw new IllegalArgumentException("passed + failures + errors + skipped must equal tests, was "
                    + passed + " + " + failures + " + " + errors + " + " + skipped + " != " + tests);
        }
    }

    /** Tests that ran: all but the skipped ones. */
    public long executed() {
        return tests - skipped;
    }

    /** Failures plus errors: what a gate counts as failed. */
    public long failed() {
        return failures + errors;
    }

    public TestCounts plus(TestCounts other) {
        return new TestCounts(tests + other.tests, passed + other.passed, failures + other.failures,
                errors + other.errors, skipped + other.skipped, flaky + other.flaky);
    }

    /** Counts of a single test case with the given status. */
    public static TestCounts of(TestStatus status, boolean flaky) {
        return switch (status) {
            case PASSED -> new TestCounts(1, 1, 0, 0, 0, flaky ? 1 : 0);
            case FAILED -> new TestCounts(1, 0, 1, 0, 0, 0);
            case ERRORED -> new TestCounts(1, 0, 0, 1, 0, 0);
            case SKIPPED -> new TestCounts(1, 0, 0, 0, 1, 0);
        };
    }
}
