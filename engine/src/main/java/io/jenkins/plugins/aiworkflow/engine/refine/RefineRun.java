package io.jenkins.plugins.aiworkflow.engine.refine;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.agent.AgentRequest;
import io.jenkins.plugins.aiworkflow.engine.agent.AgentResult;
import io.jenkins.plugins.aiworkflow.engine.agent.ImplementationSession;
import io.jenkins.plugins.aiworkflow.engine.agent.StopReason;
import io.jenkins.plugins.aiworkflow.engine.context.ContextBuilder;
import io.jenkins.plugins.aiworkflow.engine.context.ContextRequest;
import io.jenkins.plugins.aiworkflow.engine.context.TokenCounter;
import io.jenkins.plugins.aiworkflow.engine.ledger.Budget;
import io.jenkins.plugins.aiworkflow.engine.ledger.Ledger;
import io.jenkins.plugins.aiworkflow.engine.ledger.LimitReached;
import io.jenkins.plugins.aiworkflow.engine.log.EngineLog;
import io.jenkins.plugins.aiworkflow.engine.report.TestCaseResult;
import io.jenkins.plugins.aiworkflow.engine.report.TestId;
import io.jenkins.plugins.aiworkflow.engine.sandbox.Sandbox;
import io.jenkins.plugins.aiworkflow.engine.text.Truncation;
import io.jenkins.plugins.aiworkflow.engine.validate.Baseline;
import io.jenkins.plugins.aiworkflow.engine.validate.ChangedFile;
import io.jenkins.plugins.aiworkflow.engine.validate.Feedback;
import io.jenkins.plugins.aiworkflow.engine.validate.FeedbackRequest;
import io.jenkins.plugins.aiworkflow.engine.validate.Reason;
import io.jenkins.plugins.aiworkflow.engine.validate.ValidationRequest;
import io.jenkins.plugins.aiworkflow.engine.validate.ValidationResult;
import io.jenkins.plugins.aiworkflow.engine.validate.Validator;
import io.jenkins.plugins.aiworkflow.engine.workspace.FileChange;
import io.jenkins.plugins.aiworkflow.engine.workspace.RestoreResult;
import io.jenkins.plugins.aiworkflow.engine.workspace.Workspace;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceException;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** One refine run: the loop's state from iteration 0 to the end. Used once, on one thread. */
final class RefineRun {
    /** The agent's summary in an iteration's record is cut to head and tail beyond this. */
    static final int SUMMARY_CHARS = 4_000;
    /** A stop message is cut beyond this. */
    static final int MESSAGE_CHARS = 2_000;

    private final RefineRequest request;
    private final Workspace workspace;
    private final EngineLog log;
    private final RefineListener listener;
    private final Clock clock;
    private final Ledger ledger;
    private final Budget runLimits;
    /** Before a test run: the wall time only (tests cost no tokens, and the work the budget paid for is judged). */
    private final Budget wallTime;
    private final String pricedModel;
    private final Instant started;
    private final Validator validator = new Validator();
    private final List<IterationRecord> iterations = new ArrayList<>();
    /** The state before each iteration k >= 1, at index k - 1 (the start's at 0): the work of iteration k - 1. */
    private final List<WorkspaceState> states = new ArrayList<>();
    /** Lines added plus removed against the start, per iteration (iteration 0: none). */
    private final List<Long> diffSizes = new ArrayList<>();
    /** What keep-best counts as failing, per iteration; null for one that cannot be chosen. */
    private final List<Long> shortfalls = new ArrayList<>();
    private Baseline baseline;
    private final RunMarker marker;
    private String model = "";
    private RefineResult.Recovery recovery;
    private boolean interrupted;

    RefineRun(RefineRequest request, Workspace workspace, EngineLog log, RefineListener listener, Clock clock) {
        this.request = request;
        this.workspace = workspace;
        this.log = log;
        this.listener = listener;
        this.clock = clock;
        this.ledger = new Ledger(request.implementation().prices(), clock);
        this.started = ledger.started();
        Budget budget = request.budget();
        // before a test run or an iteration: the run's limits only, not the agent's turns of the iteration
        Budget.Builder limits = Budget.builder();
        budget.maxTokens().ifPresent(limits::maxTokens);
        budget.maxCostUsd().ifPresent(limits::maxCostUsd);
        budget.timeout().ifPresent(limits::timeout);
        runLimits = limits.build();
        wallTime = Budget.builder().timeout(budget.timeout().orElse(null)).build();
        pricedModel = Objects.requireNonNullElse(request.agentRequest().context().modelName(), "");
        marker = new RunMarker(workspace);
        model = request.implementation().modelDescription();
    }

