package io.jenkins.plugins.aiworkflow.engine.llm;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;

/**
 * One model call: the whole conversation so far, the tools the model may call, an optional cap on
 * output tokens, and the run's wall time left, if the run has a wall-time limit. Immutable.
 *
 * @param timeLeft the run's wall time left when the call starts: a {@link Model} neither starts a
 *                 wait (for a retry) that would end after it nor lets an HTTP attempt run past it, and
 *                 fails with {@link ModelException.Kind#WALL_TIME} instead; empty when the run has no
 *                 wall-time limit
 */
public record ModelRequest(List<Message> messages, List<ToolSpec> tools, OptionalInt maxOutputTokens,
                           Optional<Duration> timeLeft) {
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
        Objects.requireNonNull(timeLeft, "timeLeft");
        if (timeLeft.isPresent() && timeLeft.get().isNegative()) {
            throw new IllegalArgumentException("timeLeft must be >= 0, was " + timeLeft.get());
        }
    }

    /** A request without a time limit. */
    public ModelRequest(List<Message> messages, List<ToolSpec> tools, OptionalInt maxOutputTokens) {
        this(messages, tools, maxOutputTokens, Optional.empty());
    }

    public static ModelRequest of(List<Message> messages, List<ToolSpec> tools) {
        return new ModelRequest(messages, tools, OptionalInt.empty(), Optional.empty());
    }

    public ModelRequest withMaxOutputTokens(int maxOutputTokens) {
        return new ModelRequest(messages, tools, OptionalInt.of(maxOutputTokens), timeLeft);
    }

    /** This request with the run's wall time left (see {@link #timeLeft()}). */
    public ModelRequest withTimeLeft(Duration left) {
        return new ModelRequest(messages, tools, maxOutputTokens, Optional.of(Objects.requireNonNull(left, "left")));
    }

    /**
     * This request with every text the model reads passed through {@code mapping}: system and user
     * texts, assistant texts and tool-call arguments, tool results. Tool-call ids and tool names stay
     * as they are, so that results still answer their calls.
     */
    public ModelRequest mapTexts(UnaryOperator<String> mapping) {
        Objects.requireNonNull(mapping, "mapping");
        List<Message> mapped = new java.util.ArrayList<>(messages.size());
        for (Message message : messages) {
            mapped.add(map(message, mapping));
        }
        return new ModelRequest(mapped, tools, maxOutputTokens, timeLeft);
    }

    private static Message map(Message message, UnaryOperator<String> mapping) {
        if (message instanceof SystemMessage system) {
            return new SystemMessage(mapping.apply(system.text()));
        }
        if (message instanceof UserMessage user) {
            return new UserMessage(mapping.apply(user.text()));
        }
        if (message instanceof AssistantMessage assistant) {
            List<ToolCall> calls = new java.util.ArrayList<>(assistant.toolCalls().size());
            for (ToolCall call : assistant.toolCalls()) {
                calls.add(new ToolCall(call.id(), call.name(), mapping.apply(call.argumentsJson())));
            }
            return new AssistantMessage(mapping.apply(assistant.text()), calls);
        }
        ToolResultMessage result = (ToolResultMessage) message;
        return new ToolResultMessage(result.toolCallId(), result.toolName(), mapping.apply(result.content()));
    }

    /** The last message, e.g. to check what a scripted reply answers. */
    public Message lastMessage() {
        return messages.get(messages.size() - 1);
    }
}
