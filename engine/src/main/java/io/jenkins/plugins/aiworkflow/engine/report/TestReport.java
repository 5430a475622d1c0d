package io.jenkins.plugins.aiworkflow.engine.report;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What a set of report files says, kept small: totals overall and per suite, the files
 * read and the problems met, and only the notable test cases (failed or errored, flaky,
 * skipped). Passing tests are counted and, for the tamper guard, their identities kept as hashes; nothing else
 * of them is kept. Immutable.
 *
 * <p>What is kept is bounded by {@link TextLimits}, so memory grows neither with the number of
 * failing tests nor with what their reports hold; the totals are always exact:
 * <ul>
 *   <li>the first {@link TextLimits#maxDetailedCases()} failed, the first as many flaky and the first as
 *       many skipped cases, in file order, are kept (listed); later ones are only counted
 *       ({@link #failuresNotListed()} and the like);</li>
 *   <li>the texts of all kept cases together (messages, details, output) stay within
 *       {@link TextLimits#maxKeptTextChars()}: once a case's texts do not fit, it and every later case are
 *       kept {@linkplain TestCaseResult#withoutTexts() without texts} ({@link #listedWithoutTexts()});</li>
 *   <li>their names and problem types together stay within {@link TextLimits#maxKeptNameChars()}: once a
 *       case's names do not fit, it and every later notable case are only counted ({@link #namesBudgetSpent()});</li>
 *   <li>the first {@value #MAX_LISTED_SUITES} suites are kept, later ones only counted ({@link #suitesNotListed()});</li>
 *   <li>the identity of every test that ran or was skipped is kept as a 64-bit hash, for at most
 *       {@link TestIdentities#MAX_TESTS} test cases, with the names of the first ones ({@link #identities()}).</li>
 * </ul>
 * Each file's builder applies these bounds, and so does the merge of the files' builders in file order
 * ({@link Builder#addAll}), so the result does not depend on how many files are read at once.
 */
public final class TestReport implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Suites kept; later ones are counted ({@link #suitesNotListed()}). docs/security.md shows why it fits. */
    public static final int MAX_LISTED_SUITES = 500;
    /** Characters kept of the first message of a case {@linkplain TestCaseResult#withoutTexts() without texts}. */
    public static final int MESSAGE_CHARS_WITHOUT_TEXTS = 200;

    private final TestCounts counts;
    private final TextLimits limits;
    private final List<String> files;
    private final List<ReportProblem> problems;
    private final List<SuiteSummary> suites;
    private final long suitesNotListed;
    private final List<TestCaseResult> failures;
    private final List<TestCaseResult> flaky;
    private final List<TestCaseResult> skipped;
    private final long listedWithoutTexts;
    private final boolean namesBudgetSpent;
    private final TestIdentities identities;

    private TestReport(Builder builder) {
        counts = builder.counts();
        limits = builder.limits;
        files = List.copyOf(builder.files);
        problems = List.copyOf(builder.problems);
        suites = List.copyOf(builder.suites);
        suitesNotListed = builder.suitesNotListed;
        failures = List.copyOf(builder.failures);
        flaky = List.copyOf(builder.flaky);
        skipped = List.copyOf(builder.skipped);
        listedWithoutTexts = builder.listedWithoutTexts;
        namesBudgetSpent = builder.namesSpent;
        identities = builder.identities.build();
    }

    /** A copy of {@code report} with its texts passed through {@code text} (see {@link #withTexts}). */
    private TestReport(TestReport report, UnaryOperator<String> text) {
        counts = report.counts;
        limits = report.limits;
        files = report.files.stream().map(text).toList();
        problems = report.problems.stream()
                .map(problem -> new ReportProblem(text.apply(problem.file()), problem.kind(),
                        text.apply(problem.message())))
                .toList();
        suites = report.suites.stream()
                .map(suite -> new SuiteSummary(text.apply(suite.name()), text.apply(suite.file()), suite.counts(),
                        suite.durationSeconds()))
                .toList();
        suitesNotListed = report.suitesNotListed;
        failures = withTexts(report.failures, text);
        flaky = withTexts(report.flaky, text);
        skipped = withTexts(report.skipped, text);
        listedWithoutTexts = report.listedWithoutTexts;
        namesBudgetSpent = report.namesBudgetSpent;
        identities = report.identities.withNames(text);
    }

    private static List<TestCaseResult> withTexts(List<TestCaseResult> cases, UnaryOperator<String> text) {
        return cases.stream().map(testCase -> testCase.withTexts(text)).toList();
    }

    /**
     * This report with every text it keeps (file names, problems, suite names, the kept cases' names, messages,
     * details and output, the names of {@link #identities()}) passed through {@code text}; counts, limits and the
     * identities' hashes stay. For a masking of secret values that is only known where the report arrives: the
     * report is parsed where its files are ({@code Validator}), and masked on the way back.
     */
    public TestReport withTexts(UnaryOperator<String> text) {
        return new TestReport(this, text);
    }

    public static TestReport empty() {
        return builder(TextLimits.DEFAULT).build();
    }

    public static Builder builder(TextLimits limits) {
        return builder(limits, TestIdentities.MAX_TESTS);
    }

    /**
     * A builder that keeps the identities of at most {@code maxTestIdentities} test cases instead of
     * {@link TestIdentities#MAX_TESTS}; for callers (and tests) that must keep fewer.
     */
    public static Builder builder(TextLimits limits, int maxTestIdentities) {
        return new Builder(limits, new TestIdentities.Recorder(new TestIdentities.Budget(maxTestIdentities)),
                KeptSoFar.NOTHING, true);
    }

    public TestCounts counts() {
        return counts;
    }

    /** The limits this report was kept within. */
    public TextLimits limits() {
        return limits;
    }

    /** How many cases of each kind (failed, flaky, skipped) are kept at most. */
    public int maxDetailedCases() {
        return limits.maxDetailedCases();
    }

    /** The report files read, in the order given. */
    public List<String> files() {
        return files;
    }

    /** Files that could not be read completely. */
    public List<ReportProblem> problems() {
        return problems;
    }

    /** The first {@value #MAX_LISTED_SUITES} suites, in file order. */
    public List<SuiteSummary> suites() {
        return suites;
    }

    /** Suites read but not kept: those after the first {@value #MAX_LISTED_SUITES}. */
    public long suitesNotListed() {
        return suitesNotListed;
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

    /**
     * Failed and errored tests counted but not kept: those after the first {@link TextLimits#maxDetailedCases()},
     * and any after the names budget was spent ({@link #namesBudgetSpent()}).
     */
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

    /**
     * Kept (listed) cases of all kinds whose texts were dropped because the texts kept before them reached
     * {@link TextLimits#maxKeptTextChars()} ({@link TestCaseResult#withoutTexts()}).
     */
    public long listedWithoutTexts() {
        return listedWithoutTexts;
    }

    /**
     * True when the names of the kept cases reached {@link TextLimits#maxKeptNameChars()}, so that notable
     * cases after that point are counted but not listed even though fewer than {@link #maxDetailedCases()}
     * of their kind were kept.
     */
    public boolean namesBudgetSpent() {
        return namesBudgetSpent;
    }

    /**
     * The identities of the tests that ran and of those skipped, as hashes, with the names of the first ones; not
     * {@linkplain TestIdentities#complete() complete} when there were more than {@link TestIdentities#MAX_TESTS}.
     */
    public TestIdentities identities() {
        return identities;
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
        private long suitesNotListed;
        private final List<TestCaseResult> failures = new ArrayList<>();
        private final List<TestCaseResult> flaky = new ArrayList<>();
        private final List<TestCaseResult> skipped = new ArrayList<>();
        // All kept cases in the order they came, so that a merge charges the budgets in that order too.
        private final List<TestCaseResult> kept = new ArrayList<>();
        private long textChars;
        private long nameChars;
        private boolean textsSpent;
        private boolean namesSpent;
        private long listedWithoutTexts;
        private final TestIdentities.Recorder identities;
        /** What the builder this one is merged into had kept already (see {@link #forFile(KeptSoFar)}). */
        private final KeptSoFar before;
        /** False for a builder reading a file again: its identities were recorded by the first reading. */
        private final boolean recordsIdentities;

        private Builder(TextLimits limits, TestIdentities.Recorder identities, KeptSoFar before,
                        boolean recordsIdentities) {
            this.limits = Objects.requireNonNull(limits, "limits");
            this.identities = identities;
            this.before = before;
            this.recordsIdentities = recordsIdentities;
        }

        /**
         * A builder for one file of the reading this builder collects, to be merged into it with {@link #addAll}:
         * the same limits, and identities kept within one bound for all of them together (see
         * {@link TestIdentities.Recorder}).
         *
         * @param before what this builder had kept when the file's reading started ({@link #keptSoFar()}): the
         *               new builder neither keeps nor reads the texts of cases of a kind that was full then, nor of
         *               any notable case once the names budget was spent then, since the merge would drop them all
         *               (lists only grow, budgets once spent stay spent)
         */
        Builder forFile(KeptSoFar before) {
            return new Builder(limits, identities.sharingBudget(), before, true);
        }

        /** Which lists this builder has filled and whether it spent its names budget; they never go back. */
        KeptSoFar keptSoFar() {
            int max = limits.maxDetailedCases();
            return new KeptSoFar(failures.size() >= max, flaky.size() >= max, skipped.size() >= max, namesSpent);
        }

        /**
         * Whether merging this file's builder gives what merging one told {@code atMerge} would give: yes when it
         * was told the same, or when it spent no budget, since then the cases it kept beyond what {@code atMerge}
         * allows are all dropped by the merge and charged nothing there. Otherwise its file must be read again
         * ({@link #forFileAgain}), or the result would depend on when the file was read, and so on the threads.
         */
        boolean mergesAsIfTold(KeptSoFar atMerge) {
            return before.equals(atMerge) || !textsSpent && !namesSpent;
        }

        /**
         * A builder for reading this file's builder's file again, told {@code before}: it keeps this builder's
         * identities (what was kept does not change which tests ran) and records none.
         */
        Builder forFileAgain(KeptSoFar before) {
            return new Builder(limits, identities, before, false);
        }

        /**
         * False only when this builder cannot keep the case: every list a case with such a problem may
         * end in (a failure or error is always a failure; a flaky or skipped record may still become one)
         * is full, here or in what the builder it is merged into had kept before ({@link #forFile}), or the
         * names budget is spent.
         */
        @Override
        public boolean wantsTexts(ProblemKind kind) {
            int max = limits.maxDetailedCases();
            if (namesSpent || before.namesSpent()) {
                return false;
            }
            boolean failuresFull = before.failuresFull() || failures.size() >= max;
            return switch (kind) {
                case FAILURE, ERROR, RERUN_FAILURE, RERUN_ERROR -> !failuresFull;
                case FLAKY_FAILURE, FLAKY_ERROR -> !failuresFull || !before.flakyFull() && flaky.size() < max;
                case SKIPPED -> !failuresFull || !before.skippedFull() && skipped.size() < max;
            };
        }

        @Override
        public void testCase(TestCaseResult testCase) {
            tally.add(testCase);
            if (recordsIdentities) {
                identities.add(testCase);
            }
            // Passing cases, nearly all of them, are only counted: keep() is not even called, so the JIT
            // compiles this method small and early.
            if (testCase.status() != TestStatus.PASSED || testCase.flaky()) {
                keep(testCase);
            }
        }

        /**
         * Keeps the first notable cases of each kind while their names fit, with their texts while those fit;
         * the others, and passing cases, are only counted. A budget once spent stays spent, so what is kept is
         * a prefix in file order, the same whether the cases come one by one or from other builders, with one
         * exception: a file's builder may have spent its budgets on cases the merge then drops because the
         * merge had less room left for their kind than the file's builder had, so that file's later cases lose
         * their texts or their listing earlier than in one builder. Either way the result depends only on the
         * files and their order, never on threads ({@link #mergesAsIfTold}).
         */
        private void keep(TestCaseResult testCase) {
            List<TestCaseResult> list = listFor(testCase);
            if (list == null || list.size() >= limits.maxDetailedCases() || namesSpent || before.namesSpent()
                    || fullBefore(list)) {
                return;
            }
            long names = testCase.nameChars(kept.isEmpty() ? null : kept.get(kept.size() - 1));
            if (nameChars + names > limits.maxKeptNameChars()) {
                namesSpent = true;
                return;
            }
            nameChars += names;
            TestCaseResult keep = testCase;
            textsSpent |= testCase.withoutTexts(); // one without texts comes from a builder whose budget was spent
            long texts = testCase.textChars();
            if (!textsSpent && textChars + texts <= limits.maxKeptTextChars()) {
                textChars += texts;
            } else if (texts > 0) {
                textsSpent = true;
                keep = testCase.withoutTexts(MESSAGE_CHARS_WITHOUT_TEXTS);
            }
            if (keep.withoutTexts()) {
                listedWithoutTexts++;
            }
            list.add(keep);
            kept.add(keep);
        }

        /** Whether the builder this one is merged into had this list full already ({@link #forFile}). */
        private boolean fullBefore(List<TestCaseResult> list) {
            return list == failures ? before.failuresFull() : list == flaky ? before.flakyFull() : before.skippedFull();
        }

        private List<TestCaseResult> listFor(TestCaseResult testCase) {
            if (testCase.status().isFailure()) {
                return failures;
            }
            if (testCase.flaky()) {
                return flaky;
            }
            return testCase.status() == TestStatus.SKIPPED ? skipped : null;
        }

        TestCounts counts() {
            return tally.counts();
        }

        @Override
        public void suite(SuiteSummary suite) {
            if (suites.size() < MAX_LISTED_SUITES) {
                suites.add(suite);
            } else {
                suitesNotListed++;
            }
        }

        public Builder addFile(String file) {
            files.add(Objects.requireNonNull(file, "file"));
            return this;
        }

        public Builder addProblem(ReportProblem problem) {
            problems.add(Objects.requireNonNull(problem, "problem"));
            return this;
        }

        /** Appends everything another builder collected, re-applying this builder's bounds on what is kept. */
        public Builder addAll(Builder other) {
            files.addAll(other.files);
            problems.addAll(other.problems);
            for (SuiteSummary suite : other.suites) {
                suite(suite);
            }
            suitesNotListed += other.suitesNotListed;
            for (TestCaseResult testCase : other.kept) {
                keep(testCase);
            }
            // A budget the other builder spent would have been spent here at the same case at the latest.
            textsSpent |= other.textsSpent;
            namesSpent |= other.namesSpent;
            // The other builder's counts, not its kept cases: it may have counted cases it did not keep.
            tally.add(other.counts());
            identities.addAll(other.identities);
            return this;
        }

        public TestReport build() {
            return new TestReport(this);
        }
    }

    /**
     * What a reading had kept at some point: which lists of notable cases were full, whether the names budget
     * was spent. Both only ever become true, so a file read later can rely on them.
     */
    record KeptSoFar(boolean failuresFull, boolean flakyFull, boolean skippedFull, boolean namesSpent) {
        static final KeptSoFar NOTHING = new KeptSoFar(false, false, false, false);
    }
}