    /** A stop: the rule and its sentence. */
    private record Stop(StopRule rule, String message) {
    }

    RefineResult run() {
        recovery = marker.recover(request, log);
        // Opened before anything changes, so that a model that cannot be opened is refused first; opening calls
        // nothing, so a gate that passes at iteration 0 still costs nothing.
        ImplementationSession session = ImplementationSession.open(request.implementation(), ledger, log);
        model = session.describeModel();
        WorkspaceState start;
        try {
            start = workspace.recordState(request.stateRequest(null));
        } catch (InvalidRequestException e) {
            close(session);
            // nothing changed yet: a refused store or selection is the caller's, named by the step's parameter
            throw "store".equals(e.parameter().orElse(null))
                    ? new InvalidRequestException("stateStore", "stateStore: " + e.getMessage(), e) : e;
        } catch (RuntimeException e) {
            close(session);
            throw e;
        }
        states.add(start);
        if (!start.complete()) {
            log.warning(redact("Not every file the agent may change could be recorded; a restore leaves these as "
                    + "they are: " + String.join(", ", start.notRecorded().keySet())));
        }
        Stop stop;
        try {
            marker.write(start, started);
            stop = loop(session);
        } catch (RuntimeException | Error e) {
            // From here on the workspace may have changed: whatever failed, the run ends with a result and keeps
            // what keep says.
            if (isInterrupt(e)) {
                stop = new Stop(StopRule.ABORTED, "the run was aborted");
            } else {
                stop = new Stop(StopRule.ERROR, "the run failed: " + e);
                log.error(redact("Refine run failed: " + e));
            }
        } finally {
            close(session);
        }
        return end(stop, start);
    }

    private void close(ImplementationSession session) {
        try {
            session.close();
        } catch (RuntimeException e) {
            log.warning(redact("Could not close the model or the transcript: " + e));
        }
    }

