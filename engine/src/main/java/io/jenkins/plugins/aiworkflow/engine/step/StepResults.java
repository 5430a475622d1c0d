package io.jenkins.plugins.aiworkflow.engine.step;

import io.jenkins.plugins.aiworkflow.engine.agent.AgentResult;
import io.jenkins.plugins.aiworkflow.engine.ledger.Totals;
import io.jenkins.plugins.aiworkflow.engine.refine.IterationRecord;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineRequest;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineLoop;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineResult;
import io.jenkins.plugins.aiworkflow.engine.refine.StopRule;
import io.jenkins.plugins.aiworkflow.engine.report.TestCaseResult;
import io.jenkins.plugins.aiworkflow.engine.report.TestCounts;
import io.jenkins.plugins.aiworkflow.engine.report.TestReport;
import io.jenkins.plugins.aiworkflow.engine.text.Truncation;
import io.jenkins.plugins.aiworkflow.engine.validate.Reason;
import io.jenkins.plugins.aiworkflow.engine.validate.ValidationResult;
import io.jenkins.plugins.aiworkflow.engine.workspace.CommandResult;
import io.jenkins.plugins.aiworkflow.engine.workspace.FileChange;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The map each step returns to a Jenkinsfile: plain values only (String, Number (Long, Integer or Double),
 * Boolean, List ({@link ArrayList}) and Map ({@link LinkedHashMap}, keys in the order of {@link #keys}); never
 * null, a key whose value would be null is left out and {@link ResultKey#always()} says which may be). Pipeline
 * keeps the map in the build's program state and Groovy passes it around, so it is small and bounded whatever
 * the result holds:
 * <ul>
 *   <li>lists of tests, reasons and notes: at most {@value #MAX_LISTED} entries, the rest counted
 *       ({@code failuresNotListed} ...); changed files at most {@value #MAX_LISTED_FILES}; iterations at most
 *       {@code RefineRequest.MAX_MAX_ITERATIONS} + 1;</li>
 *   <li>texts: messages, reasons and notes at most {@value #MAX_TEXT_CHARS} characters, names and paths
 *       {@value #MAX_NAME_CHARS}, the agent's summary {@value #MAX_SUMMARY_CHARS}, the diff {@value #MAX_DIFF_CHARS};
 *       each cut to head and tail around the engine's {@code [... N chars truncated ...]} marker
 *       ({@link Truncation});</li>
 *   <li>so a whole map holds at most about {@value #MAX_MAP_CHARS} characters (keys and strings).</li>
 * </ul>
 * Keys that a JSON result also has are named as there ({@code verdict}, {@code reasons}, {@code totals},
 * {@code failures}, {@code newFailures}, {@code changedFiles}, {@code stopReason}, {@code stopRule},
 * {@code kept}, the {@code usage} fields of the refine run JSON). Every string passes through the redactor, so no
 * registered secret reaches the map. Each call returns a new map the caller may change.
 */
public final class StepResults {
    /** The most tests, reasons or notes a list holds; the rest are counted. */
    public static final int MAX_LISTED = 20;
    /** The most changed files listed. */
    public static final int MAX_LISTED_FILES = 100;
    /** Characters kept of a message, reason or note. */
    public static final int MAX_TEXT_CHARS = 1_000;
    /** Characters kept of a test's name or a path. */
    public static final int MAX_NAME_CHARS = 500;
    /** Characters kept of a failure's message. */
    public static final int MAX_FAILURE_MESSAGE_CHARS = 500;
    /** Characters kept of the agent's summary. */
    public static final int MAX_SUMMARY_CHARS = 4_000;
    /** Characters kept of the unified diff (head and tail). */
    public static final int MAX_DIFF_CHARS = 20_000;
    /** About the most characters of keys and strings one map holds, whatever the result. */
    public static final int MAX_MAP_CHARS = 150_000;

    private static final int COST_DECIMALS = 10;

    private StepResults() {
    }

    /**
     * One key of a returned map.
     *
     * @param name        the key
     * @param type        what its value is, as docs/steps.md says it
     * @param always      whether every map has it (false: only when it applies, such as {@code exitCode})
     * @param description one line
     */
    public record ResultKey(String name, String type, boolean always, String description) {
    }

    /** The top-level keys of the map {@code step} returns, in the map's order. */
    public static List<ResultKey> keys(Step step) {
        return switch (step) {
            case VALIDATE -> List.of(
                    key("passed", "boolean", "Whether the gate passed."),
                    key("verdict", "string", "PASSED or FAILED."),
                    key("reasons", "list of maps", "Why the gate failed: condition (the parameter, such as "
                            + "maxFailures) and message; empty when it passed."),
                    key("notes", "list of strings", "What the gate noted without failing: stale or foreign "
                            + "report files, allowed problems."),
                    key("totals", "map", "tests, passed, failures, errors, skipped, flaky, executed, and passRate "
                            + "(a share from 0 to 1) when tests were executed."),
                    key("failures", "list of maps", "The first failed or errored tests: id (class.name), "
                            + "className, name, status (FAILED or ERRORED) and message."),
                    key("failuresNotListed", "number", "Failed tests not in failures."),
                    key("newFailures", "list of strings", "Ids of listed failed tests that did not fail in the "
                            + "baseline (all of them without a baseline)."),
                    key("newFailuresNotListed", "number", "New failures not in newFailures."),
                    key("flaky", "list of strings", "Ids of tests that passed only on a rerun."),
                    key("flakyNotListed", "number", "Flaky tests not in flaky."),
                    optional("command", "map", "When a test command ran: command, exitCode, timedOut, "
                            + "durationMillis."),
                    key("timeLimitReached", "boolean", "Whether a run's wall-time limit ended the validation."),
                    key("durationMillis", "number", "How long the validation took."));
            case IMPLEMENT -> List.of(
                    key("status", "string", "CHANGED, NO_CHANGE, LIMIT or ERROR."),
                    key("stopReason", "map", "Why the agent stopped: kind, message, and limit (TURNS, TOKENS, "
                            + "COST, TIME) when a limit stopped it."),
                    key("summary", "string", "The agent's own summary; empty when it did not finish."),
                    key("changedFiles", "list of maps", "Files created, modified or deleted: path and kind "
                            + "(CREATED, MODIFIED, DELETED)."),
                    key("changedFilesNotListed", "number", "Changed files not in changedFiles."),
                    key("diff", "string", "The unified diff of the changes, head and tail."),
                    key("diffTruncated", "boolean", "Whether diff was cut to fit the map."),
                    key("usage", "map", "calls, inputTokens, cachedInputTokens, outputTokens, reasoningTokens, "
                            + "totalTokens, costUsd, costKnown."),
                    key("turns", "number", "Model calls the run made."));
            case REFINE -> List.of(
                    key("passed", "boolean", "Whether the gate passed."),
                    key("outcome", "string", "PASSED, NOT_MET (every iteration spent, no progress, the agent "
                            + "cannot proceed) or STOPPED (a limit, an abort, an error); RUNNING in the map of a run that has not "
                            + "ended."),
                    key("stopRule", "string", "Why the run stopped: GATE_PASSED, MAX_ITERATIONS, NO_PROGRESS, "
                            + "CANNOT_PROCEED, MAX_TOKENS, MAX_COST, TIMEOUT, ABORTED or ERROR; NONE while it has not ended."),
                    key("message", "string", "A sentence saying why it stopped."),
                    key("maxIterations", "number", "The run's maxIterations."),
                    key("iterations", "list of maps", "Iteration 0 (the untouched workspace) and every attempt: "
                            + "number, passed, verdict, tests (total, passed, failed, errors, skipped), failing, "
                            + "status of the agent, turns, changedFileCount, linesAdded, linesRemoved, tokens, costUsd "
                            + "(what the iteration has)."),
                    optional("kept", "map", "What the workspace holds: keep, iteration (with keep best, the best "
                            + "iteration), restored, message."),
                    optional("recovery", "map", "An interrupted earlier run that was found: action, message."),
                    key("usage", "map", "Of the whole run, as in aiImplement's usage."),
                    key("durationMillis", "number", "Wall time of the run."));
            case REFINE_LOOP -> List.of(
                    key("passed", "boolean", "Whether the last aiValidate of the last run of the body passed."),
                    key("outcome", "string", "PASSED, NOT_MET (every iteration spent, no progress) or STOPPED (the "
                            + "cost or the time spent, a body without aiValidate)."),
                    key("stopRule", "string", "Why the loop stopped: GATE_PASSED, MAX_ITERATIONS, NO_PROGRESS, "
                            + "MAX_COST, TIMEOUT or ERROR."),
                    key("message", "string", "A sentence saying why it stopped."),
                    key("iterations", "number", "Runs of the body."),
                    key("maxIterations", "number", "The loop's maxIterations."),
                    key("reasons", "list of strings", "Why the last validation failed; empty when it passed."),
                    key("costUsd", "number", "Money the aiImplement steps of the body spent, as far as known."));
        };
    }

    private static ResultKey key(String name, String type, String description) {
        return new ResultKey(name, type, true, description);
    }

    private static ResultKey optional(String name, String type, String description) {
        return new ResultKey(name, type, false, description);
    }

    /** The map of {@code aiValidate}: a validation holds no secret of its own. */
    public static Map<String, Object> validation(ValidationResult result) {
        return validation(result, UnaryOperator.identity());
    }

    /** The map of {@code aiValidate}, every string masked by {@code redactor}. */
    public static Map<String, Object> validation(ValidationResult result, UnaryOperator<String> redactor) {
        Objects.requireNonNull(result, "result");
        Text text = new Text(redactor);
        TestReport report = result.report();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("passed", result.verdict().passed());
        map.put("verdict", result.verdict().status().name());
        List<Object> reasons = new ArrayList<>();
        for (Reason reason : first(result.verdict().reasons())) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("condition", reason.condition().parameterName());
            entry.put("message", text.cut(reason.message(), MAX_TEXT_CHARS));
            reasons.add(entry);
        }
        map.put("reasons", reasons);
        List<Object> notes = new ArrayList<>();
        for (String note : first(result.verdict().notes())) {
            notes.add(text.cut(note, MAX_TEXT_CHARS));
        }
        map.put("notes", notes);
        map.put("totals", totals(report.counts()));
        List<Object> failures = new ArrayList<>();
        for (TestCaseResult failure : first(report.failures())) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", text.cut(failure.id().toString(), MAX_NAME_CHARS));
            entry.put("className", text.cut(failure.className(), MAX_NAME_CHARS));
            entry.put("name", text.cut(failure.name(), MAX_NAME_CHARS));
            entry.put("status", failure.status().name());
            entry.put("message", text.cut(failure.problems().isEmpty() ? "" : failure.problems().get(0).message(),
                    MAX_FAILURE_MESSAGE_CHARS));
            failures.add(entry);
        }
        map.put("failures", failures);
        map.put("failuresNotListed", report.failures().size() - (long) failures.size() + report.failuresNotListed());
        map.put("newFailures", ids(result.newFailures(), text));
        map.put("newFailuresNotListed", (long) result.newFailures().size() - Math.min(MAX_LISTED,
                result.newFailures().size()));
        map.put("flaky", ids(report.flaky(), text));
        map.put("flakyNotListed", report.flaky().size() - (long) Math.min(MAX_LISTED, report.flaky().size())
                + report.flakyNotListed());
        CommandResult command = result.command();
        if (command != null) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("command", text.cut(command.command(), MAX_TEXT_CHARS));
            entry.put("exitCode", command.exitCode());
            entry.put("timedOut", command.timedOut());
            entry.put("durationMillis", command.duration().toMillis());
            map.put("command", entry);
        }
        map.put("timeLimitReached", result.timeLimitReached());
        map.put("durationMillis", result.duration().toMillis());
        return map;
    }

    /** The map of {@code aiImplement}, every string masked by {@code redactor} ({@code ImplementationRequest::redact}). */
    public static Map<String, Object> implementation(AgentResult result, UnaryOperator<String> redactor) {
        Objects.requireNonNull(result, "result");
        Text text = new Text(redactor);
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("status", result.status().name());
        Map<String, Object> stop = new LinkedHashMap<>();
        stop.put("kind", result.stopReason().kind().name());
        stop.put("message", text.cut(result.stopReason().message(), MAX_TEXT_CHARS));
        result.stopReason().limitReached().ifPresent(limit -> stop.put("limit", limit.name()));
        map.put("stopReason", stop);
        map.put("summary", text.cut(result.summary(), MAX_SUMMARY_CHARS));
        List<Object> files = new ArrayList<>();
        for (FileChange change : result.changedFiles()) {
            if (files.size() == MAX_LISTED_FILES) {
                break;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("path", text.cut(change.path(), MAX_NAME_CHARS));
            entry.put("kind", change.kind().name());
            files.add(entry);
        }
        map.put("changedFiles", files);
        map.put("changedFilesNotListed", (long) result.changedFiles().size() - files.size());
        String diff = redactor.apply(result.diff());
        map.put("diff", Truncation.headTailAgain(diff, MAX_DIFF_CHARS));
        map.put("diffTruncated", diff.length() > MAX_DIFF_CHARS);
        map.put("usage", usage(result.usage()));
        map.put("turns", result.turns());
        return map;
    }

    /** The map {@code aiRefineLoop} returns once {@code loop} stopped with {@code decision}. */
    public static Map<String, Object> refineLoop(RefineLoop loop, RefineLoop.Decision decision,
                                                 UnaryOperator<String> redactor) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(decision.stopRule(), "a decision to stop");
        Text text = new Text(redactor);
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("passed", decision.stopRule() == StopRule.GATE_PASSED);
        map.put("outcome", decision.stopRule().outcome().name());
        map.put("stopRule", decision.stopRule().name());
        map.put("message", text.cut(decision.message(), MAX_TEXT_CHARS));
        map.put("iterations", loop.iteration());
        map.put("maxIterations", loop.maxIterations());
        List<Object> reasons = new ArrayList<>();
        for (String reason : loop.reasons()) {
            if (reasons.size() == MAX_LISTED) {
                break;
            }
            reasons.add(text.cut(reason, MAX_TEXT_CHARS));
        }
        map.put("reasons", reasons);
        map.put("costUsd", BigDecimal.valueOf(loop.costUsd()).setScale(COST_DECIMALS, RoundingMode.HALF_UP)
                .stripTrailingZeros().doubleValue());
        return map;
    }

    /** The map of {@code aiRefine}, every string masked by {@code redactor} ({@code RefineRequest::redact}). */
    public static Map<String, Object> refinement(RefineResult result, UnaryOperator<String> redactor) {
        Objects.requireNonNull(result, "result");
        Text text = new Text(redactor);
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("passed", result.passed());
        // a partial result (the run goes on) has neither yet
        map.put("outcome", result.outcome() == null ? "RUNNING" : result.outcome().name());
        map.put("stopRule", result.stopRule() == null ? "NONE" : result.stopRule().name());
        map.put("message", text.cut(result.message(), MAX_TEXT_CHARS));
        map.put("maxIterations", result.maxIterations());
        List<Object> iterations = new ArrayList<>();
        for (IterationRecord record : result.iterations()) {
            if (iterations.size() > RefineRequest.MAX_MAX_ITERATIONS) {
                break;
            }
            iterations.add(iteration(record));
        }
        map.put("iterations", iterations);
        RefineResult.Kept kept = result.kept();
        if (kept != null) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("keep", kept.keep().name());
            entry.put("iteration", kept.iteration());
            entry.put("restored", kept.restored());
            entry.put("message", text.cut(kept.message(), MAX_TEXT_CHARS));
            map.put("kept", entry);
        }
        RefineResult.Recovery recovery = result.recovery();
        if (recovery != null) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("action", recovery.action().name());
            entry.put("message", text.cut(recovery.message(), MAX_TEXT_CHARS));
            map.put("recovery", entry);
        }
        map.put("usage", usage(result.usage()));
        map.put("durationMillis", result.duration().toMillis());
        return map;
    }

    /** One iteration's small map: what it has of verdict, tests, agent, diff size, tokens and cost. */
    private static Map<String, Object> iteration(IterationRecord record) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("number", record.number());
        map.put("passed", record.passed());
        IterationRecord.ValidationPart validation = record.validation();
        if (validation != null) {
            map.put("verdict", validation.verdict().name());
            Map<String, Object> tests = new LinkedHashMap<>();
            tests.put("total", validation.counts().tests());
            tests.put("passed", validation.counts().passed());
            tests.put("failed", validation.counts().failures());
            tests.put("errors", validation.counts().errors());
            tests.put("skipped", validation.counts().skipped());
            map.put("tests", tests);
            map.put("failing", validation.failing());
        }
        IterationRecord.AgentPart agent = record.agent();
        if (agent != null) {
            map.put("status", agent.status().name());
            map.put("turns", agent.turns());
        }
        IterationRecord.DiffPart diff = record.diff();
        if (diff != null) {
            // a count here; changedFiles is a list of files wherever it appears
            map.put("changedFileCount", diff.files().size());
            map.put("linesAdded", diff.linesAdded());
            map.put("linesRemoved", diff.linesRemoved());
        }
        Totals usage = agent == null ? Totals.NONE : agent.usage();
        map.put("tokens", usage.usage().totalTokens());
        map.put("costUsd", usd(usage));
        return map;
    }

    private static Map<String, Object> totals(TestCounts counts) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("tests", counts.tests());
        map.put("passed", counts.passed());
        map.put("failures", counts.failures());
        map.put("errors", counts.errors());
        map.put("skipped", counts.skipped());
        map.put("flaky", counts.flaky());
        map.put("executed", counts.executed());
        if (counts.executed() > 0) {
            map.put("passRate", (double) counts.passed() / counts.executed());
        }
        return map;
    }

    /** Named as the refine run JSON's usage. */
    private static Map<String, Object> usage(Totals totals) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("calls", totals.calls());
        map.put("inputTokens", totals.usage().inputTokens());
        map.put("cachedInputTokens", totals.usage().cachedInputTokens());
        map.put("outputTokens", totals.usage().outputTokens());
        map.put("reasoningTokens", totals.usage().reasoningTokens());
        map.put("totalTokens", totals.usage().totalTokens());
        map.put("costUsd", usd(totals));
        map.put("costKnown", totals.cost().known());
        return map;
    }

    /** US dollars; far below a token's price, the rest is floating-point noise. */
    private static Double usd(Totals totals) {
        return BigDecimal.valueOf(totals.cost().usd()).setScale(COST_DECIMALS, RoundingMode.HALF_UP).doubleValue();
    }

    private static List<Object> ids(List<TestCaseResult> cases, Text text) {
        List<Object> ids = new ArrayList<>();
        for (TestCaseResult testCase : first(cases)) {
            ids.add(text.cut(testCase.id().toString(), MAX_NAME_CHARS));
        }
        return ids;
    }

    private static <T> List<T> first(List<T> values) {
        return values.size() <= MAX_LISTED ? values : values.subList(0, MAX_LISTED);
    }

    /** Masks, then cuts to head and tail: a secret cut in half would no longer be found by the redactor. */
    private record Text(UnaryOperator<String> redactor) {
        Text {
            Objects.requireNonNull(redactor, "redactor");
        }

        String cut(String value, int maxChars) {
            return Truncation.headTailAgain(redactor.apply(Objects.requireNonNullElse(value, "")), maxChars);
        }
    }
}
