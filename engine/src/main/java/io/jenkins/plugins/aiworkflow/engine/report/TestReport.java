package io.jenkins.plugins.aiworkflow.engine.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a set of report files says, kept small: totals overall and per suite, the files
 * read and the problems met, and only the notable test cases (failed or errored, flaky,
 * skipped). Passing tests are counted, never kept. Immutable.
 *
 * <p>The first {@link TextLimits#maxDetailedCases()} failed, the first as many flaky and the first
 * as many skipped cases, in file order, are kept in full (with their texts, within the limits);
 * later ones are only counted ({@link #failuresNotListed()} and the like), so memory does not
 * grow with the number of failing tests. The totals are always exact.
 */
public final class TestReport {
    private final TestCounts counts;
    private final int maxDetailedCases;
    private final List<String> files;
    private final List<ReportProblem> problems;
    private final List<SuiteSummary> suites;
    private final List<TestCaseResult> failures;
    private final List<TestCaseResult> flaky;
    private final List<TestCaseResult> skipped;

    private TestReport(Builder builder) {
        counts = builder.counts();
        maxDetailedCases = builder.limits.maxDetailedCases();
        files = List.copyOf(builder.files);
        problems = List.copyOf(builder.problems);
        suites = List.copyOf(builder.suites);
        failures = List.copyOf(builder.failures);
        flaky = List.copyOf(builder.flaky);
        skipped = List.copyOf(builder.skipped);
    }

    public static TestReport empty() {
        return builder(TextLimits.DEFAULT).build();
    }

    public static Builder builder(TextLimits limits) {
        return new Builder(limits);
    }

    public TestCounts counts() {
        return counts;
    }

    /** How many cases of each kind (failed, flaky, skipped) are kept at most. */
    public int maxDetailedCases() {
        return maxDetailedCases;
    }

    /** The report files read, in the order given. */
    public List<String> files() {
        return files;
    }

    /** Files that could not be read completely. */
    public List<ReportProblem> problems() {
        return problems;
    }

    public List<SuiteSummary> suites() {
        return suites;
    }

    /** The first {@link TextLimits#maxDetailedCases()} failed and errored test cases. */
    public List<TestCaseResult> failures() {
        return failures;
    }

    /** The first {@link TextLimits#maxDetailedCases()} test cases that passed after failing at least once. */
    public List<TestCaseResult> flaky() {
        return flaky;
    }

    /** Skipped test cases, at most {@link TextLimits#maxDetailedCases()} of them. */
    public List<TestCaseResult> skipped() {
        return skipped;
    }

    /** Failed and errored tests counted but not kept: those after the first {@link TextLimits#maxDetailedCases()}. */
    public long failuresNotListed() {
        return counts.failed() - failures.size();
    }

    /** Flaky tests counted but not kept. */
    public long flakyNotListed() {
        return counts.flaky() - flaky.size();
    }

    /** Skipped tests counted but not kept. */
    public long skippedNotListed() {
        return counts.skipped() - skipped.size();
    }

    /** Distinct identities of the kept failed and errored tests; complete when {@link #failuresNotListed()} is 0. */
    public Set<TestId> failedIds() {
        Set<TestId> ids = new LinkedHashSet<>();
        for (TestCaseResult failure : failures) {
            ids.add(failure.id());
        }
        return ids;
    }

    /**
     * Collects test cases and files into a report. Also a {@link TestCaseListener}, so a
     * parser can feed it directly. Not thread-safe; merge per-file builders with
     * {@link #addAll(Builder)} in a fixed order for a deterministic result.
     */
    public static final class Builder implements TestCaseListener {
        private final TextLimits limits;
        private final TestTally tally = new TestTally();
        private final List<String> files = new ArrayList<>();
        private final List<ReportProblem> problems = new ArrayList<>();
        private final List<SuiteSummary> suites = new ArrayList<>();
        private final List<TestCaseResult> failures = new ArrayList<>();
        private final List<TestCaseResult> flaky = new ArrayList<>();
        private final List<TestCaseResult> skipped = new ArrayList<>();
        // The builder the cases of this one will be appended to, which holds only earlier files.
        private Builder earlier;
        // How many cases of each kind are kept, for builders reading later files on other threads.
        private volatile int keptFailures;
        private volatile int keptFlaky;
        private volatile int keptSkipped;

        private Builder(TextLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
        }

        /**
         * This builder's cases will be appended ({@link #addAll}) to {@code earlier}, which holds only
         * files before this one (more of them as they are appended, possibly on another thread): once a
         * kind is full there, no later case of that kind is kept, so its texts are not wanted
         * ({@link #wantsTexts}) and the result does not depend on when that was seen.
         */
        public Builder after(Builder earlier) {
            this.earlier = earlier;
            return this;
        }

        /**
         * False only when the case cannot end up kept: every list a case with such a problem may end
         * in (a failure or error is always a failure; a flaky or skipped record may still become one)
         * is full here, counting the earlier files.
         */
        @Override
        public boolean wantsTexts(ProblemKind kind) {
            boolean failuresFull = full(keptFailures, earlier == null ? 0 : earlier.keptFailures);
            return switch (kind) {
                case FAILURE, ERROR, RERUN_FAILURE, RERUN_ERROR -> !failuresFull;
                case FLAKY_FAILURE, FLAKY_ERROR -> !failuresFull || !full(keptFlaky, earlier == null ? 0 : earlier.keptFlaky);
                case SKIPPED -> !failuresFull || !full(keptSkipped, earlier == null ? 0 : earlier.keptSkipped);
            };
        }

        private boolean full(int own, int before) {
            return own + before >= limits.maxDetailedCases();
        }

        @Override
        public void testCase(TestCaseResult testCase) {
            tally.add(testCase);
            keep(testCase);
        }

        /** Keeps the first notable cases of each kind; the others, and passing cases, are only counted. */
        private void keep(TestCaseResult testCase) {
            int max = limits.maxDetailedCases();
            if (testCase.status().isFailure()) {
                if (failures.size() < max) {
                    failures.add(testCase);
                    keptFailures = failures.size();
                }
            } else if (testCase.flaky()) {
                if (flaky.size() < max) {
                    flaky.add(testCase);
                    keptFlaky = flaky.size();
                }
            } else if (testCase.status() == TestStatus.SKIPPED && skipped.size() < max) {
                skipped.add(testCase);
                keptSkipped = skipped.size();
            }
        }

        TestCounts counts() {
            return tally.counts();
        }

        @Override
        public void suite(SuiteSummary suite) {
            suites.add(suite);
        }

        public Builder addFile(String file) {
            files.add(Objects.requireNonNull(file, "file"));
            return this;
        }

        public Builder addProblem(ReportProblem problem) {
            problems.add(Objects.requireNonNull(problem, "problem"));
            return this;
        }

        /** Appends everything another builder collected, re-applying this builder's bound on kept cases. */
        public Builder addAll(Builder other) {
            files.addAll(other.files);
            problems.addAll(other.problems);
            suites.addAll(other.suites);
            for (TestCaseResult testCase : other.failures) {
                keep(testCase);
            }
            for (TestCaseResult testCase : other.flaky) {
                keep(testCase);
            }
            for (TestCaseResult testCase : other.skipped) {
                keep(testCase);
            }
            // The other builder's counts, not its kept cases: it may have counted cases it did not keep.
            tally.add(other.counts());
            return this;
        }

        public TestReport build() {
            return new TestReport(this);
        }
    }
}
