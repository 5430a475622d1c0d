package io.jenkins.plugins.aiworkflow.engine.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.RequestOptions;
import com.openai.core.http.StreamResponse;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageParam;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionSystemMessageParam;
import com.openai.models.chat.completions.ChatCompletionTool;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.chat.completions.ChatCompletionUserMessageParam;
import com.openai.models.completions.CompletionUsage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Our messages and tools to Chat Completions and back ({@code POST /chat/completions}). */
final class ChatCompletionsApi {
    private ChatCompletionsApi() {
    }

    static ChatCompletionCreateParams params(OpenAiModelConfig config, ModelRequest request) {
        ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder().model(config.model());
        for (Message message : request.messages()) {
            params.addMessage(message(message));
        }
        for (ToolSpec tool : request.tools()) {
            params.addTool(tool(tool));
        }
        request.maxOutputTokens().ifPresent(max -> maxOutputTokens(params, config, max));
        if (config.streaming()) {
            params.streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build());
        }
        return params.build();
    }

    /**
     * OpenAI's reasoning models refuse max_tokens, while compatible servers do not all know its
     * successor max_completion_tokens: the SDK deprecates max_tokens, but those servers need it.
     */
    @SuppressWarnings("deprecation")
    private static void maxOutputTokens(ChatCompletionCreateParams.Builder params, OpenAiModelConfig config, int max) {
        if (config.provider() == OpenAiModelConfig.Provider.COMPATIBLE) {
            params.maxTokens(max);
        } else {
            params.maxCompletionTokens(max);
        }
    }

    private static ChatCompletionMessageParam message(Message message) {
        if (message instanceof SystemMessage system) {
            return ChatCompletionMessageParam.ofSystem(ChatCompletionSystemMessageParam.builder()
                    .content(system.text()).build());
        }
        if (message instanceof UserMessage user) {
            return ChatCompletionMessageParam.ofUser(ChatCompletionUserMessageParam.builder()
                    .content(user.text()).build());
        }
        if (message instanceof AssistantMessage assistant) {
            ChatCompletionAssistantMessageParam.Builder param = ChatCompletionAssistantMessageParam.builder();
            if (!assistant.text().isEmpty() || !assistant.hasToolCalls()) {
                param.content(assistant.text());
            }
            for (ToolCall call : assistant.toolCalls()) {
                param.addToolCall(ChatCompletionMessageToolCall.ofFunction(ChatCompletionMessageFunctionToolCall
                        .builder().id(call.id()).function(ChatCompletionMessageFunctionToolCall.Function.builder()
                                .name(call.name()).arguments(call.argumentsJson()).build())
                        .build()));
            }
            return ChatCompletionMessageParam.ofAssistant(param.build());
        }
        ToolResultMessage result = (ToolResultMessage) message;
        return ChatCompletionMessageParam.ofTool(ChatCompletionToolMessageParam.builder()
                .toolCallId(result.toolCallId()).content(result.content()).build());
    }

    private static ChatCompletionTool tool(ToolSpec tool) {
        FunctionParameters.Builder parameters = FunctionParameters.builder();
        for (Iterator<Map.Entry<String, JsonNode>> it = tool.parameters().fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            parameters.putAdditionalProperty(field.getKey(), JsonValue.fromJsonNode(field.getValue()));
        }
        FunctionDefinition.Builder function = FunctionDefinition.builder().name(tool.name())
                .parameters(parameters.build());
        if (!tool.description().isEmpty()) {
            function.description(tool.description());
        }
        return ChatCompletionTool.ofFunction(ChatCompletionFunctionTool.builder().function(function.build()).build());
    }

    static Answer call(OpenAIClient client, OpenAiModelConfig config, ModelRequest request, RequestOptions options) {
        ChatCompletionCreateParams params = params(config, request);
        if (!config.streaming()) {
            return answer(client.chat().completions().create(params, options), config);
        }
        StreamAccumulator stream = new StreamAccumulator();
        try (StreamResponse<ChatCompletionChunk> chunks = client.chat().completions()
                .createStreaming(params, options)) {
            chunks.stream().forEach(stream::add);
        }
        return stream.answer(config);
    }

    static Answer answer(ChatCompletion completion, OpenAiModelConfig config) {
        String model = completion._model().asKnown().orElse(config.model());
        Usage usage = completion.usage().map(ChatCompletionsApi::usage).orElse(null);
        List<ChatCompletion.Choice> choices = completion._choices().asKnown().orElse(List.of());
        if (choices.isEmpty()) {
            return new Answer(AssistantMessage.text(""), FinishReason.NO_CHOICES, null, usage, model);
        }
        ChatCompletion.Choice choice = choices.get(0);
        ChatCompletionMessage message = choice._message().asKnown().orElseThrow(() -> new MalformedAnswer(
                "the first choice of the chat completion has no message"));
        List<ToolCall> calls = new ArrayList<>();
        for (ChatCompletionMessageToolCall call : message.toolCalls().orElse(List.of())) {
            call.function().ifPresent(function -> calls.add(new ToolCall(function.id(), function.function().name(),
                    function.function().arguments())));
        }
        String finish = choice._finishReason().asKnown().map(ChatCompletion.Choice.FinishReason::asString).orElse(null);
        return new Answer(new AssistantMessage(message.content().orElse(""), calls), finishReason(finish),
                message.refusal().orElse(null), usage, model);
    }

    static FinishReason finishReason(String reason) {
        if (reason == null) {
            return FinishReason.OTHER;
        }
        return switch (reason) {
            case "stop" -> FinishReason.STOP;
            case "tool_calls", "function_call" -> FinishReason.TOOL_CALLS;
            case "length" -> FinishReason.LENGTH;
            case "content_filter" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.OTHER;
        };
    }

    static Usage usage(CompletionUsage usage) {
        long cached = usage.promptTokensDetails().flatMap(CompletionUsage.PromptTokensDetails::cachedTokens).orElse(0L);
        long reasoning = usage.completionTokensDetails()
                .flatMap(CompletionUsage.CompletionTokensDetails::reasoningTokens).orElse(0L);
        return new Usage(usage._promptTokens().asKnown().orElse(0L), usage._completionTokens().asKnown().orElse(0L),
                cached, reasoning);
    }

    /**
     * Puts streamed chunks together: text and refusal deltas, tool calls by index (id and name
     * from their first delta, argument fragments appended), the finish reason, and the usage,
     * which OpenAI sends in a last chunk without choices when {@code include_usage} is set (some
     * compatible servers send it with the last choice or in every chunk: the last one wins).
     */
    static final class StreamAccumulator {
        private final StringBuilder text = new StringBuilder();
        private final StringBuilder refusal = new StringBuilder();
        private final Map<Long, ToolCallParts> toolCalls = new TreeMap<>();
        private String finishReason;
        private CompletionUsage usage;
        private String model;
        private boolean sawChoice;

        void add(ChatCompletionChunk chunk) {
            chunk._model().asKnown().filter(name -> !name.isEmpty()).ifPresent(name -> model = name);
            chunk.usage().ifPresent(reported -> usage = reported);
            for (ChatCompletionChunk.Choice choice : chunk._choices().asKnown().orElse(List.of())) {
                if (choice._index().asKnown().orElse(0L) != 0) {
                    continue;
                }
                sawChoice = true;
                choice._delta().asKnown().ifPresent(this::add);
                choice.finishReason().ifPresent(reason -> finishReason = reason.asString());
            }
        }

        private void add(ChatCompletionChunk.Choice.Delta delta) {
            delta.content().ifPresent(text::append);
            delta.refusal().ifPresent(refusal::append);
            for (ChatCompletionChunk.Choice.Delta.ToolCall call : delta.toolCalls().orElse(List.of())) {
                ToolCallParts parts = toolCalls.computeIfAbsent(call._index().asKnown().orElse(0L),
                        index -> new ToolCallParts());
                call.id().filter(id -> !id.isEmpty()).ifPresent(id -> parts.id = id);
                call.function().ifPresent(function -> {
                    function.name().filter(name -> !name.isEmpty()).ifPresent(name -> parts.name = name);
                    function.arguments().ifPresent(parts.arguments::append);
                });
            }
        }

        Answer answer(OpenAiModelConfig config) {
            Usage reported = usage == null ? null : usage(usage);
            String answeredBy = model == null ? config.model() : model;
            if (!sawChoice) {
                return new Answer(AssistantMessage.text(""), FinishReason.NO_CHOICES, null, reported, answeredBy);
            }
            if (finishReason == null) {
                throw new MalformedAnswer("the stream ended before its last chunk (no finish_reason) after "
                        + text.length() + " chars of text and " + toolCalls.size() + " tool call(s)");
            }
            List<ToolCall> calls = new ArrayList<>();
            for (Map.Entry<Long, ToolCallParts> entry : toolCalls.entrySet()) {
                ToolCallParts parts = entry.getValue();
                if (parts.id == null || parts.name == null) {
                    throw new MalformedAnswer("streamed tool call #" + entry.getKey() + " has no "
                            + (parts.id == null ? "id" : "function name"));
                }
                calls.add(new ToolCall(parts.id, parts.name, parts.arguments.toString()));
            }
            return new Answer(new AssistantMessage(text.toString(), calls), finishReason(finishReason),
                    refusal.length() == 0 ? null : refusal.toString(), reported, answeredBy);
        }

        private static final class ToolCallParts {
            private String id;
            private String name;
            private final StringBuilder arguments = new StringBuilder();
        }
    }
}
