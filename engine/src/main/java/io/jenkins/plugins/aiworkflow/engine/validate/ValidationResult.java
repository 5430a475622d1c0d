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
 * @param duration       how long the whole validation took
 */
public record ValidationResult(Verdict verdict, TestReport report, CommandResult command, Baseline baseline,
                               List<TestCaseResult> newFailures, List<String> staleReports,
                               List<String> reportPatterns, QualityGate gate, Duration duration) {
    public ValidationResult {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(report, "report");
        newFailures = List.copyOf(newFailures);
        staleReports = List.copyOf(staleReports);
        reportPatterns = List.copyOf(reportPatterns);
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(duration, "duration");
    }
}
