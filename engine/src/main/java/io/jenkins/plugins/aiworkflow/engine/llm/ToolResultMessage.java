package io.jenkins.plugins.aiworkflow.engine.llm;

import java.util.Objects;

/**
 * The result of one tool call, sent back to the model: Chat Completions sends it as a {@code tool}
 * message with {@code tool_call_id}, the Responses API as a {@code function_call_output} item with
 * {@code call_id}. Errors (unknown tool, invalid arguments) are results too, so the model can react.
 */
public record ToolResultMessage(String toolCallId, String toolName, String content) implements Message {
    public ToolResultMessage {
        if (toolCallId == null || toolCallId.isBlank()) {
            throw new IllegalArgumentException("toolCallId must not be blank; it must repeat the id of the "
                    + "tool call this message answers (tool " + toolName + ")");
        }
        Objects.requireNonNull(toolName, "toolName");
        Objects.requireNonNull(content, "content");
    }
}