    private Stop loop(ImplementationSession session) {
        // iteration 0: the untouched workspace
        listener(() -> listener.iterationStarted(0, request.maxIterations()));
        Instant iterationStart = clock.instant();
        Optional<Stop> limit = limit(wallTime, "before the test command of iteration 0");
        if (limit.isPresent()) {
            return limit.get();
        }
        log.info("Iteration 0: validating the untouched workspace");
        Validation zero = validate(request.validationRequest());
        // iteration 0 is the baseline: its failures are pre-existing, none is new
        IterationRecord.ValidationPart part0 = zero.part(Set.copyOf(zero.result.report().failedIds()));
        diffSizes.add(0L);
        if (zero.result.timeLimitReached()) {
            finishIteration(new IterationRecord(0, null, part0, null, 0, iterationStart, since(iterationStart)));
            return new Stop(StopRule.TIMEOUT, "timeout reached during the test command of iteration 0");
        }
        baseline = Baseline.of(zero.result, "iteration 0");
        shortfalls.add(shortfall(zero.result));
        ValidationRequest validation = request.validationRequest().withBaseline(baseline);
        Set<TestId> preExisting = Set.copyOf(zero.result.report().failedIds());
        if (zero.result.verdict().passed()) {
            finishIteration(new IterationRecord(0, null, part0, null, 0, iterationStart, since(iterationStart)));
            return new Stop(StopRule.GATE_PASSED, "the gate passed at iteration 0, before any change; no model was "
                    + "called");
        }

        Sandbox allRuns = new Sandbox(workspace, request.agentRequest().policy());
        TokenCounter counter = TokenCounter.forModel(request.agentRequest().context().modelName());
        // The first attempt gets the intent only: the failures of the untouched workspace are the baseline.
        Feedback feedback = null;
        finishIteration(new IterationRecord(0, null, part0, null, 0, iterationStart, since(iterationStart)));
        ValidationResult previous = zero.result;
        String previousSignature = signature(zero.result);
        int noProgress = 0;

        for (int number = 1; number <= request.maxIterations(); number++) {
            if (Thread.currentThread().isInterrupted()) {
                return new Stop(StopRule.ABORTED, "the run was aborted before iteration " + number);
            }
            limit = limit(runLimits, "before iteration " + number);
            if (limit.isPresent()) {
                return limit.get();
            }
            listener(iterationStarted(number));
            iterationStart = clock.instant();
            if (number > 1) {
                ledger.startIteration();
                states.add(workspace.recordState(request.stateRequest(states.get(states.size() - 1))));
            }
            log.info("Iteration " + number + " of " + request.maxIterations() + ": implementing"
                    + (number > 1 ? " with the feedback of iteration " + (number - 1) : ""));
            AgentRequest agentRequest = withFeedback(request.agentRequest(), feedback == null ? null : feedback.text());
            AgentResult agent = session.run(agentRequest, workspace, allRuns);
            IterationRecord.AgentPart agentPart = new IterationRecord.AgentPart(agent.status(), agent.stopReason(),
                    Truncation.headTail(redact(agent.summary()), SUMMARY_CHARS), agent.turns(), agent.usage(),
                    agent.changedFiles());
            IterationRecord.DiffPart diff = diff(agent);
            String sinceStart = allRuns.diff();
            List<ChangedFile> changedSoFar = DiffLines.perFile(sinceStart, allRuns.changedFiles());
            diffSizes.add(DiffLines.total(changedSoFar));
            shortfalls.add(null); // set when its tests have run

            AgentEnd agentEnd = agentEnd(agent.stopReason(), number);
            Optional<Stop> notJudged = agentEnd != null && !agentEnd.judged() ? Optional.of(agentEnd.stop())
                    : limit(wallTime, "before the test command of iteration " + number);
            if (notJudged.isPresent()) {
                finishIteration(new IterationRecord(number, agentPart, null, diff, 0, iterationStart,
                        since(iterationStart)));
                return notJudged.get();
            }
            Validation validated;
            try {
                validated = validate(validation);
            } catch (RuntimeException e) {
                if (!isInterrupt(e)) {
                    throw e;
                }
                finishIteration(new IterationRecord(number, agentPart, null, diff, 0, iterationStart,
                        since(iterationStart)));
                return new Stop(StopRule.ABORTED, "the run was aborted during the test command of iteration "
                        + number);
            }
            IterationRecord.ValidationPart part = validated.part(preExisting);
            ValidationResult result = validated.result;
            shortfalls.set(number, result.timeLimitReached() ? null : shortfall(result));
            Stop stop = null;
            if (result.timeLimitReached()) {
                stop = new Stop(StopRule.TIMEOUT, "timeout reached during the test command of iteration "
                        + number);
            } else if (result.verdict().passed()) {
                stop = new Stop(StopRule.GATE_PASSED, "the gate passed at iteration " + number);
            } else if (agentEnd != null) {
                stop = agentEnd.stop(); // a limit or failure ended the attempt; its work was judged first
            } else if (agent.stopReason().kind() == StopReason.Kind.CANNOT_PROCEED) {
                stop = new Stop(StopRule.CANNOT_PROCEED, "the agent said at iteration " + number
                        + " that it cannot proceed: " + Truncation.headTail(redact(agent.summary()),
                        MESSAGE_CHARS));
            } else {
                String signature = signature(result);
                boolean same = signature.equals(previousSignature);
                boolean worse = shortfall(result) > shortfall(previous);
                noProgress = same || worse ? noProgress + 1 : 0;
                previousSignature = signature;
                if (noProgress >= 2) {
                    stop = new Stop(StopRule.NO_PROGRESS, "no progress: iterations " + (number - 1) + " and "
                            + number + " each left the same failing tests as the iteration before, or more");
                } else if (number == request.maxIterations()) {
                    stop = new Stop(StopRule.MAX_ITERATIONS, "maxIterations reached: " + number
                            + " iteration(s) made, the gate did not pass");
                }
            }
            int feedbackTokens = 0;
            if (stop == null) {
                feedback = feedback(result, preExisting, Set.copyOf(previous.report().failedIds()), changedSoFar,
                        counter);
                feedbackTokens = feedback.summary().tokens();
            }
            finishIteration(new IterationRecord(number, agentPart, part, diff, feedbackTokens, iterationStart,
                    since(iterationStart)));
            if (stop != null) {
                return stop;
            }
            previous = result;
        }
        throw new IllegalStateException("the loop ended without a stop rule");
    }

    /** Lets listener know, with a consistent partial result. */
    private Runnable iterationStarted(int number) {
        return () -> listener.iterationStarted(number, request.maxIterations());
    }

    private void finishIteration(IterationRecord record) {
        iterations.add(record);
        IterationRecord.ValidationPart validation = record.validation();
        log.info(redact("Iteration " + record.number() + ": " + (validation == null ? "not validated"
                : "gate " + validation.verdict() + ", " + validation.failing() + " failing test(s)")
                + ", cost so far " + ledger.total().cost()));
        RefineResult soFar = result(null, null);
        listener(() -> listener.iterationFinished(record, soFar));
    }

