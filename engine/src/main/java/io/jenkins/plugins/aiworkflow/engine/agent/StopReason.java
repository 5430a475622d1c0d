package io.jenkins.plugins.aiworkflow.engine.agent;

import java.util.Objects;

/**
 * Why an agent run stopped; every stop has one.
 *
 * @param kind    what kind of stop
 * @param message a sentence for logs, results and the transcript
 */
public record StopReason(Kind kind, String message) {
    /** The kinds of stop. */
    public enum Kind {
        /** The model called {@code finish}. */
        FINISHED,
        /** A budget limit was reached before the next model call. */
        LIMIT,
        /** The model call failed (after the client's retries). */
        MODEL_ERROR,
        /** Too many invalid replies in a row (bad tool JSON, unknown tools, cut-off answers, refusals). */
        INVALID_REPLIES,
        /** The run was interrupted, e.g. the build was aborted. */
        CANCELLED
    }

    public StopReason {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return message;
    }
}
