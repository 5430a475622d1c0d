package io.jenkins.plugins.aiworkflow.engine.llm;

import java.util.List;
import java.util.Objects;

/**
 * What the model said: text (possibly empty, never null) and the tools it asked to call, in order.
 * Sent back unchanged in later requests so the conversation stays append-only.
 */
public record AssistantMessage(String text, List<ToolCall> toolCalls) implements Message {
    public AssistantMessage {
        text = Objects.requireNonNullElse(text, "");
        toolCalls = List.copyOf(Objects.requireNonNull(toolCalls, "toolCalls"));
    }

    /** A reply with text only. */
    public static AssistantMessage text(String text) {
        return new AssistantMessage(text, List.of());
    }

    public boolean hasToolCalls() {
        return !toolCalls.isEmpty();
    }
}
