package io.jenkins.plugins.aiworkflow.engine.llm;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A model call failed. The {@link Kind} says how, so that callers can decide (stop the run,
 * report a configuration error, ...); the message says what, where and with which value, and never
 * contains an API key.
 */
public final class ModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** How a call failed. */
    public enum Kind {
        /** HTTP 401 or 403: the key is missing, wrong, or not allowed to use this model. */
        AUTHENTICATION,
        /** Another 4xx: the request was refused (unknown model, bad parameter, context too long). */
        BAD_REQUEST,
        /** HTTP 429 after all retries, or a Retry-After longer than the allowed wait. */
        RATE_LIMITED,
        /** HTTP 5xx after all retries, or an error reported inside a stream. */
        SERVER_ERROR,
        /** No complete answer within the request timeout, after all retries. */
        TIMEOUT,
        /** The answer could not be read: invalid JSON, a cut-off stream, missing fields. */
        MALFORMED_RESPONSE,
        /** The server could not be reached (connection refused, DNS, TLS, reset). */
        NETWORK,
        /** The calling thread was interrupted (e.g. the Jenkins build was aborted). */
        CANCELLED,
        /**
         * The run's wall-time limit ({@link ModelRequest#timeLeft()}) came first: a wait before a retry
         * would have ended after it, or no answer came before it. The message says which and how long.
         */
        WALL_TIME
    }

    private final Kind kind;
    private final int statusCode;

    public ModelException(Kind kind, String message) {
        this(kind, message, -1, null);
    }

    public ModelException(Kind kind, String message, int statusCode, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.statusCode = statusCode;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status of the last answer, when there was one. */
    public OptionalInt statusCode() {
        return statusCode < 0 ? OptionalInt.empty() : OptionalInt.of(statusCode);
    }
}
