package io.jenkins.plugins.aiworkflow.engine.output;

import io.jenkins.plugins.aiworkflow.engine.agent.AgentStatus;
import io.jenkins.plugins.aiworkflow.engine.agent.StopReason;
import io.jenkins.plugins.aiworkflow.engine.ledger.Totals;
import io.jenkins.plugins.aiworkflow.engine.llm.Cost;
import io.jenkins.plugins.aiworkflow.engine.llm.Usage;
import io.jenkins.plugins.aiworkflow.engine.refine.IterationRecord;
import io.jenkins.plugins.aiworkflow.engine.refine.Keep;
import io.jenkins.plugins.aiworkflow.engine.refine.Outcome;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineResult;
import io.jenkins.plugins.aiworkflow.engine.refine.StopRule;
import io.jenkins.plugins.aiworkflow.engine.report.TestCounts;
import io.jenkins.plugins.aiworkflow.engine.validate.GateCondition;
import io.jenkins.plugins.aiworkflow.engine.validate.Reason;
import io.jenkins.plugins.aiworkflow.engine.validate.Verdict;
import io.jenkins.plugins.aiworkflow.engine.workspace.FileChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Refine results for the report tests: a run that passed at iteration 2, hostile texts in it, and its parts. */
final class RefineResults {
    static final Instant START = Instant.parse("2026-12-04T10:00:00Z");
    static final String INTENT = "Fix the rounding in PriceCalculator so that PriceTest passes.";
    /** A test name that would run a script if a report put it into the page as markup. */
    static final String HOSTILE_TEST = "com.acme.PriceTest.<script>alert('test')</script>";
    static final String DIFF_1 = """
            diff --git a/src/main/java/com/acme/PriceCalculator.java b/src/main/java/com/acme/PriceCalculator.java
            --- a/src/main/java/com/acme/PriceCalculator.java
            +++ b/src/main/java/com/acme/PriceCalculator.java
            @@ -10,3 +10,4 @@
            -        return Math.floor(value);
            +        return Math.round(value); // </pre><script>alert('diff')</script>
            +        // | table | breaker |
            """;
    static final String DIFF_2 = """
            diff --git a/src/main/java/com/acme/PriceCalculator.java b/src/main/java/com/acme/PriceCalculator.java
            --- a/src/main/java/com/acme/PriceCalculator.java
            +++ b/src/main/java/com/acme/PriceCalculator.java
            @@ -10,4 +10,3 @@
            -        return Math.round(value); // </pre><script>alert('diff')</script>
            -        // | table | breaker |
            +        return BigDecimal.valueOf(value).setScale(0, RoundingMode.HALF_EVEN).doubleValue();
            """;

    private RefineResults() {
    }

    static Totals usage(long input, long output, double usd) {
        return new Totals(3, new Usage(input, output, 0, 0), Cost.usd(usd), Duration.ofSeconds(5), Duration.ZERO);
    }

    static IterationRecord.ValidationPart failed(long tests, List<String> failing, List<String> newFailures,
            List<Reason> reasons) {
        return new IterationRecord.ValidationPart(Verdict.Status.FAILED, reasons,
                new TestCounts(tests, tests - failing.size(), failing.size(), 0, 0, 0), 1, failing, 0, newFailures,
                List.of(), 0, false);
    }

    static IterationRecord.ValidationPart passed(long tests) {
        return new IterationRecord.ValidationPart(Verdict.Status.PASSED, List.of(), new TestCounts(tests, tests, 0, 0, 0, 0),
                0, List.of(), 0, List.of(), List.of(), 0, false);
    }

    static IterationRecord.AgentPart agent(String summary, List<FileChange> files, Totals usage) {
        return new IterationRecord.AgentPart(AgentStatus.CHANGED, new StopReason(StopReason.Kind.FINISHED,
                "the agent called finish"), summary, 4, usage, files);
    }

    static IterationRecord.DiffPart diff(List<FileChange> files, long added, long removed, String unifiedDiff) {
        return new IterationRecord.DiffPart(files, added, removed, unifiedDiff, false);
    }

    static IterationRecord iteration0() {
        return new IterationRecord(0, null, failed(10, List.of("com.acme.PriceTest.shouldRound"), List.of(),
                List.of(new Reason(GateCondition.MAX_FAILURES,
                        "1 test(s) failed, maxFailures is 0: com.acme.PriceTest.shouldRound"))),
                null, 0, START, Duration.ofMillis(3_100));
    }

