package io.jenkins.plugins.aiworkflow.engine.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.aiworkflow.engine.text.Truncation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link Model} that plays a scripted session from JSON, for demos and tests: each call returns
 * the next turn's reply. A turn may state what the request must contain; a request that does not
 * match, or a call after the last turn, fails with a {@link ModelException} naming the turn.
 * The file format is documented in docs/models.md. Thread-safe.
 */
public final class ReplayModel implements Model {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TOP_FIELDS = Set.of("model", "turns");
    private static final Set<String> TURN_FIELDS = Set.of("expect", "text", "toolCalls", "refusal", "finishReason",
            "usage");
    private static final Set<String> EXPECT_FIELDS = Set.of("lastMessageContains", "toolResultContains");
    private static final Set<String> CALL_FIELDS = Set.of("id", "name", "arguments");
    private static final Set<String> USAGE_FIELDS = Set.of("inputTokens", "outputTokens", "cachedInputTokens",
            "reasoningTokens");
    private static final int EXCERPT_CHARS = 300;

    /** One scripted reply and what the request before it must contain. */
    public record Turn(String lastMessageContains, String toolResultContains, AssistantMessage reply,
                       FinishReason finishReason, String refusal, Usage usage) {
        public Turn {
            Objects.requireNonNull(reply, "reply");
            Objects.requireNonNull(finishReason, "finishReason");
            Objects.requireNonNull(usage, "usage");
        }
    }

    private final String source;
    private final String modelId;
    private final List<Turn> turns;
    private int next;

    public ReplayModel(String source, String modelId, List<Turn> turns) {
        this.source = Objects.requireNonNull(source, "source");
        this.modelId = Objects.requireNonNull(modelId, "modelId");
        this.turns = List.copyOf(turns);
    }

