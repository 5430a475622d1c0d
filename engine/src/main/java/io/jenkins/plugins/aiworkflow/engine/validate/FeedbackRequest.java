package io.jenkins.plugins.aiworkflow.engine.validate;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.report.TestId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the feedback for the next attempt is made of: this iteration's failed validation, what to compare it
 * with, the diff so far, and the bounds. Checked once when built; immutable. See {@link Feedback}.
 */
public final class FeedbackRequest {
    /**
     * Tokens the whole feedback text may take: what the context's default reserve for the feedback
     * ({@code ContextRequest.DEFAULT_MAX_FEEDBACK_TOKENS}, 4,000) leaves once its heading and fence are in
     * ({@code ContextBuilder.feedbackTextTokens} gives the exact figure for a request and a tokenizer).
     */
    public static final int DEFAULT_MAX_TOKENS = 3_900;
    /** Tokens one failing test may take at most, its name, message and stack trace together. */
    public static final int DEFAULT_MAX_FAILURE_TOKENS = 600;
    /** The least {@code maxTokens}: room for the fixed lines and a few failing tests. */
    public static final int MIN_MAX_TOKENS = 200;
    /** The least {@code maxFailureTokens}: a test's name, its problem and a line of its message. */
    public static final int MIN_MAX_FAILURE_TOKENS = 50;

    private final ValidationResult result;
    private final Set<TestId> preExisting;
    private final Set<TestId> previous;
    private final List<ChangedFile> changedFiles;
    private final int maxTokens;
    private final int maxFailureTokens;

    private FeedbackRequest(Builder builder) {
        result = Objects.requireNonNull(builder.result, "result");
        if (result.verdict().passed()) {
            throw new IllegalArgumentException("feedback is for a failed gate; this validation passed");
        }
        preExisting = Set.copyOf(builder.preExisting);
        previous = builder.previous == null ? preExisting : Set.copyOf(builder.previous);
        changedFiles = builder.changedFiles == null ? null : List.copyOf(builder.changedFiles);
        if (builder.maxTokens < MIN_MAX_TOKENS) {
            throw new InvalidRequestException("maxTokens", "maxTokens of the feedback must be at least "
                    + MIN_MAX_TOKENS + ", was " + builder.maxTokens + "; accepted: a number of tokens from "
                    + MIN_MAX_TOKENS + ", such as the default " + DEFAULT_MAX_TOKENS, null);
        }
        maxTokens = builder.maxTokens;
        if (builder.maxFailureTokens < MIN_MAX_FAILURE_TOKENS || builder.maxFailureTokens > maxTokens) {
            throw new InvalidRequestException("maxFailureTokens", "maxFailureTokens of the feedback must be between "
                    + MIN_MAX_FAILURE_TOKENS + " and its maxTokens (" + maxTokens + "), was "
                    + builder.maxFailureTokens + "; accepted: such as the default " + DEFAULT_MAX_FAILURE_TOKENS, null);
        }
        maxFailureTokens = builder.maxFailureTokens;
    }

    /** @param result this iteration's validation; its verdict must be FAILED */
    public static Builder builder(ValidationResult result) {
        return new Builder(result);
    }

    /** This iteration's validation. */
    public ValidationResult result() {
        return result;
    }

    /** Tests that failed at iteration 0, before the agent changed anything. */
    public Set<TestId> preExisting() {
        return preExisting;
    }

    /** Tests that failed in the previous iteration; {@link #preExisting()} when none was given (iteration 1). */
    public Set<TestId> previous() {
        return previous;
    }

    /** The files changed so far with their line counts; null when not known (the feedback then leaves them out). */
    public List<ChangedFile> changedFiles() {
        return changedFiles;
    }

    /** Tokens the whole feedback text may take. */
    public int maxTokens() {
        return maxTokens;
    }

    /** Tokens one failing test may take. */
    public int maxFailureTokens() {
        return maxFailureTokens;
    }

    /** Builder; only the result is required. */
    public static final class Builder {
        private final ValidationResult result;
        private Set<TestId> preExisting = Set.of();
        private Set<TestId> previous;
        private List<ChangedFile> changedFiles;
        private int maxTokens = DEFAULT_MAX_TOKENS;
        private int maxFailureTokens = DEFAULT_MAX_FAILURE_TOKENS;

        private Builder(ValidationResult result) {
            this.result = result;
        }

        /** The tests that failed at iteration 0 (its report's {@code failedIds()}); default none. */
        public Builder preExisting(Set<TestId> value) {
            preExisting = new LinkedHashSet<>(Objects.requireNonNull(value, "preExisting"));
            return this;
        }

        /** The tests that failed in the previous iteration; default: the {@link #preExisting} ones (iteration 1). */
        public Builder previous(Set<TestId> value) {
            previous = new LinkedHashSet<>(Objects.requireNonNull(value, "previous"));
            return this;
        }

        /** The files changed so far, with line counts from the caller's diff; default not known. */
        public Builder changedFiles(List<ChangedFile> value) {
            changedFiles = new ArrayList<>(Objects.requireNonNull(value, "changedFiles"));
            return this;
        }

        public Builder maxTokens(int value) {
            maxTokens = value;
            return this;
        }

        public Builder maxFailureTokens(int value) {
            maxFailureTokens = value;
            return this;
        }

        public FeedbackRequest build() {
            return new FeedbackRequest(this);
        }
    }
}
