package io.jenkins.plugins.aiworkflow.engine.validate;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.report.ReportProblem;
import io.jenkins.plugins.aiworkflow.engine.report.TestCaseResult;
import io.jenkins.plugins.aiworkflow.engine.report.TestCounts;
import io.jenkins.plugins.aiworkflow.engine.report.TestId;
import io.jenkins.plugins.aiworkflow.engine.report.TestIdentities;
import io.jenkins.plugins.aiworkflow.engine.report.TestReport;
import io.jenkins.plugins.aiworkflow.engine.text.Decimals;
import io.jenkins.plugins.aiworkflow.engine.workspace.CommandResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The conditions a test run must meet. Strict by default: tests must have run, none may
 * fail, the count may not drop nor the skips grow against a baseline, no test that ran in the
 * baseline may be missing or skipped (by identity), every report must be readable, and the test
 * command must exit 0. Immutable; see {@link Builder}.
 */
public final class QualityGate {
    /** How many test names a reason lists before "and N more". */
    static final int LISTED_TESTS = 10;
    /** The run's limit, named by its step parameter, as {@code Budget} names it. */
    static final String WALL_TIME_LIMIT = "the run's wall-time limit (timeout)";

    private final boolean requireTests;
    private final long maxFailures;
    private final double minPassRate;
    private final boolean allowTestDecrease;
    private final boolean allowSkipIncrease;
    private final boolean allowMissingTests;
    private final boolean allowNewlySkippedTests;
    private final boolean newFailuresOnly;
    private final boolean allowFlaky;
    private final boolean allowReportProblems;
    private final SortedSet<Integer> acceptedExitCodes;

    private QualityGate(Builder builder) {
        requireTests = builder.requireTests;
        maxFailures = builder.maxFailures;
        minPassRate = builder.minPassRate;
        allowTestDecrease = builder.allowTestDecrease;
        allowSkipIncrease = builder.allowSkipIncrease;
        allowMissingTests = builder.allowMissingTests;
        allowNewlySkippedTests = builder.allowNewlySkippedTests;
        newFailuresOnly = builder.newFailuresOnly;
        allowFlaky = builder.allowFlaky;
        allowReportProblems = builder.allowReportProblems;
        acceptedExitCodes = new TreeSet<>(builder.acceptedExitCodes);
    }

    /** The strict default gate. */
    public static QualityGate defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean requireTests() {
        return requireTests;
    }

    public long maxFailures() {
        return maxFailures;
    }

    public double minPassRate() {
        return minPassRate;
    }

    public boolean allowTestDecrease() {
        return allowTestDecrease;
    }

    public boolean allowSkipIncrease() {
        return allowSkipIncrease;
    }

    public boolean allowMissingTests() {
        return allowMissingTests;
    }

    public boolean allowNewlySkippedTests() {
        return allowNewlySkippedTests;
    }

    public boolean newFailuresOnly() {
        return newFailuresOnly;
    }

    public boolean allowFlaky() {
        return allowFlaky;
    }

    public boolean allowReportProblems() {
        return allowReportProblems;
    }

    public SortedSet<Integer> acceptedExitCodes() {
        return java.util.Collections.unmodifiableSortedSet(acceptedExitCodes);
    }

    /**
     * Kept failed tests whose identity did not fail in the baseline. Failures the report did not keep
     * ({@link TestReport#failuresNotListed()}) cannot be matched; the gate counts them as new.
     */
    public static List<TestCaseResult> newFailures(TestReport report, Baseline baseline) {
        List<TestCaseResult> fresh = new ArrayList<>();
        for (TestCaseResult failure : report.failures()) {
            if (!baseline.failedIds().contains(failure.id())) {
                fresh.add(failure);
            }
        }
        return fresh;
    }