    /** Reads a script file. */
    public static ReplayModel fromFile(Path file) {
        try {
            return fromJson(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read replay script " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a script from JSON text; {@code source} names it in messages. */
    public static ReplayModel fromJson(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("replay script " + source + " is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("replay script " + source + " must be a JSON object with \"turns\"");
        }
        checkFields(root, TOP_FIELDS, "replay script " + source);
        JsonNode turnsNode = root.get("turns");
        if (turnsNode == null || !turnsNode.isArray()) {
            throw new IllegalArgumentException("replay script " + source + ": \"turns\" must be an array of turns");
        }
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i < turnsNode.size(); i++) {
            turns.add(turn(turnsNode.get(i), "replay script " + source + ", turn " + (i + 1), i + 1));
        }
        return new ReplayModel(source, text(root, "model", "replay script " + source, "replay"), turns);
    }

    private static Turn turn(JsonNode node, String where, int number) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + ": a turn must be a JSON object, was " + node);
        }
        checkFields(node, TURN_FIELDS, where);
        String lastMessageContains = null;
        String toolResultContains = null;
        JsonNode expect = node.get("expect");
        if (expect != null) {
            if (!expect.isObject()) {
                throw new IllegalArgumentException(where + ": \"expect\" must be an object");
            }
            checkFields(expect, EXPECT_FIELDS, where + ", expect");
            lastMessageContains = text(expect, "lastMessageContains", where, null);
            toolResultContains = text(expect, "toolResultContains", where, null);
        }
        List<ToolCall> calls = new ArrayList<>();
        JsonNode callsNode = node.get("toolCalls");
        if (callsNode != null) {
            if (!callsNode.isArray()) {
                throw new IllegalArgumentException(where + ": \"toolCalls\" must be an array");
            }
            for (int i = 0; i < callsNode.size(); i++) {
                calls.add(call(callsNode.get(i), where + ", tool call " + (i + 1), "call_" + number + "_" + (i + 1)));
            }
        }
        String refusal = text(node, "refusal", where, null);
        String finish = text(node, "finishReason", where, null);
        FinishReason finishReason;
        if (finish == null) {
            finishReason = calls.isEmpty() ? FinishReason.STOP : FinishReason.TOOL_CALLS;
        } else {
            try {
                finishReason = FinishReason.valueOf(finish.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": finishReason '" + finish + "' is not accepted; "
                        + "accepted: stop, tool_calls, length, content_filter, no_choices, other", e);
            }
        }
        return new Turn(lastMessageContains, toolResultContains,
                new AssistantMessage(text(node, "text", where, ""), calls), finishReason, refusal,
                usage(node.get("usage"), where));
    }

    private static ToolCall call(JsonNode node, String where, String defaultId) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + ": a tool call must be an object with \"name\" and "
                    + "\"arguments\"");
        }
        checkFields(node, CALL_FIELDS, where);
        String name = text(node, "name", where, null);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(where + ": \"name\" is required");
        }
        JsonNode arguments = node.get("arguments");
        String argumentsJson;
        if (arguments == null || arguments.isNull()) {
            argumentsJson = "{}";
        } else if (arguments.isTextual()) {
            argumentsJson = arguments.asText();
        } else {
            argumentsJson = arguments.toString();
        }
        return new ToolCall(text(node, "id", where, defaultId), name, argumentsJson);
    }

    private static Usage usage(JsonNode node, String where) {
        if (node == null) {
            return Usage.ZERO;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + ": \"usage\" must be an object");
        }
        checkFields(node, USAGE_FIELDS, where + ", usage");
        try {
            return new Usage(count(node, "inputTokens", where), count(node, "outputTokens", where),
                    count(node, "cachedInputTokens", where), count(node, "reasoningTokens", where));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static long count(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null) {
            return 0;
        }
        if (!value.canConvertToLong()) {
            throw new IllegalArgumentException(where + ": usage." + field + " must be a whole number, was " + value);
        }
        return value.asLong();
    }

    private static String text(JsonNode node, String field, String where, String fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(where + ": \"" + field + "\" must be a string, was " + value);
        }
        return value.asText();
    }

    private static void checkFields(JsonNode node, Set<String> accepted, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (!accepted.contains(field)) {
                throw new IllegalArgumentException(where + ": unknown field \"" + field + "\"; accepted: "
                        + accepted.stream().sorted().toList());
            }
        }
    }

    @Override
    public ModelResponse complete(ModelRequest request) {
        Objects.requireNonNull(request, "request");
        if (Thread.currentThread().isInterrupted()) {
            throw new ModelException(ModelException.Kind.CANCELLED, describe() + ": the call was cancelled (the "
                    + "calling thread was interrupted)");
        }
        long start = System.nanoTime();
        Turn turn;
        int number;
        synchronized (this) {
            if (next >= turns.size()) {
                throw new ModelException(ModelException.Kind.BAD_REQUEST, describe() + ": the script has no turn "
                        + (next + 1) + " (it has " + turns.size() + "); the model was called once more than scripted. "
                        + "Last message: " + excerpt(content(request.lastMessage())));
            }
            number = next + 1;
            turn = turns.get(next);
            check(turn, number, request);
            next++;
        }
        return new ModelResponse(turn.reply(), turn.finishReason(), turn.refusal(), turn.usage(),
                Duration.ofNanos(System.nanoTime() - start), Duration.ZERO, modelId, 1);
    }

    private void check(Turn turn, int number, ModelRequest request) {
        if (turn.lastMessageContains() != null) {
            String last = content(request.lastMessage());
            if (!last.contains(turn.lastMessageContains())) {
                throw mismatch(number, "the last message to contain \"" + turn.lastMessageContains() + "\"",
                        "it was: " + excerpt(last));
            }
        }
        if (turn.toolResultContains() != null) {
            List<ToolResultMessage> results = latestToolResults(request.messages());
            if (results.stream().noneMatch(result -> result.content().contains(turn.toolResultContains()))) {
                throw mismatch(number, "a tool result after the last assistant message to contain \""
                        + turn.toolResultContains() + "\"", results.isEmpty() ? "there was no tool result"
                        : "the results were: " + excerpt(String.join(" | ",
                        results.stream().map(result -> result.toolName() + ": " + result.content()).toList())));
            }
        }
    }

    private ModelException mismatch(int number, String expected, String actual) {
        return new ModelException(ModelException.Kind.BAD_REQUEST, describe() + ", turn " + number + ": expected "
                + expected + ", but " + actual);
    }

    private static List<ToolResultMessage> latestToolResults(List<Message> messages) {
        List<ToolResultMessage> results = new ArrayList<>();
        for (int i = messages.size() - 1; i >= 0 && !(messages.get(i) instanceof AssistantMessage); i--) {
            if (messages.get(i) instanceof ToolResultMessage result) {
                results.add(0, result);
            }
        }
        return results;
    }

    private static String content(Message message) {
        if (message instanceof SystemMessage system) {
            return system.text();
        }
        if (message instanceof UserMessage user) {
            return user.text();
        }
        if (message instanceof AssistantMessage assistant) {
            return assistant.text();
        }
        return ((ToolResultMessage) message).content();
    }

    private static String excerpt(String text) {
        return Truncation.headTail(text, EXCERPT_CHARS);
    }

    /**
     * The model id every answer reports: the script's {@code model}, or {@code replay}. Callers price
     * calls and pick the tokenizer by it, as they would by a real model's name.
     */
    public String modelId() {
        return modelId;
    }

    /** Turns not played yet. */
    public synchronized int remainingTurns() {
        return turns.size() - next;
    }

    @Override
    public String describe() {
        return "replay of " + source + " (" + turns.size() + " turns)";
    }

    @Override
    public void close() {
        // nothing held
    }

    @Override
    public String toString() {
        return "ReplayModel[" + describe() + "]";
    }
}
