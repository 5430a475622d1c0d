package io.jenkins.plugins.aiworkflow.engine;

import java.util.Optional;

/**
 * Bad input, the engine's one type for it: a refused parameter of a step's request, a file it names, a
 * path or glob a workspace refuses, an operation the agent's policy does not allow (its subclass
 * {@code sandbox.PolicyViolation}), a prompt that does not fit its token budget. The message names the
 * value and what is accepted; {@link #parameter()} names the parameter when one is to blame, by its step
 * parameter name (DESIGN §3), so that an adapter can point at its own option or field without reading
 * the message. An {@link IllegalArgumentException}, which is what it is; in the engine's top package
 * because every package throws it.
 *
 * <p>Not bad input, and so not this type: a workspace operation that failed
 * ({@code workspace.WorkspaceException}: an I/O error, a command that could not start) and a model call
 * that failed ({@code llm.ModelException}).
 */
public class InvalidRequestException extends IllegalArgumentException {
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
