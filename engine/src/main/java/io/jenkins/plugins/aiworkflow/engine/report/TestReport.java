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
 * <p>Texts are kept for the first {@link TextLimits#maxDetailedCases()} failed, the first
 * as many flaky and the first as many skipped cases; later failed and flaky cases keep
 * identity and status only, and later skipped cases are counted only.
 */
public final class TestReport {
    private final TestCounts counts;
    private final List<String> files;
    private final List<ReportProblem> problems;
    private final List<SuiteSummary> suites;
    private final List<TestCaseResult> failures;
    private final List<TestCaseResult> flaky;
    private final List<TestCaseResult> skipped;

    private TestReport(Builder builder) {
        counts = builder.counts();
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

    /** Every failed and errored test case. */
    public List<TestCaseResult> failures() {
        return failures;
    }

    /** Every test case that passed after failing at least once. */
    public List<TestCaseResult> flaky() {
        return flaky;
    }

    /** Skipped test cases, at most {@link TextLimits#maxDetailedCases()} of them. */
    public List<TestCaseResult> skipped() {
        return skipped;
    }

    /** Distinct identities of the failed and errored tests. */
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

        private Builder(TextLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
        }

        @Override
        public void testCase(TestCaseResult testCase) {
            tally.add(testCase);
            keep(testCase);
        }

        /** Keeps a notable case within the text budget; passing cases are only counted. */
        private void keep(TestCaseResult testCase) {
            if (testCase.status().isFailure()) {
                failures.add(budgeted(testCase, failures.size()));
            } else if (testCase.flaky()) {
                flaky.add(budgeted(testCase, flaky.size()));
            } else if (testCase.status() == TestStatus.SKIPPED && skipped.size() < limits.maxDetailedCases()) {
                skipped.add(testCase);
            }
        }

        TestCounts counts() {
            return tally.counts();
        }

        private TestCaseResult budgeted(TestCaseResult testCase, int alreadyKept) {
            return alreadyKept < limits.maxDetailedCases() ? testCase : testCase.withoutTexts();
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

        /** Appends everything another builder collected, re-applying this builder's text budget. */
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
            // The other builder's counts, not its kept cases: it may have counted skipped cases it did not keep.
            tally.add(other.counts());
            return this;
        }

        public TestReport build() {
            return new TestReport(this);
        }
    }
}
