package io.jenkins.plugins.aiworkflow.engine.validate;

/** Bad input to the gate (a parameter, a baseline file): the message names it and what is accepted. */
public class InvalidRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String message) {
        super(message);
    }

    public InvalidRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