    /**
     * How the agent's stop ends the run: the stop, and whether the attempt's work is tested first.
     *
     * @param judged true when the tests still run: a token or money limit (tests cost neither) or a failed model
     *               (the work done so far is there); false for the wall time, an abort, an internal error
     */
    private record AgentEnd(Stop stop, boolean judged) {
    }

    /** The end of the run the agent's stop means; null when the loop goes on (finished, or out of turns). */
    private static AgentEnd agentEnd(StopReason stop, int number) {
        String at = " (iteration " + number + ")";
        return switch (stop.kind()) {
            case FINISHED, CANNOT_PROCEED -> null;
            case LIMIT -> stop.limitReached().map(limit -> switch (limit) {
                case TURNS -> (AgentEnd) null;
                case TOKENS -> new AgentEnd(new Stop(StopRule.MAX_TOKENS, stop.message() + at), true);
                case COST, COST_UNKNOWN -> new AgentEnd(new Stop(StopRule.MAX_COST, stop.message() + at), true);
                case WALL_TIME -> new AgentEnd(new Stop(StopRule.TIMEOUT, stop.message() + at), false);
            }).orElse(null);
            case CANCELLED -> new AgentEnd(new Stop(StopRule.ABORTED, "the run was aborted" + at + ": "
                    + stop.message()), false);
            case MODEL_ERROR, INVALID_REPLIES -> new AgentEnd(new Stop(StopRule.ERROR, "the agent could not go on"
                    + at + ": " + stop.message()), true);
            case INTERNAL_ERROR -> new AgentEnd(new Stop(StopRule.ERROR, "the agent could not go on" + at + ": "
                    + stop.message()), false);
        };
    }

    /** The run's limits (tokens, cost, wall time) before an iteration, or the wall time before a test run. */
    private Optional<Stop> limit(Budget limits, String when) {
        Optional<LimitReached> reached = limits.check(ledger, pricedModel);
        return reached.map(limit -> new Stop(switch (limit.limit()) {
            case TOKENS -> StopRule.MAX_TOKENS;
            case COST, COST_UNKNOWN -> StopRule.MAX_COST;
            case WALL_TIME -> StopRule.TIMEOUT;
            case TURNS -> throw new IllegalStateException("the run's limits have no maxTurns");
        }, limit.message() + " (" + when + ")"));
    }

    /** A validation and its reruns. */
    private static final class Validation {
        private final ValidationResult result;
        private final List<String> flaky;
        private final int reruns;

        Validation(ValidationResult result, List<String> flaky, int reruns) {
            this.result = result;
            this.flaky = flaky;
            this.reruns = reruns;
        }

        IterationRecord.ValidationPart part(Set<TestId> preExisting) {
            List<String> failing = new ArrayList<>();
            List<String> newFailures = new ArrayList<>();
            long notListed = result.report().failuresNotListed();
            for (TestCaseResult failure : result.report().failures()) {
                if (failing.size() < IterationRecord.ValidationPart.MAX_LISTED_FAILING) {
                    failing.add(failure.id().toString());
                    if (!preExisting.contains(failure.id())) {
                        newFailures.add(failure.id().toString());
                    }
                } else {
                    notListed++;
                }
            }
            Integer exitCode = result.command() == null || result.command().timedOut() ? null
                    : result.command().exitCode();
            return new IterationRecord.ValidationPart(result.verdict().status(), result.verdict().reasons(),
                    result.report().counts(), exitCode, failing, notListed, newFailures, flaky, reruns,
                    result.timeLimitReached());
        }
    }

    /**
     * Runs the test command, and again up to {@code rerunFailures} times while the gate fails with failing tests:
     * a test that failed and then passed is flaky. The last run's result is the iteration's.
     */
    private Validation validate(ValidationRequest validation) {
        ValidationResult result = validator.validate(validation, workspace, log, timeLeft());
        Set<TestId> failedBefore = new LinkedHashSet<>(result.report().failedIds());
        List<String> flaky = new ArrayList<>();
        int reruns = 0;
        while (reruns < request.rerunFailures() && !result.verdict().passed() && !result.timeLimitReached()
                && !result.report().failures().isEmpty()) {
            if (limit(wallTime, "before a rerun").isPresent() || Thread.currentThread().isInterrupted()) {
                break;
            }
            reruns++;
            log.info("Rerunning the test command (" + reruns + " of " + request.rerunFailures() + ") for "
                    + result.report().failures().size() + " failing test(s)");
            ValidationResult again = validator.validate(validation, workspace, log, timeLeft());
            Set<TestId> failingNow = again.report().failedIds();
            for (TestId id : failedBefore) {
                if (!failingNow.contains(id) && again.report().identities().executed(id)
                        && !flaky.contains(id.toString())) {
                    flaky.add(id.toString());
                }
            }
            failedBefore.addAll(failingNow);
            result = again;
        }
        if (!flaky.isEmpty()) {
            log.info(redact("Flaky: " + flaky.size() + " test(s) failed and then passed on a rerun: "
                    + String.join(", ", flaky)));
        }
        return new Validation(result, flaky, reruns);
    }

