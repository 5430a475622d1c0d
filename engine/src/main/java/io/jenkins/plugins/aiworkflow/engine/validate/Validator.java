package io.jenkins.plugins.aiworkflow.engine.validate;

import io.jenkins.plugins.aiworkflow.engine.log.EngineLog;
import io.jenkins.plugins.aiworkflow.engine.report.ReportInput;
import io.jenkins.plugins.aiworkflow.engine.report.ReportParser;
import io.jenkins.plugins.aiworkflow.engine.report.TestCaseResult;
import io.jenkins.plugins.aiworkflow.engine.report.TestReport;
import io.jenkins.plugins.aiworkflow.engine.report.TextLimits;
import io.jenkins.plugins.aiworkflow.engine.workspace.CommandRequest;
import io.jenkins.plugins.aiworkflow.engine.workspace.CommandResult;
import io.jenkins.plugins.aiworkflow.engine.workspace.EnvironmentPolicy;
import io.jenkins.plugins.aiworkflow.engine.workspace.Workspace;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceFile;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceTask;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.Set;
import java.util.regex.Pattern;

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
    /**
     * Where the parser cut a report's text (head and tail around a marker, see {@code text.Truncation}; a space
     * instead of a line break where the parser flattened a message), so that a secret value the cut split is masked
     * as far as it is left ({@link EnvironmentPolicy#redactCut}).
     */
    static final Pattern CUT = Pattern.compile("[\\n ]\\[\\.\\.\\. \\d{1,18} chars truncated \\.\\.\\.][\\n ]");

    /** Validates without a wall-time limit of the caller's: the test command gets its whole {@code commandTimeout}. */
    public ValidationResult validate(ValidationRequest request, Workspace workspace, EngineLog log) {
        return validate(request, workspace, log, null);
    }

    /**
     * Validates within what is left of a run's wall-time limit ({@code Budget.remainingWallTime}): the test
     * command's timeout is cut to {@code timeLeft} when that is shorter than its {@code commandTimeout}, and a
     * command killed then was stopped by the run's limit ({@link ValidationResult#timeLimitReached()}, and the
     * reason says so). With no time left the command is not started and no report is read.
     *
     * @param timeLeft the run's wall time left; null when the run has no such limit
     */
    public ValidationResult validate(ValidationRequest request, Workspace workspace, EngineLog log, Duration timeLeft) {
        long start = System.nanoTime();
        EnvironmentPolicy environment = request.environmentPolicy();
        String commandLine = request.command() == null ? null : environment.redact(request.command());
        Duration cutTo = timeLeft != null && timeLeft.compareTo(request.commandTimeout()) < 0 ? timeLeft : null;
        if (commandLine != null && cutTo != null && (cutTo.isNegative() || cutTo.isZero())) {
            String message = QualityGate.WALL_TIME_LIMIT + " was reached before the test command '" + commandLine
                    + "' could start; it was not run";
            log.warning(message);
            Verdict verdict = new Verdict(Verdict.Status.FAILED, List.of(new Reason(GateCondition.EXIT_CODE, message)),
                    List.of());
            return new ValidationResult(verdict, TestReport.empty(), null, request.baseline(), List.of(), List.of(),
                    request.reports(), request.gate(), Duration.ofNanos(System.nanoTime() - start), true);
        }
        CommandResult command = null;
        List<WorkspaceFile> files;
        List<String> stale = new ArrayList<>();
        if (request.command() != null) {
            Map<String, WorkspaceFile> before = byPath(workspace.find(request.reports()));
            log.info("Running test command: " + commandLine
                    + (cutTo == null ? "" : " (within the " + QualityGate.seconds(cutTo) + " the run has left)"));
            command = run(request, workspace, log, cutTo == null ? request.commandTimeout() : cutTo);
            String outcome = !command.timedOut() ? "exited with " + command.exitCode()
                    : cutTo == null ? "timed out after " + command.duration().toSeconds() + " s"
                    : "was killed at " + QualityGate.WALL_TIME_LIMIT;
            log.info("Test command " + outcome + " after " + command.duration().toMillis() + " ms");
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

        List<String> paths = new ArrayList<>(files.size());
        files.forEach(file -> paths.add(file.path()));
        TestReport report = workspace.call(new ReadReports(paths, request.textLimits(), request.parserThreads(),
                request.keepTestIdentities()));
        // what the tests wrote is masked like their output: a report must not carry a registered secret either;
        // here, where the secret values are, since they never travel to where the reports are parsed
        if (environment.secretValueCount() > 0) {
            report = report.withTexts(text -> environment.redactCut(text, CUT));
        }
        report.problems().forEach(problem -> log.warning("Report " + problem));

        Baseline baseline = request.baseline();
        Verdict verdict = request.gate().evaluate(
                new GateInput(report, command, baseline, request.reports(), stale, cutTo));
        List<TestCaseResult> newFailures = baseline == null ? report.failures()
                : QualityGate.newFailures(report, baseline);
        boolean timeLimitReached = cutTo != null && command != null && command.timedOut();
        return new ValidationResult(verdict, report, command, baseline, newFailures, stale, request.reports(),
                request.gate(), Duration.ofNanos(System.nanoTime() - start), timeLimitReached);
    }

    /**
     * The report files parsed where they are, as one call: the files' paths, the limits and the parser's threads
     * go, the bounded {@link TestReport} comes back (its texts as the files hold them, masked by the caller).
     */
    private record ReadReports(List<String> paths, TextLimits limits, int threads, boolean keepTestIdentities)
            implements WorkspaceTask<TestReport> {
        @Override
        public TestReport run(Workspace local) {
            List<ReportInput> inputs = new ArrayList<>(paths.size());
            for (String path : paths) {
                inputs.add(new ReportInput(path, () -> local.openRead(path)));
            }
            return new ReportParser(limits, threads, keepTestIdentities).parse(inputs);
        }
    }

    /**
         * Runs the test command with the environment the request's policy leaves (the workspace's plus the
     * request's variables, without what the policy drops: {@link EnvironmentPolicy#commandRequest}), its output
     * masked on the way to the log and in the result.
     */
    private static CommandResult run(ValidationRequest request, Workspace workspace, EngineLog log, Duration timeout) {
        EnvironmentPolicy policy = request.environmentPolicy();
        CommandRequest command = policy.commandRequest(request.command(), workspace.environment(),
                request.commandEnvironment(), timeout, request.maxCommandOutputChars());
        if (!command.removals().isEmpty()) {
            log.info("The test command's environment leaves out " + command.removals().size() + " variable(s): "
                    + String.join(", ", new TreeSet<>(command.removals())));
        }
        CommandResult result = workspace.run(command, line -> log.info(policy.redact(line)));
        return new CommandResult(policy.redact(result.command()), result.exitCode(), result.timedOut(),
                result.startedAt(), result.duration(), policy.redact(result.output()));
    }

    private static Map<String, WorkspaceFile> byPath(List<WorkspaceFile> files) {
        Map<String, WorkspaceFile> map = new HashMap<>();
        for (WorkspaceFile file : files) {
            map.put(file.path(), file);
        }
        return map;
    }
}
