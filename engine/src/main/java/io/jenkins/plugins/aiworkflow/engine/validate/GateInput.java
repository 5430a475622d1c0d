package io.jenkins.plugins.aiworkflow.engine.validate;

import io.jenkins.plugins.aiworkflow.engine.report.TestReport;
import io.jenkins.plugins.aiworkflow.engine.workspace.CommandResult;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The evidence a gate decides on.
 *
 * @param report         the parsed reports
 * @param command        the test command's result, null when no command ran
 * @param baseline       the earlier result to compare with, null when none
 * @param reportPatterns the patterns the reports were collected with, for messages
 * @param staleReports   report files ignored because the command did not write them
 * @param timeLeft       the run's wall time left, when the command's timeout was cut to it (shorter than its
 *                       {@code commandTimeout}); null when its own timeout applied. A command killed at it was
 *                       stopped by the run's limit, and the reason says so
 */
public record GateInput(TestReport report, CommandResult command, Baseline baseline, List<String> reportPatterns,
                        List<String> staleReports, Duration timeLeft) {
    public GateInput {
        Objects.requireNonNull(report, "report");
        reportPatterns = List.copyOf(reportPatterns);
        staleReports = List.copyOf(staleReports);
    }

    /** Evidence of a command that ran with its own timeout (or of no command). */
    public GateInput(TestReport report, CommandResult command, Baseline baseline, List<String> reportPatterns,
                     List<String> staleReports) {
        this(report, command, baseline, reportPatterns, staleReports, null);
    }
}
