package io.jenkins.plugins.aiworkflow.engine.validate;

import io.jenkins.plugins.aiworkflow.engine.report.TestReport;
import io.jenkins.plugins.aiworkflow.engine.workspace.CommandResult;
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
 */
public record GateInput(TestReport report, CommandResult command, Baseline baseline, List<String> reportPatterns,
                        List<String> staleReports) {
    public GateInput {
        Objects.requireNonNull(report, "report");
        reportPatterns = List.copyOf(reportPatterns);
        staleReports = List.copyOf(staleReports);
    }
}