    private Duration timeLeft() {
        return runLimits.remainingWallTime(ledger).orElse(null);
    }

    private Feedback feedback(ValidationResult result, Set<TestId> preExisting, Set<TestId> previous,
                              List<ChangedFile> changedSoFar, TokenCounter counter) {
        ContextRequest context = request.agentRequest().context();
        return Feedback.from(FeedbackRequest.builder(result).preExisting(preExisting).previous(previous)
                        .changedFiles(changedSoFar).maxTokens(ContextBuilder.feedbackTextTokens(context, counter))
                        .build(),
                counter::count, request::redact);
    }

    private static AgentRequest withFeedback(AgentRequest agent, String feedback) {
        if (feedback == null) {
            return agent;
        }
        return AgentRequest.builder().context(agent.context().withFeedback(feedback)).policy(agent.policy())
                .budget(agent.budget()).maxConsecutiveErrors(agent.maxConsecutiveErrors())
                .maxOutputTokens(agent.maxOutputTokens()).build();
    }

    private IterationRecord.DiffPart diff(AgentResult agent) {
        String text = redact(agent.diff());
        List<ChangedFile> lines = DiffLines.perFile(text, agent.changedFiles());
        long added = 0;
        long removed = 0;
        for (ChangedFile file : lines) {
            added += file.linesAdded();
            removed += file.linesRemoved();
        }
        boolean truncated = text.length() > IterationRecord.DiffPart.MAX_DIFF_CHARS;
        return new IterationRecord.DiffPart(agent.changedFiles(), added, removed,
                truncated ? Truncation.headTail(text, IterationRecord.DiffPart.MAX_DIFF_CHARS) : text, truncated);
    }

    /** What "the same failing set" compares: the failing tests and the gate's reasons. */
    private static String signature(ValidationResult result) {
        StringBuilder signature = new StringBuilder();
        List<TestId> failing = new ArrayList<>(result.report().failedIds());
        failing.sort(null);
        failing.forEach(id -> signature.append(id).append('\n'));
        signature.append(result.report().failuresNotListed()).append('\n');
        for (Reason reason : result.verdict().reasons()) {
            signature.append(reason.condition()).append(':').append(reason.message()).append('\n');
        }
        return signature.toString();
    }

    private static long failing(ValidationResult result) {
        return result.report().failures().size() + result.report().failuresNotListed();
    }

    /**
     * The failing tests plus the tests that ran at iteration 0 and did not run now: an attempt that breaks the build
     * (no test runs, none fails) is not better than one that leaves a test failing.
     */
    private long shortfall(ValidationResult result) {
        long missing = baseline == null ? 0 : baseline.identities().executedMissingIn(result.report().identities());
        return failing(result) + missing;
    }

    /** Keeps what {@code keep} says, cleans up, and tells the listener. */
    private RefineResult end(Stop stop, WorkspaceState start) {
        // A pending interrupt would make the file operations of the restore fail: the end must still run.
        interrupted |= Thread.interrupted();
        RefineResult.Kept kept = null;
        try {
            kept = keep(stop);
        } catch (RuntimeException e) {
            log.error(redact("Could not keep the chosen iteration: " + e));
            kept = new RefineResult.Kept(request.keep(), -1, false, null, "could not keep the chosen iteration: " + e);
        }
        cleanUp(start, kept);
        RefineResult result = result(stop, kept);
        log.info(redact("Refine run ended: " + stop.rule() + ": " + stop.message() + "; " + kept.message()));
        listener(() -> listener.finished(result));
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return result;
    }