    public Verdict evaluate(GateInput input) {
        if (newFailuresOnly && input.baseline() == null) {
            throw new InvalidRequestException("newFailuresOnly", "newFailuresOnly needs a baseline; accepted: give "
                    + "a baseline result file, or leave newFailuresOnly false", null);
        }
        List<Reason> reasons = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        TestReport report = input.report();
        TestCounts counts = report.counts();
        Baseline baseline = input.baseline();

        CommandResult command = input.command();
        if (command != null) {
            if (command.timedOut() && input.timeLeft() != null) {
                reasons.add(new Reason(GateCondition.EXIT_CODE, "command '" + command.command() + "' was killed: "
                        + WALL_TIME_LIMIT + " was reached (the command had the " + seconds(input.timeLeft())
                        + " the run had left)"));
            } else if (command.timedOut()) {
                reasons.add(new Reason(GateCondition.EXIT_CODE, "command '" + command.command() + "' timed out after "
                        + command.duration().toSeconds() + " s and was killed"));
            } else if (!acceptedExitCodes.contains(command.exitCode())) {
                reasons.add(new Reason(GateCondition.EXIT_CODE, "command '" + command.command() + "' exited with "
                        + command.exitCode() + ", acceptedExitCodes is " + joinCodes(acceptedExitCodes)));
            }
        }

        if (!input.staleReports().isEmpty()) {
            notes.add(input.staleReports().size() + " stale report file(s) ignored because the command did not "
                    + "write them: " + list(input.staleReports()));
        }

        List<ReportProblem> problems = new ArrayList<>();
        List<ReportProblem> foreign = new ArrayList<>();
        for (ReportProblem problem : report.problems()) {
            (problem.kind().losesResults() ? problems : foreign).add(problem);
        }
        if (!foreign.isEmpty()) {
            notes.add(foreign.size() + " matching file(s) are not JUnit XML reports and were ignored: " + list(foreign));
        }
        if (!problems.isEmpty()) {
            String message = problems.size() + " report file(s) could not be read completely: " + list(problems);
            if (allowReportProblems) {
                notes.add(message + " (allowed by allowReportProblems)");
            } else {
                reasons.add(new Reason(GateCondition.REPORT_PROBLEMS,
                        message + "; allowReportProblems is false, so a broken report fails the gate"));
            }
        }

        if (requireTests && counts.executed() == 0) {
            String why;
            if (report.files().isEmpty()) {
                why = "no report file matched " + list(input.reportPatterns())
                        + (input.staleReports().isEmpty() ? "" : " (only stale ones)");
            } else {
                why = counts.tests() + " test(s) in " + report.files().size() + " report file(s), "
                        + counts.skipped() + " skipped";
            }
            reasons.add(new Reason(GateCondition.REQUIRE_TESTS, "no test was executed (" + why
                    + "), requireTests is true"));
        }

        // Only the first maxDetailedCases failures are kept: numbers come from the exact totals, and
        // failures that are not kept cannot be matched with a baseline, so they count as new (fail safe).
        List<TestCaseResult> kept = report.failures();
        long notListed = report.failuresNotListed();
        List<TestCaseResult> keptNew = newFailuresOnly ? newFailures(report, baseline) : kept;
        long knownFailures = kept.size() - keptNew.size();
        long counted = keptNew.size() + notListed;
        if (counted > maxFailures) {
            String message;
            if (newFailuresOnly) {
                List<String> parts = new ArrayList<>();
                if (!keptNew.isEmpty()) {
                    parts.add(listTests(keptNew));
                }
                if (notListed > 0) {
                    parts.add(notListed + " failed test(s) are not listed (" + keptOnly(report)
                            + "), so whether they are new cannot be told: they count as new");
                }
                if (baseline.failuresNotListed() > 0) {
                    parts.add("the baseline did not list " + baseline.failuresNotListed()
                            + " of its failures, so a test not listed there counts as new");
                }
                message = counted + " new test failure(s) (" + knownFailures + " more already failed in the baseline)"
                        + ", maxFailures is " + maxFailures + ": " + String.join("; ", parts);
            } else {
                message = counted + " test(s) failed, maxFailures is " + maxFailures + ": "
                        + listTests(kept, notListed, "failed", report);
            }
            reasons.add(new Reason(GateCondition.MAX_FAILURES, message));
        }

        long rated = counts.executed() - knownFailures;
        if (rated > 0) {
            long passedCount = rated - counted;
            double passRate = (double) passedCount / rated;
            if (passRate < minPassRate) {
                reasons.add(new Reason(GateCondition.MIN_PASS_RATE, "pass rate is " + percent(passRate) + " ("
                        + passedCount + " of " + rated + " executed test(s) passed"
                        + (knownFailures > 0 ? ", not counting " + knownFailures + " failing in the baseline" : "")
                        + "), minPassRate is " + percent(minPassRate)));
            }
        }

        if (baseline != null) {
            TestCounts before = baseline.counts();
            if (counts.tests() < before.tests()) {
                String message = counts.tests() + " test(s) found, the baseline had " + before.tests() + " ("
                        + (before.tests() - counts.tests()) + " fewer)";
                if (allowTestDecrease) {
                    notes.add(message + " (allowed by allowTestDecrease)");
                } else {
                    reasons.add(new Reason(GateCondition.TEST_DECREASE, message
                            + ", allowTestDecrease is false: deleting tests does not make a change pass"));
                }
            }
            if (counts.skipped() > before.skipped()) {
                String message = counts.skipped() + " test(s) skipped, the baseline had " + before.skipped() + " ("
                        + (counts.skipped() - before.skipped()) + " more)";
                if (allowSkipIncrease) {
                    notes.add(message + " (allowed by allowSkipIncrease)");
                } else {
                    reasons.add(new Reason(GateCondition.SKIP_INCREASE, message
                            + ", allowSkipIncrease is false: skipping tests does not make a change pass"));
                }
            }
            checkIdentities(report, baseline, reasons, notes);
        }

        if (counts.flaky() > 0) {
            String message = counts.flaky() + " flaky test(s) passed only on a rerun: "
                    + listTests(report.flaky(), report.flakyNotListed(), "flaky", report);
            if (allowFlaky) {
                notes.add(message);
            } else {
                reasons.add(new Reason(GateCondition.FLAKY, message + ", allowFlaky is false"));
            }
        }
        long unlisted = report.failuresNotListed() + report.flakyNotListed() + report.skippedNotListed();
        if (unlisted > 0) {
            notes.add(report.failuresNotListed() + " failed, " + report.flakyNotListed() + " flaky and "
                    + report.skippedNotListed() + " skipped test(s) are counted but not listed: " + keptOnly(report));
        }
        if (report.listedWithoutTexts() > 0) {
            notes.add(report.listedWithoutTexts() + " listed test(s) are kept without their texts (no details or "
                    + "output, the first message cut to " + TestReport.MESSAGE_CHARS_WITHOUT_TEXTS + " characters): "
                    + "the texts kept before them reached " + report.limits().maxKeptTextChars()
                    + " characters, maxKeptTextChars");
        }
        return Verdict.of(reasons, notes);
    }

