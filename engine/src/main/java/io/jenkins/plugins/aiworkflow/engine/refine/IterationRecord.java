package io.jenkins.plugins.aiworkflow.engine.refine;

import io.jenkins.plugins.aiworkflow.engine.agent.AgentStatus;
import io.jenkins.plugins.aiworkflow.engine.agent.StopReason;
import io.jenkins.plugins.aiworkflow.engine.ledger.Totals;
import io.jenkins.plugins.aiworkflow.engine.report.TestCounts;
import io.jenkins.plugins.aiworkflow.engine.validate.Reason;
import io.jenkins.plugins.aiworkflow.engine.validate.Verdict;
import io.jenkins.plugins.aiworkflow.engine.workspace.FileChange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One iteration of a refine run, as the run JSON and the reports show it. Iteration 0 is the untouched workspace:
 * it has no agent part and no diff. Every text is masked (no registered secret) and bounded.
 *
 * @param number         0 for the untouched workspace, then 1, 2, ...
 * @param agent          what the agent did in this iteration; null at iteration 0, and when the iteration stopped
 *                       before the agent ran
 * @param validation     what the test command and the gate said; null when the iteration stopped before the tests
 *                       ran (a limit reached, an abort)
 * @param diff           what this iteration changed against the state before it; null at iteration 0 and when the
 *                       agent did not run
 * @param feedbackTokens tokens of the feedback this iteration's failed validation gave the next iteration; 0 when
 *                       none was built (the gate passed, or the run stopped after this iteration)
 * @param started        when the iteration started (the run's clock)
 * @param duration       how long it took, agent and tests together
 */
public record IterationRecord(int number, AgentPart agent, ValidationPart validation, DiffPart diff,
                              int feedbackTokens, Instant started, Duration duration) {
    public IterationRecord {
        if (number < 0) {
            throw new IllegalArgumentException("number must be >= 0, was " + number);
        }
        if (number == 0 && (agent != null || diff != null)) {
            throw new IllegalArgumentException("iteration 0 is the untouched workspace: no agent and no diff");
        }
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(duration, "duration");
    }

    /** Whether this iteration's gate passed. */
    public boolean passed() {
        return validation != null && validation.verdict() == Verdict.Status.PASSED;
    }

    /**
     * The agent's part of an iteration.
     *
     * @param status       CHANGED, NO_CHANGE, LIMIT or ERROR
     * @param stopReason   why the agent stopped (kind and sentence)
     * @param summary      the agent's own summary from {@code finish}, masked and cut; empty when it did not finish
     * @param turns        model calls of this iteration
     * @param usage        tokens, cost and time of this iteration's model calls (not the run's running total)
     * @param changedFiles files the agent (its tools and commands) changed in this iteration
     */
    public record AgentPart(AgentStatus status, StopReason stopReason, String summary, int turns, Totals usage,
                            List<FileChange> changedFiles) {
        public AgentPart {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(stopReason, "stopReason");
            summary = Objects.requireNonNullElse(summary, "");
            Objects.requireNonNull(usage, "usage");
            changedFiles = List.copyOf(changedFiles);
        }
    }

    /**
     * The validation part of an iteration: the test command's outcome and the gate's verdict.
     *
     * @param verdict            PASSED or FAILED
     * @param reasons            the gate's reasons (empty when it passed), tamper-guard findings among them
     *                           ({@code GateCondition.isTamperGuard()})
     * @param counts             the tests in the reports
     * @param exitCode           the test command's exit code; null when no command ran or it was killed
     * @param failingTests       names of failing tests (at most {@link #MAX_LISTED_FAILING}), in report order
     * @param failingNotListed   failing tests not in {@code failingTests} (beyond the bound, or not named by the reports)
     * @param newFailures        failing tests among {@code failingTests} that did not fail at iteration 0
     * @param flakyTests         tests that failed on the first run of the command and passed on a rerun
     *                           ({@code rerunFailures}); not fed back to the agent
     * @param reruns             how many times the test command was run again for this iteration
     * @param timeLimitReached   the run's wall-time limit killed the test command, or left no time to start it
     */
    public record ValidationPart(Verdict.Status verdict, List<Reason> reasons, TestCounts counts, Integer exitCode,
                                 List<String> failingTests, long failingNotListed, List<String> newFailures,
                                 List<String> flakyTests, int reruns, boolean timeLimitReached) {
        /** The most failing tests named in one iteration's record. */
        public static final int MAX_LISTED_FAILING = 100;

        public ValidationPart {
            Objects.requireNonNull(verdict, "verdict");
            reasons = List.copyOf(reasons);
            Objects.requireNonNull(counts, "counts");
            failingTests = List.copyOf(failingTests);
            newFailures = List.copyOf(newFailures);
            flakyTests = List.copyOf(flakyTests);
        }

        /** Failing tests in all, listed or not. */
        public long failing() {
            return failingTests.size() + failingNotListed;
        }
    }

    /**
     * What an iteration changed, against the workspace as it was before the iteration.
     *
     * @param files        the changed files, by path
     * @param linesAdded   lines added in text files
     * @param linesRemoved lines removed in text files
     * @param unifiedDiff  the unified diff, masked, cut to head and tail beyond {@link #MAX_DIFF_CHARS}
     * @param truncated    whether {@code unifiedDiff} was cut
     */
    public record DiffPart(List<FileChange> files, long linesAdded, long linesRemoved, String unifiedDiff,
                           boolean truncated) {
        /** The unified diff of one iteration is kept within this many characters (head and tail). */
        public static final int MAX_DIFF_CHARS = 50_000;

        public DiffPart {
            files = List.copyOf(files);
            unifiedDiff = Objects.requireNonNullElse(unifiedDiff, "");
        }
    }
}