    private RefineResult.Kept keep(Stop stop) {
        if (iterations.isEmpty()) {
            return new RefineResult.Kept(request.keep(), 0, false, null, "the run stopped before iteration 0; "
                    + "nothing was changed");
        }
        int last = iterations.isEmpty() ? 0 : iterations.get(iterations.size() - 1).number();
        if (stop.rule() == StopRule.GATE_PASSED) {
            return new RefineResult.Kept(request.keep(), last, false, null, "kept iteration " + last
                    + ", whose gate passed");
        }
        int chosen;
        String why;
        switch (request.keep()) {
            case LAST -> {
                return new RefineResult.Kept(Keep.LAST, last, false, null, "kept the last iteration, " + last
                        + " (keep: last)");
            }
            case NONE -> {
                chosen = 0;
                why = "keep: none";
            }
            default -> {
                chosen = best();
                why = "keep: best; the gate's verdict, then the fewest failing tests, then the smallest diff";
            }
        }
        if (chosen == last && iterations.get(iterations.size() - 1).validation() != null) {
            return new RefineResult.Kept(request.keep(), chosen, false, null, "kept iteration " + chosen + " ("
                    + why + "), the workspace's state at the end");
        }
        WorkspaceState state = states.get(chosen);
        RestoreResult restore = workspace.restoreState(state);
        String message = (chosen == 0 ? "restored the workspace as it was before the run" : "restored iteration "
                + chosen) + " (" + why + ")" + (restore.complete() ? "" : "; " + restore.failed().size()
                + " path(s) could not be put back: " + restore.failed());
        if (!restore.complete()) {
            log.warning(redact(message));
        }
        return new RefineResult.Kept(request.keep(), chosen, true, restore, message);
    }

    /** The best validated iteration: passed, then fewest failing, then smallest diff, then earliest. */
    private int best() {
        int best = 0;
        for (IterationRecord record : iterations) {
            if (record.validation() == null || record.number() >= shortfalls.size()
                    || shortfalls.get(record.number()) == null) {
                continue; // a limit cut it before its tests ran or during them: its work was never judged
            }
            if (better(record, iterations.get(best))) {
                best = record.number();
            }
        }
        return best;
    }

    private boolean better(IterationRecord candidate, IterationRecord best) {
        if (candidate.passed() != best.passed()) {
            return candidate.passed();
        }
        // a failed gate that the tamper guard failed is worse than any other failed gate: fewer failing tests
        // bought by deleting or skipping tests are no progress
        boolean tampered = tampered(candidate);
        if (tampered != tampered(best)) {
            return !tampered;
        }
        long failing = shortfalls.get(candidate.number());
        long bestFailing = shortfalls.get(best.number());
        if (failing != bestFailing) {
            return failing < bestFailing;
        }
        return diffSizes.get(candidate.number()) < diffSizes.get(best.number());
    }

    private static boolean tampered(IterationRecord record) {
        for (Reason reason : record.validation().reasons()) {
            if (reason.condition().isTamperGuard()) {
                return true;
            }
        }
        return false;
    }

    private void cleanUp(WorkspaceState start, RefineResult.Kept kept) {
        boolean restoreFailed = kept != null && kept.restore() != null && !kept.restore().complete();
        if (restoreFailed) {
            // The states are what a later restore needs: keep the store and the marker, say where.
            log.warning("The recorded states stay in " + start.store() + " and the run marker in "
                    + RefineRequest.MARKER_PATH + ", so that a later run with recover: restore can put the "
                    + "workspace back as it was before this run");
            return;
        }
        try {
            workspace.discardStates(start.store());
        } catch (RuntimeException e) {
            log.warning("Could not delete the recorded states in " + start.store() + ": " + e.getMessage());
        }
        marker.delete(log);
    }

    private RefineResult result(Stop stop, RefineResult.Kept kept) {
        return new RefineResult(stop == null ? null : stop.rule().outcome(), stop == null ? null : stop.rule(),
                stop == null ? "" : redact(Truncation.headTail(stop.message(), MESSAGE_CHARS)), model,
                request.maxIterations(), iterations, kept, ledger.total(), started, since(started),
                recovery);
    }

    private Duration since(Instant from) {
        Duration duration = Duration.between(from, clock.instant());
        return duration.isNegative() ? Duration.ZERO : duration;
    }

    private String redact(String text) {
        return request.redact(text);
    }

    private void listener(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warning(redact("A refine listener failed: " + e));
        }
    }

    private static boolean isInterrupt(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedException || cause instanceof java.nio.channels.ClosedByInterruptException) {
                return true;
            }
        }
        return Thread.currentThread().isInterrupted() && e instanceof WorkspaceException;
    }
}
