package io.jenkins.plugins.aiworkflow.engine.llm;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One model call: the whole conversation so far, the tools the model may call, and an optional
 * cap on output tokens. Immutable.
 */
public record ModelRequest(List<Message> messages, List<ToolSpec> tools, OptionalInt maxOutputTokens) {
    public ModelRequest {
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("messages is empty; a model request needs at least one message");
        }
        tools = List.copyOf(Objects.requireNonNull(tools, "tools"));
        long distinct = tools.stream().map(ToolSpec::name).distinct().count();
        if (distinct != tools.size()) {
            throw new IllegalArgumentException("tool names must be unique, were " + tools.stream()
                    .map(ToolSpec::name).toList());
        }
        Objects.requireNonNull(maxOutputTokens, "maxOutputTokens");
        if (maxOutputTokens.isPresent() && maxOutputTokens.getAsInt() < 1) {
            throw new IllegalArgumentException("maxOutputTokens must be >= 1, was " + maxOutputTokens.getAsInt());
        }
    }

    public static ModelRequest of(List<Message> messages, List<ToolSpec> tools) {
        return new ModelRequest(messages, tools, OptionalInt.empty());
    }

    public ModelRequest withMaxOutputTokens(int maxOutputTokens) {
        return new ModelRequest(messages, tools, OptionalInt.of(maxOutputTokens));
    }

    /** The last message, e.g. to check what a scripted reply answers. */
    public Message lastMessage() {
        return messages.get(messages.size() - 1);
    }
}
