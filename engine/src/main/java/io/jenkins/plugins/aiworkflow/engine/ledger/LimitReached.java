package io.jenkins.plugins.aiworkflow.engine.ledger;

import java.util.Objects;

/**
 * Why a run must stop before its next model call: which limit, what was used, what the limit is,
 * and a sentence saying so for logs and reports.
 */
public record LimitReached(Limit limit, String used, String maximum, String message) {
    /** The budget's limits, named like the step parameters. */
    public enum Limit {
        /** {@code maxTurns}: model calls. */
        TURNS,
        /** {@code maxTokens}: input plus output tokens. */
        TOKENS,
        /** {@code maxCostUsd}: money. */
        COST,
        /** {@code maxCostUsd} is set but the model's cost is unknown, so it cannot be enforced. */
        COST_UNKNOWN,
        /** {@code timeout}: wall time, waits for rate limits included. */
        WALL_TIME
    }

    public LimitReached {
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(used, "used");
        Objects.requireNonNull(maximum, "maximum");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return message;
    }
}
