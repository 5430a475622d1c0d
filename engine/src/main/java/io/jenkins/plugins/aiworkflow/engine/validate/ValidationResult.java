package io.jenkins.plugins.aiworkflow.engine.validate;

import io.jenkins.plugins.aiworkflow.engine.report.TestCaseResult;
import io.jenkins.plugins.aiworkflow.engine.report.TestReport;
import io.jenkins.plugins.aiworkflow.engine.workspace.CommandResult;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one validation: the verdict and the evidence behind it.
 *
 * @param verdict        PASSED or FAILED with reasons and notes
 * @param report         what the fresh report files said
 * @param command        the test command's result, null when none ran
 * @param baseline       the baseline compared with, null when none
 * @param newFailures    kept failed tests that did not fail in the baseline (all kept failures without a
 *                       baseline); failures not kept are only counted ({@link TestReport#failuresNotListed()})
 * @param staleReports   matching report files ignored because the command did not write them
 * @param reportPatterns the patterns reports were collected with
 * @param gate           the gate applied
 * @param duration          how long the whole validation took
 * @param timeLimitReached  true when the run's wall-time limit ended the validation: the test command was killed
 *                          at the time the run had left, or had none left to start (its verdict is then FAILED,
 *                          and a caller with a limit stops for it, not for the gate)
 */
public record ValidationResult(Verdict verdict, TestReport report, CommandResult command, Baseline baseline,
                               List<TestCaseResult> newFailures, List<String> staleReports,
                               List<String> reportPatterns, QualityGate gate, Duration duration,
                               boolean timeLimitReached) {
    public ValidationResult {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(report, "report");
        newFailures = List.copyOf(newFailures);
        staleReports = List.copyOf(staleReports);
        reportPatterns = List.copyOf(reportPatterns);
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(duration, "duration");
        if (timeLimitReached && verdict.passed()) {
            throw new IllegalArgumentException("a validation the time limit ended cannot pass");
        }
    }

    /** A result the run's wall-time limit did not end. */
    public ValidationResult(Verdict verdict, TestReport report, CommandResult command, Baseline baseline,
                            List<TestCaseResult> newFailures, List<String> staleReports,
                            List<String> reportPatterns, QualityGate gate, Duration duration) {
        this(verdict, report, command, baseline, newFailures, staleReports, reportPatterns, gate, duration, false);
    }
}
