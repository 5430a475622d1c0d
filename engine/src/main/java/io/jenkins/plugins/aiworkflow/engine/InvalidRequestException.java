package io.jenkins.plugins.aiworkflow.engine;

import java.util.Optional;

/**
 * Bad input to an engine entry point (a parameter, a file it names): the message names it and what is
 * accepted, and {@link #parameter()} names the parameter when one is to blame, by its step parameter
 * name (DESIGN §3), so that an adapter can point at its own option or field without reading the message.
 * In the engine's top package because every step's request throws it (validation, implementation).
 */
public class InvalidRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String parameter;

    public InvalidRequestException(String message) {
        this(null, message, null);
    }

    public InvalidRequestException(String message, Throwable cause) {
        this(null, message, cause);
    }

    /**
     * @param parameter the parameter whose value is refused, or null when no single one is to blame
     * @param cause     the engine's own refusal, or null
     */
    public InvalidRequestException(String parameter, String message, Throwable cause) {
        super(message, cause);
        this.parameter = parameter;
    }

    /** The parameter whose value is refused, when one is to blame. */
    public Optional<String> parameter() {
        return Optional.ofNullable(parameter);
    }
}
