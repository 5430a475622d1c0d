package io.jenkins.plugins.aiworkflow.engine.llm;

import java.util.Objects;

/**
 * A tool call the model asked for. {@code argumentsJson} is kept exactly as the model sent it,
 * even when it is not valid JSON, so that the agent can answer "invalid JSON" and let the model
 * try again.
 */
public record ToolCall(String id, String name, String argumentsJson) {
    public ToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        argumentsJson = Objects.requireNonNullElse(argumentsJson, "");
    }
}