    // What a test must be, by identity, to be named in a tamper-guard reason.
    private static final int MISSING = 0;
    private static final int SKIPPED_NOW = 1;
    private static final int NEW = 2;

    /**
     * The tamper guard by identity: tests that ran in the baseline and neither ran nor were skipped now (deleted or
     * renamed), or were skipped now. A baseline read from a JSON result knows by identity only the failing tests it
     * lists; one made in memory knows all ({@link Baseline#identities()}). When either side had too many tests to
     * keep their identities, the guard cannot tell, and fails safe.
     */
    private void checkIdentities(TestReport report, Baseline baseline, List<Reason> reasons, List<String> notes) {
        TestIdentities now = report.identities();
        boolean allKnown = baseline.identities() != null;
        Set<TestId> failedBefore = new TreeSet<>(baseline.failedIds());
        TestIdentities before = allKnown ? baseline.identities() : TestIdentities.ofExecuted(failedBefore);
        if (!now.complete() || !before.complete()) {
            TestIdentities over = now.complete() ? before : now;
            String why = (over == now ? "this run has " : "the baseline has ") + over.tests() + " tests, more than the "
                    + over.maxTests() + " whose identities are kept (TestIdentities.MAX_TESTS)";
            cannotTell(GateCondition.MISSING_TESTS, allowMissingTests, "missing", why, reasons, notes);
            cannotTell(GateCondition.NEWLY_SKIPPED_TESTS, allowNewlySkippedTests, "skipped now", why, reasons, notes);
            return;
        }
        Set<TestId> named = new LinkedHashSet<>(before.named());
        named.addAll(failedBefore);
        String namedBefore = "the baseline keeps the names " + namedOnly(before) + " and of the failing tests it lists";

        long missing = before.executedMissingIn(now);
        if (missing > 0) {
            StringBuilder message = new StringBuilder().append(missing)
                    .append(" test(s) that ran in the baseline are missing: ")
                    .append(names(named, MISSING, before, now, missing, namedBefore));
            long added = allKnown ? now.executedMissingIn(before) : 0;
            if (added > 0) {
                Set<TestId> namedNow = new LinkedHashSet<>(now.named());
                addIds(namedNow, report.failures());
                addIds(namedNow, report.flaky());
                message.append("; ").append(added).append(" test(s) ran that the baseline did not have: ")
                        .append(names(namedNow, NEW, before, now, added, "this run keeps the names " + namedOnly(now)
                                + " and of the failing and flaky tests it lists"))
                        .append(" (a renamed test is one missing and one new test)");
            }
            if (allowMissingTests) {
                notes.add(message + " (allowed by allowMissingTests)");
            } else {
                reasons.add(new Reason(GateCondition.MISSING_TESTS, message + ", allowMissingTests is false: deleting or "
                        + "renaming a test does not make a change pass"));
            }
        }

        long skippedNow = before.executedOnlySkippedIn(now);
        if (skippedNow > 0) {
            Set<TestId> candidates = new LinkedHashSet<>();
            addIds(candidates, report.skipped());
            candidates.addAll(named);
            String message = skippedNow + " test(s) that ran in the baseline are skipped now: "
                    + names(candidates, SKIPPED_NOW, before, now, skippedNow, namedBefore
                    + ", and this run lists its first skipped tests only, maxDetailedCases");
            if (allowNewlySkippedTests) {
                notes.add(message + " (allowed by allowNewlySkippedTests)");
            } else {
                reasons.add(new Reason(GateCondition.NEWLY_SKIPPED_TESTS, message + ", allowNewlySkippedTests is false: "
                        + "skipping a test does not make a change pass"));
            }
        }
    }

