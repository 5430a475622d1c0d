package io.jenkins.plugins.aiworkflow.engine.agent;

import io.jenkins.plugins.aiworkflow.engine.context.ContextRequest;
import io.jenkins.plugins.aiworkflow.engine.ledger.Budget;
import io.jenkins.plugins.aiworkflow.engine.sandbox.WorkspacePolicy;
import java.util.Objects;

/** Everything one agent run needs besides the workspace and the model. Immutable. */
public final class AgentRequest {
    public static final int DEFAULT_MAX_CONSECUTIVE_ERRORS = 3;
    public static final int DEFAULT_MAX_LISTED_FILES = 500;
    public static final int DEFAULT_MAX_SEARCH_RESULTS = 100;

    private final ContextRequest context;
    private final WorkspacePolicy policy;
    private final Budget budget;
    private final int maxConsecutiveErrors;
    private final Integer maxOutputTokens;

    private AgentRequest(Builder builder) {
        context = Objects.requireNonNull(builder.context, "context (with the intent) is required");
        policy = Objects.requireNonNull(builder.policy, "policy");
        budget = Objects.requireNonNull(builder.budget, "budget");
        if (builder.maxConsecutiveErrors < 1) {
            throw new IllegalArgumentException("maxConsecutiveErrors must be >= 1, was " + builder.maxConsecutiveErrors);
        }
        maxConsecutiveErrors = builder.maxConsecutiveErrors;
        if (builder.maxOutputTokens != null && builder.maxOutputTokens < 1) {
            throw new IllegalArgumentException("maxOutputTokens must be >= 1, was " + builder.maxOutputTokens);
        }
        maxOutputTokens = builder.maxOutputTokens;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The intent, feedback and what context to assemble. */
    public ContextRequest context() {
        return context;
    }

    /** Which files the tools may touch and which commands they may run. */
    public WorkspacePolicy policy() {
        return policy;
    }

    /** Turns, tokens, cost and wall time, checked before every model call. */
    public Budget budget() {
        return budget;
    }

    /** Invalid replies in a row (bad tool JSON, unknown tool, cut-off answer, refusal, no tool call) before the run stops. */
    public int maxConsecutiveErrors() {
        return maxConsecutiveErrors;
    }

    /** The most output tokens per model call, null for the model's default. */
    public Integer maxOutputTokens() {
        return maxOutputTokens;
    }

    /** Builder; the context is required. */
    public static final class Builder {
        private ContextRequest context;
        private WorkspacePolicy policy = WorkspacePolicy.defaults();
        private Budget budget = Budget.unlimited();
        private int maxConsecutiveErrors = DEFAULT_MAX_CONSECUTIVE_ERRORS;
        private Integer maxOutputTokens;

        private Builder() {
        }

        public Builder context(ContextRequest value) {
            context = value;
            return this;
        }

        public Builder policy(WorkspacePolicy value) {
            policy = value;
            return this;
        }

        public Builder budget(Budget value) {
            budget = value;
            return this;
        }

        public Builder maxConsecutiveErrors(int value) {
            maxConsecutiveErrors = value;
            return this;
        }

        public Builder maxOutputTokens(Integer value) {
            maxOutputTokens = value;
            return this;
        }

        public AgentRequest build() {
            return new AgentRequest(this);
        }
    }
}
