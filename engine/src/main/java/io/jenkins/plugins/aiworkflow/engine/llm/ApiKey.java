package io.jenkins.plugins.aiworkflow.engine.llm;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * An API key, held so that it cannot leak by accident: {@link #toString()} is {@code ****}, the
 * value is readable only inside this package (by {@link OpenAiModel}, which puts it in a request
 * header) and by the registry of secrets it is handed to ({@link #registerAsSecret}), and
 * {@link #redact(String)} removes it from any text before that text is shown.
 */
public final class ApiKey {
    /** What {@link #toString()} and {@link #redact(String)} show instead of the value. */
    public static final String MASK = "****";

    private final String value;
    private final String environmentVariable;

    private ApiKey(String value, String environmentVariable) {
        this.value = value;
        this.environmentVariable = environmentVariable;
    }

    /** A key given directly (e.g. from a Jenkins credential). */
    public static ApiKey of(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("apiKey is empty; give a non-empty key or the name of an environment "
                    + "variable that holds it");
        }
        return new ApiKey(value.strip(), null);
    }

    /** The key held by the environment variable {@code variable} of this process. */
    public static ApiKey fromEnvironment(String variable) {
        return fromEnvironment(variable, System::getenv);
    }

    /** The key held by {@code variable} in {@code environment} (a lookup such as {@code System::getenv}). */
    public static ApiKey fromEnvironment(String variable, UnaryOperator<String> environment) {
        if (variable == null || variable.isBlank()) {
            throw new IllegalArgumentException("the name of the API key's environment variable is empty; "
                    + "accepted: a name such as OPENAI_API_KEY");
        }
        String value = environment.apply(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("environment variable " + variable + " is not set or is empty; "
                    + "it should hold the model provider's API key");
        }
        return new ApiKey(value.strip(), variable);
    }

    /** The environment variable the key came from, so that it can be kept out of child processes. */
    public Optional<String> environmentVariable() {
        return Optional.ofNullable(environmentVariable);
    }

    /** Where the key came from, for error messages: never the value itself. */
    public String source() {
        return environmentVariable == null ? "the given API key" : "environment variable " + environmentVariable;
    }

    /** {@code text} with every occurrence of the key replaced by {@code ****}; null stays null. */
    public String redact(String text) {
        return text == null ? null : text.replace(value, MASK);
    }

    /**
     * Hands the value to {@code secrets}, a registry of values that are masked in every output and kept
     * from the environment of the commands an agent runs (the implementation step registers the model's
     * key so); besides the request header, the only way the value leaves this package.
     */
    public void registerAsSecret(Consumer<String> secrets) {
        secrets.accept(value);
    }

    boolean appearsIn(String text) {
        return text != null && text.contains(value);
    }

    String value() {
        return value;
    }

    @Override
    public String toString() {
        return MASK;
    }
}
