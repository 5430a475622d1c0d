package io.jenkins.plugins.aiworkflow.engine.agent;

import io.jenkins.plugins.aiworkflow.engine.ledger.LimitReached;
import java.util.Objects;
import java.util.Optional;

/**
 * Why an agent run stopped; every stop has one.
 *
 * @param kind    what kind of stop
 * @param message a sentence for logs, results and the transcript
 * @param limit   for {@link Kind#LIMIT}: which limit stopped the run (null when not known); null for
 *                every other kind
 */
public record StopReason(Kind kind, String message, LimitReached.Limit limit) {
    /** The kinds of stop. */
    public enum Kind {
        /** The model called {@code finish}. */
        FINISHED,
        /**
         * The model called {@code finish} saying that the intent cannot be carried out (outcome
         * {@code cannot_proceed}); its summary says why. What it changed is reported as for {@link #FINISHED}.
         */
        CANNOT_PROCEED,
        /**
         * A budget limit was reached before the next model call, or the wall-time limit came during a
         * model call (a retry's wait would have ended after it, or no answer came before it).
         */
        LIMIT,
        /** The model call failed (after the client's retries). */
        MODEL_ERROR,
        /** Too many invalid replies in a row (bad tool JSON, unknown tools, cut-off answers, refusals). */
        INVALID_REPLIES,
        /** The run was interrupted, e.g. the build was aborted. */
        CANCELLED,
        /**
         * An exception or error inside the run ended it: a bug, or the memory ran out. The message names
         * the exception's class and message and the turn; the work done so far stays.
         */
        INTERNAL_ERROR
    }

    public StopReason {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        if (limit != null && kind != Kind.LIMIT) {
            throw new IllegalArgumentException("only a LIMIT stop names a limit; kind " + kind + " with limit "
                    + limit);
        }
    }

    /** A stop without a named limit. */
    public StopReason(Kind kind, String message) {
        this(kind, message, null);
    }

    /** A stop by the limit that was reached. */
    public static StopReason limit(LimitReached.Limit limit, String message) {
        return new StopReason(Kind.LIMIT, message, Objects.requireNonNull(limit, "limit"));
    }

    /** Which limit stopped the run, for a {@link Kind#LIMIT} stop that names it. */
    public Optional<LimitReached.Limit> limitReached() {
        return Optional.ofNullable(limit);
    }

    @Override
    public String toString() {
        return message;
    }
}