    private static void cannotTell(GateCondition condition, boolean allowed, String what, String why,
                                   List<Reason> reasons, List<String> notes) {
        String message = "whether tests that ran in the baseline are " + what + " cannot be told: " + why;
        if (allowed) {
            notes.add(message + " (allowed by " + condition.parameterName() + ")");
        } else {
            reasons.add(new Reason(condition, message + ", " + condition.parameterName() + " is false, so the gate "
                    + "fails safe"));
        }
    }

    /** Which tests a report keeps the names of, for messages. */
    private static String namedOnly(TestIdentities identities) {
        return "of its first " + identities.named().size() + " tests that ran, TestIdentities.MAX_NAMED_TESTS and "
                + "MAX_NAMED_CHARS,";
    }

    private static void addIds(Set<TestId> ids, List<TestCaseResult> tests) {
        for (TestCaseResult test : tests) {
            ids.add(test.id());
        }
    }

    /**
     * Names the first {@value #LISTED_TESTS} of the {@code candidates} that are what {@code kind} says, and says how
     * many more of the {@code total} there are, and how many of those no name is known for ({@code unnamedWhy}).
     */
    private static String names(Set<TestId> candidates, int kind, TestIdentities before, TestIdentities now, long total,
                                String unnamedWhy) {
        StringBuilder out = new StringBuilder();
        int shown = 0;
        long known = 0;
        for (TestId id : candidates) {
            boolean matches = switch (kind) {
                case MISSING -> before.executed(id) && !now.executed(id) && !now.skipped(id);
                case SKIPPED_NOW -> before.executed(id) && now.skipped(id) && !now.executed(id);
                default -> now.executed(id) && !before.executed(id) && !before.skipped(id);
            };
            if (!matches) {
                continue;
            }
            known++;
            if (shown < LISTED_TESTS) {
                out.append(shown > 0 ? ", " : "").append(id);
                shown++;
            }
        }
        long more = total - shown;
        long unnamed = Math.max(0, total - known);
        if (more <= 0) {
            return out.toString();
        }
        if (shown == 0) {
            return out.append("none of them named (").append(unnamedWhy).append(')').toString();
        }
        out.append(", and ").append(more).append(" more");
        if (unnamed > 0) {
            out.append(", ").append(unnamed).append(" of them not named (").append(unnamedWhy).append(')');
        }
        return out.toString();
    }

    private static String keptOnly(TestReport report) {
        return "only the first " + report.maxDetailedCases() + " of each kind are kept, maxDetailedCases"
                + namesOnly(report);
    }

    /** Why fewer than maxDetailedCases may be listed: empty unless the names of the kept tests filled their budget. */
    public static String namesOnly(TestReport report) {
        return report.namesBudgetSpent() ? ", and only while their names fit in " + report.limits().maxKeptNameChars()
                + " characters, maxKeptNameChars" : "";
    }

    /** Names the first tests; says how many more there are, and how many of those the report did not keep. */
    static String listTests(Collection<TestCaseResult> kept, long notListed, String kind, TestReport report) {
        Set<String> names = new LinkedHashSet<>();
        for (TestCaseResult test : kept) {
            names.add(test.id().toString());
        }
        StringBuilder out = new StringBuilder();
        int shown = 0;
        for (String name : names) {
            if (shown == LISTED_TESTS) {
                break;
            }
            out.append(shown > 0 ? ", " : "").append(name);
            shown++;
        }
        long moreKept = names.size() - shown;
        if (notListed == 0) {
            return moreKept > 0 ? out.append(", and ").append(moreKept).append(" more").toString() : out.toString();
        }
        String prefix = shown > 0 ? ", and " : "";
        if (moreKept == 0) {
            return out.append(prefix).append(notListed).append(" more ").append(kind).append(" test(s) not listed (")
                    .append(keptOnly(report)).append(')').toString();
        }
        return out.append(prefix).append(moreKept + notListed).append(" more, ").append(notListed)
                .append(" of them not listed (").append(keptOnly(report)).append(')').toString();
    }

