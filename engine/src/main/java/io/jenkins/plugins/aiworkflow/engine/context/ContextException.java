package io.jenkins.plugins.aiworkflow.engine.context;

/**
 * A context request that cannot be honoured: a bad parameter, or a token budget too small
 * for the rules and the intent. The message names the parameter, the value and what is
 * accepted.
 */
public class ContextException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ContextException(String message) {
        super(message);
    }

    public ContextException(String message, Throwable cause) {
        super(message, cause);
    }
}