    /** Iteration 1 fixed shouldRound and broke the hostile test; the flaky one passed on a rerun. */
    static IterationRecord iteration1() {
        List<FileChange> files = List.of(new FileChange("src/main/java/com/acme/PriceCalculator.java",
                FileChange.Kind.MODIFIED));
        IterationRecord.ValidationPart validation = new IterationRecord.ValidationPart(Verdict.Status.FAILED,
                List.of(new Reason(GateCondition.MAX_FAILURES, "1 test(s) failed, maxFailures is 0: " + HOSTILE_TEST),
                        new Reason(GateCondition.TEST_DECREASE, "9 test(s) found, the baseline had 10 (1 fewer)")),
                new TestCounts(9, 8, 1, 0, 0, 0), 1, List.of(HOSTILE_TEST), 0, List.of(HOSTILE_TEST),
                List.of("com.acme.ClockTest.shouldTick"), 1, false);
        return new IterationRecord(1, agent("Used Math.round; <b>bold</b> claim | pipe", files, usage(12_000, 800, 0.0125)),
                validation, diff(files, 2, 1, DIFF_1), 812, START.plusSeconds(4), Duration.ofSeconds(42));
    }

    static IterationRecord iteration2() {
        List<FileChange> files = List.of(new FileChange("src/main/java/com/acme/PriceCalculator.java",
                FileChange.Kind.MODIFIED));
        return new IterationRecord(2, agent("Rounded half-even with BigDecimal.", files, usage(15_000, 1_200, 0.0375)),
                passed(10), diff(files, 1, 2, DIFF_2), 0, START.plusSeconds(46), Duration.ofSeconds(75));
    }

    /** Passed at iteration 2, which is kept. */
    static RefineResult passedAtTwo() {
        List<IterationRecord> iterations = List.of(iteration0(), iteration1(), iteration2());
        return new RefineResult(Outcome.PASSED, StopRule.GATE_PASSED, "the gate passed at iteration 2",
                "OpenAI model gpt-4.1", 5, iterations,
                new RefineResult.Kept(Keep.BEST, 2, false, null, "iteration 2 passed the gate"),
                usage(27_000, 2_000, 0.05), START, Duration.ofSeconds(121), null);
    }

    /**
     * A run of {@code count} iterations after iteration 0, each failing, with {@code files} changed files and a
     * diff of {@code diffChars} characters; stopped by maxIterations.
     */
    static RefineResult large(int count, int files, int diffChars, int reasons) {
        List<FileChange> changed = new ArrayList<>(files);
        for (int i = 0; i < files; i++) {
            changed.add(new FileChange("src/main/java/com/acme/generated/File" + i + ".java", FileChange.Kind.CREATED));
        }
        List<Reason> manyReasons = new ArrayList<>();
        for (int i = 0; i < reasons; i++) {
            manyReasons.add(new Reason(GateCondition.MAX_FAILURES, "reason " + i + " " + "x".repeat(5_000)));
        }
        List<String> failing = new ArrayList<>();
        for (int i = 0; i < IterationRecord.ValidationPart.MAX_LISTED_FAILING; i++) {
            failing.add("com.acme.GeneratedTest.shouldWork" + i + "_" + "y".repeat(1_000));
        }
        StringBuilder diff = new StringBuilder(diffChars + 100).append("--- a/big.txt\n+++ b/big.txt\n");
        while (diff.length() < diffChars) {
            diff.append("+line <script>alert(1)</script>\n");
        }
        diff.append("+the last line\n");
        String unified = diff.toString();
        List<IterationRecord> iterations = new ArrayList<>();
        iterations.add(new IterationRecord(0, null, new IterationRecord.ValidationPart(Verdict.Status.FAILED,
                manyReasons, new TestCounts(5_000, 4_500, 500, 0, 0, 0), 1, failing, 400, List.of(), List.of(), 0,
                false), null, 0, START, Duration.ofSeconds(3)));
        for (int i = 1; i <= count; i++) {
            iterations.add(new IterationRecord(i, agent("z".repeat(100_000), changed, usage(10_000, 1_000, 0.01)),
                    new IterationRecord.ValidationPart(Verdict.Status.FAILED, manyReasons,
                            new TestCounts(5_000, 4_500, 500, 0, 0, 0), 1, failing, 400, failing, failing, 2, false),
                    diff(changed, 100_000, 50, unified), 3_900, START.plusSeconds(60L * i), Duration.ofSeconds(60)));
        }
        return new RefineResult(Outcome.NOT_MET, StopRule.MAX_ITERATIONS, "m".repeat(100_000), "OpenAI model gpt-4.1",
                count, iterations, new RefineResult.Kept(Keep.BEST, 1, true, null, "k".repeat(100_000)),
                usage(10_000L * count, 1_000L * count, 0.01 * count), START, Duration.ofSeconds(60L * count), null);
    }
}