    static String listTests(Collection<TestCaseResult> tests) {
        Set<String> names = new LinkedHashSet<>();
        for (TestCaseResult test : tests) {
            names.add(test.id().toString());
        }
        return list(names);
    }

    static String list(Collection<?> items) {
        StringBuilder out = new StringBuilder();
        int shown = 0;
        for (Object item : items) {
            if (shown == LISTED_TESTS) {
                out.append(", and ").append(items.size() - shown).append(" more");
                break;
            }
            if (shown > 0) {
                out.append(", ");
            }
            out.append(item);
            shown++;
        }
        return out.toString();
    }

    private static String joinCodes(Collection<Integer> codes) {
        return codes.toString().replace(" ", "");
    }

    /** A duration for messages: tenths of a second below ten seconds, whole seconds or minutes above. */
    static String seconds(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        if (millis < 10_000) {
            return Decimals.fixed(millis / 1000.0, 1) + " s";
        }
        long seconds = millis / 1000;
        if (seconds < 60) {
            return seconds + " s";
        }
        return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
    }

    static String percent(double rate) {
        return Decimals.fixed(rate * 100, 2) + "%";
    }

    /** Builder; every condition starts at its strict default. */
    public static final class Builder {
        private boolean requireTests = true;
        private long maxFailures = 0;
        private double minPassRate = 1.0;
        private boolean allowTestDecrease = false;
        private boolean allowSkipIncrease = false;
        private boolean allowMissingTests = false;
        private boolean allowNewlySkippedTests = false;
        private boolean newFailuresOnly = false;
        private boolean allowFlaky = true;
        private boolean allowReportProblems = false;
        private Set<Integer> acceptedExitCodes = Set.of(0);

        private Builder() {
        }

        /** Zero executed tests fails the gate (default true). */
        public Builder requireTests(boolean value) {
            requireTests = value;
            return this;
        }

        /** Most failed or errored tests allowed (default 0). */
        public Builder maxFailures(long value) {
            if (value < 0) {
                throw new InvalidRequestException("maxFailures", "maxFailures must be >= 0, was " + value, null);
            }
            maxFailures = value;
            return this;
        }

        /** Least share of executed tests that must pass, 0.0 to 1.0 (default 1.0). */
        public Builder minPassRate(double value) {
            if (!(value >= 0.0 && value <= 1.0)) {
                throw new InvalidRequestException("minPassRate", "minPassRate must be between 0.0 and 1.0 (a share, "
                        + "0.95 for 95%), was " + value, null);
            }
            minPassRate = value;
            return this;
        }

        /** Fewer tests than the baseline is allowed (default false). */
        public Builder allowTestDecrease(boolean value) {
            allowTestDecrease = value;
            return this;
        }

        /** More skipped tests than the baseline is allowed (default false). */
        public Builder allowSkipIncrease(boolean value) {
            allowSkipIncrease = value;
            return this;
        }

        /**
         * A test that ran in the baseline and neither ran nor was skipped now (deleted or renamed), by identity, is
         * allowed (default false).
         */
        public Builder allowMissingTests(boolean value) {
            allowMissingTests = value;
            return this;
        }

        /** A test that ran in the baseline and is skipped now, by identity, is allowed (default false). */
        public Builder allowNewlySkippedTests(boolean value) {
            allowNewlySkippedTests = value;
            return this;
        }

        /** Tests already failing in the baseline do not count (default false; needs a baseline). */
        public Builder newFailuresOnly(boolean value) {
            newFailuresOnly = value;
            return this;
        }

        /** Tests that passed only on a rerun are allowed (default true; they are always reported). */
        public Builder allowFlaky(boolean value) {
            allowFlaky = value;
            return this;
        }

        /** Empty, truncated or malformed report files do not fail the gate (default false). */
        public Builder allowReportProblems(boolean value) {
            allowReportProblems = value;
            return this;
        }

        /** Exit codes of the test command that are accepted (default just 0). */
        public Builder acceptedExitCodes(Collection<Integer> value) {
            if (value == null || value.isEmpty()) {
                throw new InvalidRequestException("acceptedExitCodes", "acceptedExitCodes must name at least one exit "
                        + "code, such as 0", null);
            }
            acceptedExitCodes = Set.copyOf(value);
            return this;
        }

        public QualityGate build() {
            return new QualityGate(this);
        }
    }
}
