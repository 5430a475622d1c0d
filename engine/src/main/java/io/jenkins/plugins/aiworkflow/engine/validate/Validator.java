package io.jenkins.plugins.aiworkflow.engine.validate;

import io.jenkins.plugins.aiworkflow.engine.log.EngineLog;
import io.jenkins.plugins.aiworkflow.engine.report.ReportInput;
import io.jenkins.plugins.aiworkflow.engine.report.ReportParser;
import io.jenkins.plugins.aiworkflow.engine.report.TestCaseResult;
import io.jenkins.plugins.aiworkflow.engine.report.TestReport;
import io.jenkins.plugins.aiworkflow.engine.workspace.CommandRequest;
import io.jenkins.plugins.aiworkflow.engine.workspace.CommandResult;
import io.jenkins.plugins.aiworkflow.engine.workspace.Workspace;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceFile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the test command (if any), collects the report files it wrote, parses them and
 * applies the gate. The one entry point behind {@code aiwf validate} and {@code aiValidate}.
 */
public final class Validator {
    /**
     * A report whose modification time is this much older than the command's start is stale
     * even if the command wrote it (e.g. copied with its old time kept); the slack covers
     * file systems that store times in whole or even-numbered seconds.
     */
    static final Duration STALE_SLACK = Duration.ofSeconds(2);

    public ValidationResult validate(ValidationRequest request, Workspace workspace, EngineLog log) {
        long start = System.nanoTime();
        CommandResult command = null;
        List<WorkspaceFile> files;
        List<String> stale = new ArrayList<>();
        if (request.command() != null) {
            Map<String, WorkspaceFile> before = byPath(workspace.find(request.reports()));
            log.info("Running test command: " + request.command());
            command = workspace.run(new CommandRequest(request.command(), request.commandEnvironment(),
                    request.commandTimeout(), request.maxCommandOutputChars()), log::info);
            log.info("Test command " + (command.timedOut() ? "timed out after " + command.duration().toSeconds()
                    + " s" : "exited with " + command.exitCode()) + " after " + command.duration().toMillis() + " ms");
            Instant notBefore = command.startedAt().minus(STALE_SLACK);
            files = new ArrayList<>();
            for (WorkspaceFile file : workspace.find(request.reports())) {
                WorkspaceFile earlier = before.get(file.path());
                boolean unchanged = earlier != null && earlier.size() == file.size()
                        && earlier.lastModified().equals(file.lastModified());
                if (unchanged || file.lastModified().isBefore(notBefore)) {
                    stale.add(file.path());
                } else {
                    files.add(file);
                }
            }
            if (!stale.isEmpty()) {
                log.warning("Ignoring " + stale.size() + " stale report file(s) that the command did not write: "
                        + QualityGate.list(stale));
            }
        } else {
            files = workspace.find(request.reports());
        }
        log.info("Reading " + files.size() + " report file(s) matching " + String.join(", ", request.reports()));

        List<ReportInput> inputs = new ArrayList<>(files.size());
        for (WorkspaceFile file : files) {
            inputs.add(new ReportInput(file.path(), () -> workspace.openRead(file.path())));
        }
        TestReport report = new ReportParser(request.textLimits(), request.parserThreads()).parse(inputs);
        report.problems().forEach(problem -> log.warning("Report " + problem));

        Baseline baseline = request.baseline();
        Verdict verdict = request.gate().evaluate(
                new GateInput(report, command, baseline, request.reports(), stale));
        List<TestCaseResult> newFailures = baseline == null ? report.failures()
                : QualityGate.newFailures(report, baseline);
        return new ValidationResult(verdict, report, command, baseline, newFailures, stale, request.reports(),
                request.gate(), Duration.ofNanos(System.nanoTime() - start));
    }

    private static Map<String, WorkspaceFile> byPath(List<WorkspaceFile> files) {
        Map<String, WorkspaceFile> map = new HashMap<>();
        for (WorkspaceFile file : files) {
            map.put(file.path(), file);
        }
        return map;
    }
}
