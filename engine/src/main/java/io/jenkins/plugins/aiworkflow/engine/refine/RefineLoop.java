package io.jenkins.plugins.aiworkflow.engine.refine;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.context.ContextBuilder;
import io.jenkins.plugins.aiworkflow.engine.context.ContextRequest;
import io.jenkins.plugins.aiworkflow.engine.context.TokenCounter;
import io.jenkins.plugins.aiworkflow.engine.report.TestId;
import io.jenkins.plugins.aiworkflow.engine.text.Truncation;
import io.jenkins.plugins.aiworkflow.engine.validate.Feedback;
import io.jenkins.plugins.aiworkflow.engine.validate.FeedbackRequest;
import io.jenkins.plugins.aiworkflow.engine.validate.Reason;
import io.jenkins.plugins.aiworkflow.engine.validate.ValidationResult;
import java.io.Serial;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The decisions of the block form of refine ({@code aiRefineLoop}): the caller runs a body (its own aiImplement,
 * commands and aiValidate) once per iteration; the body's validations ({@link #validated}) and the money its
 * agents spent ({@link #spent}) are recorded here, and {@link #endIteration} says whether the body runs again,
 * with the stop rules of {@link RefineRun}: the gate passed, {@code maxIterations} runs made, no progress, the
 * cost or the time spent. Between runs it carries the feedback of the last failed validation, bounded by
 * {@code feedbackTokens}, for the next run's agent ({@link #feedback}).
 *
 * <p>Thread-safe (inner steps record from their own threads) and serializable, holding only small values: the
 * feedback text (bounded), a digest of the failing tests, numbers.
 */
public final class RefineLoop implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The reasons of a failed validation kept, each cut to {@value #REASON_CHARS} characters. */
    static final int MAX_REASONS = 20;
    static final int REASON_CHARS = 1_000;
    /** Failing tests' ids kept to tell the next iteration's new failures from old ones. */
    static final int MAX_KEPT_IDS = 1_000;

    private final int maxIterations;
    private final Double maxCostUsd;
    private final Duration timeout;
    private final int feedbackTokens;

    private int iteration = 1;
    /** The feedback this iteration's agent gets: the previous iteration's last failed validation's, or null. */
    private String feedbackIn;
    /** This iteration's last validation: null when none ran yet. */
    private Boolean passed;
    private String feedbackOut;
    private List<String> reasons = List.of();
    private String signature;
    private long failing;
    /** The last ended iteration's failing tests, as a digest, and their count. */
    private String previousSignature;
    private long previousFailing = -1;
    private Set<String> previousFailedIds = Set.of();
    private Set<String> failedIds = Set.of();
    private int noProgress;
    private double costUsd;
    private boolean costUnknown;

    private RefineLoop(int maxIterations, Double maxCostUsd, Duration timeout, int feedbackTokens) {
        this.maxIterations = maxIterations;
        this.maxCostUsd = maxCostUsd;
        this.timeout = timeout;
        this.feedbackTokens = feedbackTokens;
    }

    /**
     * A loop at its first iteration.
     *
     * @param maxIterations  runs of the body, 1 to {@link RefineRequest#MAX_MAX_ITERATIONS}; null: the default
     * @param maxCostUsd     money the body's agents may spend in all, or null for no limit
     * @param timeout        wall time of all runs, or null for no limit
     * @param feedbackTokens room of the feedback in the next prompt; null: the default
     * @throws InvalidRequestException naming the refused parameter
     */
    public static RefineLoop start(Integer maxIterations, Double maxCostUsd, Duration timeout,
                                   Integer feedbackTokens) {
        int iterations = maxIterations == null ? RefineRequest.DEFAULT_MAX_ITERATIONS : maxIterations;
        if (iterations < 1 || iterations > RefineRequest.MAX_MAX_ITERATIONS) {
            throw new InvalidRequestException("maxIterations", "maxIterations must be from 1 to "
                    + RefineRequest.MAX_MAX_ITERATIONS + ", was " + iterations, null);
        }
        if (maxCostUsd != null && !(maxCostUsd > 0 && Double.isFinite(maxCostUsd))) {
            throw new InvalidRequestException("maxCostUsd", "maxCostUsd must be a positive amount of US dollars, "
                    + "such as 2.00, was " + maxCostUsd, null);
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new InvalidRequestException("timeout", "timeout must be longer than 0, was " + timeout, null);
        }
        int tokens = feedbackTokens == null ? RefineRequest.DEFAULT_FEEDBACK_TOKENS : feedbackTokens;
        if (tokens < RefineRequest.MIN_FEEDBACK_TOKENS || tokens > RefineRequest.MAX_FEEDBACK_TOKENS) {
            throw new InvalidRequestException("feedbackTokens", "feedbackTokens must be from "
                    + RefineRequest.MIN_FEEDBACK_TOKENS + " to " + RefineRequest.MAX_FEEDBACK_TOKENS + ", was "
                    + tokens, null);
        }
        return new RefineLoop(iterations, maxCostUsd, timeout, tokens);
    }

    /** The iteration the body runs now, from 1. */
    public synchronized int iteration() {
        return iteration;
    }

    public int maxIterations() {
        return maxIterations;
    }

    /** The room of the feedback in the agent's prompt. */
    public int feedbackTokens() {
        return feedbackTokens;
    }

    /** What this iteration's agent learns from the previous one's failed validation; null at the first. */
    public synchronized String feedback() {
        return feedbackIn;
    }

    /**
     * What an agent of the body may still spend, so that one run of the body cannot go beyond {@code maxCostUsd}
     * (the loop itself checks only between runs); null when the loop has no {@code maxCostUsd}, 0 when it is spent.
     */
    public synchronized Double costLeftUsd() {
        return maxCostUsd == null ? null : Math.max(0, maxCostUsd - costUsd);
    }

    /**
     * Holds the values of an {@code aiImplement} in the body to what the loop has left, in place: its
     * {@code maxCostUsd} becomes at most {@link #costLeftUsd()} (that, when it gave none). Nothing changes when the
     * loop has no {@code maxCostUsd}.
     *
     * @throws InvalidRequestException naming {@code maxCostUsd} when the loop's is spent
     */
    public synchronized void capImplement(Map<String, Object> values) {
        Double left = costLeftUsd();
        if (left == null) {
            return;
        }
        if (left <= 0) {
            throw new InvalidRequestException("maxCostUsd", "the maxCostUsd of aiRefineLoop is spent (" + costUsd
                    + " USD); accepted: a higher maxCostUsd on aiRefineLoop", null);
        }
        Object given = values.get("maxCostUsd");
        values.put("maxCostUsd", given instanceof Number n ? Math.min(n.doubleValue(), left) : left);
    }

    /** Money the body's agents spent so far. */
    public synchronized double costUsd() {
        return costUsd;
    }

    /**
     * Records a validation of the body; the iteration's last one counts. A failed one also makes the feedback for
     * the next iteration, its texts masked by {@code redactor}.
     */
    public synchronized void validated(ValidationResult result, UnaryOperator<String> redactor) {
        passed = result.verdict().passed();
        reasons = result.verdict().reasons().stream().limit(MAX_REASONS).map(Reason::message).map(redactor)
                .map(message -> Truncation.headTail(message, REASON_CHARS)).toList();
        List<TestId> ids = new ArrayList<>(result.report().failedIds());
        ids.sort(null);
        Set<String> names = new LinkedHashSet<>();
        StringBuilder text = new StringBuilder();
        for (TestId id : ids) {
            text.append(id).append('\n');
            if (names.size() < MAX_KEPT_IDS) {
                names.add(id.toString());
            }
        }
        text.append(result.report().failuresNotListed()).append('\n');
        result.verdict().reasons().forEach(reason -> text.append(reason.condition()).append(':')
                .append(reason.message()).append('\n'));
        signature = digest(text.toString());
        failing = result.report().counts().failed();
        failedIds = Set.copyOf(names);
        feedbackOut = passed ? null : feedbackText(result, redactor);
    }

    /** Adds money an agent of the body spent; {@code known} false: its model has no price. */
    public synchronized void spent(double usd, boolean known) {
        costUsd += usd;
        costUnknown |= !known;
    }

    /** Whether the body ran an aiValidate in this iteration. */
    public synchronized boolean hasValidation() {
        return passed != null;
    }

    /** Whether this iteration validated and the last validation passed. */
    public synchronized boolean passed() {
        return Boolean.TRUE.equals(passed);
    }

    /** The reasons of this iteration's last failed validation (masked, cut). */
    public synchronized List<String> reasons() {
        return reasons;
    }

    /**
     * The body ended its run normally: stop (and why), or run it again (the next iteration begins, with this
     * one's feedback).
     *
     * @param elapsed wall time since the loop started
     */
    public synchronized Decision endIteration(Duration elapsed) {
        Decision stop = stop(elapsed);
        if (stop != null) {
            return stop;
        }
        iteration++;
        feedbackIn = feedbackOut;
        previousSignature = signature;
        previousFailing = failing;
        previousFailedIds = failedIds;
        passed = null;
        feedbackOut = null;
        reasons = List.of();
        return new Decision(null, "iteration " + iteration + " of " + maxIterations + " with the feedback of "
                + "iteration " + (iteration - 1));
    }

    private Decision stop(Duration elapsed) {
        if (passed == null) {
            return new Decision(StopRule.ERROR, "iteration " + iteration + " ran no aiValidate: the body must "
                    + "validate, such as aiValidate reports: '**/TEST-*.xml'");
        }
        if (passed) {
            return new Decision(StopRule.GATE_PASSED, "the gate passed at iteration " + iteration);
        }
        boolean same = signature.equals(previousSignature);
        boolean worse = previousFailing >= 0 && failing > previousFailing;
        // as in RefineRun: two iterations in a row that left the same failing tests as the one before, or more
        int stalled = previousSignature != null && (same || worse) ? noProgress + 1 : 0;
        if (stalled >= 2) {
            return new Decision(StopRule.NO_PROGRESS, "no progress: iterations " + (iteration - 1) + " and "
                    + iteration + " each left the same failing tests as the iteration before, or more");
        }
        if (iteration >= maxIterations) {
            return new Decision(StopRule.MAX_ITERATIONS, "maxIterations reached: " + iteration
                    + " iteration(s) made, the gate did not pass");
        }
        if (maxCostUsd != null && costUnknown) {
            return new Decision(StopRule.MAX_COST, "maxCostUsd cannot be enforced: a model of the body has no "
                    + "price; stopped after iteration " + iteration);
        }
        if (maxCostUsd != null && costUsd >= maxCostUsd) {
            return new Decision(StopRule.MAX_COST, String.format(java.util.Locale.ROOT,
                    "maxCostUsd reached after iteration %d: %.4f of %.4f USD spent", iteration, costUsd, maxCostUsd));
        }
        if (timeout != null && elapsed.compareTo(timeout) >= 0) {
            return new Decision(StopRule.TIMEOUT, "timeout reached after iteration " + iteration);
        }
        noProgress = stalled;
        return null;
    }

    /** The feedback of a failed validation, as refine's next attempt gets it, within {@code feedbackTokens}. */
    private String feedbackText(ValidationResult result, UnaryOperator<String> redactor) {
        // the model is not known here: the common tokenizer of current models; the agent's prompt cuts again
        TokenCounter counter = TokenCounter.o200kBase();
        ContextRequest room = ContextRequest.builder().intent("-").maxFeedbackTokens(feedbackTokens).build();
        int maxTokens = Math.max(FeedbackRequest.MIN_MAX_TOKENS, ContextBuilder.feedbackTextTokens(room, counter));
        Set<TestId> previous = new LinkedHashSet<>();
        for (TestId id : result.report().failedIds()) {
            if (previousFailedIds.contains(id.toString())) {
                previous.add(id);
            }
        }
        return Feedback.from(FeedbackRequest.builder(result).previous(previous)
                .maxTokens(maxTokens).maxFailureTokens(Math.min(FeedbackRequest.DEFAULT_MAX_FAILURE_TOKENS,
                        maxTokens)).build(), counter::count, redactor).text();
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /**
     * What follows a run of the body.
     *
     * @param stopRule why the loop stops, or null: run the body again
     * @param message  a sentence saying why
     */
    public record Decision(StopRule stopRule, String message) implements Serializable {
        /** Whether the body runs again. */
        public boolean again() {
            return stopRule == null;
        }
    }
}
