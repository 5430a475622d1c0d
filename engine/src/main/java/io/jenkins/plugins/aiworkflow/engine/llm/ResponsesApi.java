package io.jenkins.plugins.aiworkflow.engine.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.RequestOptions;
import com.openai.core.http.StreamResponse;
import com.openai.models.ChatModel;
import com.openai.models.ResponsesModel;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseError;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseOutputMessage;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseUsage;
import com.openai.models.responses.Tool;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Our messages and tools to the Responses API and back ({@code POST /responses}). */
final class ResponsesApi {
    private ResponsesApi() {
    }

    static ResponseCreateParams params(OpenAiModelConfig config, ModelRequest request) {
        List<ResponseInputItem> input = new ArrayList<>();
        for (Message message : request.messages()) {
            addInput(input, message);
        }
        ResponseCreateParams.Builder params = ResponseCreateParams.builder().model(config.model())
                .inputOfResponse(input);
        for (ToolSpec tool : request.tools()) {
            params.addTool(tool(tool));
        }
        request.maxOutputTokens().ifPresent(params::maxOutputTokens);
        if (config.provider() != OpenAiModelConfig.Provider.COMPATIBLE) {
            // Every request carries the whole conversation: nothing needs to be kept on the provider's side.
            params.store(false);
        }
        return params.build();
    }

    private static void addInput(List<ResponseInputItem> input, Message message) {
        if (message instanceof SystemMessage system) {
            input.add(easy(EasyInputMessage.Role.SYSTEM, system.text()));
        } else if (message instanceof UserMessage user) {
            input.add(easy(EasyInputMessage.Role.USER, user.text()));
        } else if (message instanceof AssistantMessage assistant) {
            if (!assistant.text().isEmpty()) {
                input.add(easy(EasyInputMessage.Role.ASSISTANT, assistant.text()));
            }
            for (ToolCall call : assistant.toolCalls()) {
                input.add(ResponseInputItem.ofFunctionCall(ResponseFunctionToolCall.builder().callId(call.id())
                        .name(call.name()).arguments(call.argumentsJson()).build()));
            }
        } else {
            ToolResultMessage result = (ToolResultMessage) message;
            input.add(ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                    .callId(result.toolCallId()).output(result.content()).build()));
        }
    }

    private static ResponseInputItem easy(EasyInputMessage.Role role, String text) {
        return ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder().role(role).content(text).build());
    }

    private static Tool tool(ToolSpec tool) {
        FunctionTool.Parameters.Builder parameters = FunctionTool.Parameters.builder();
        for (Iterator<Map.Entry<String, JsonNode>> it = tool.parameters().fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            parameters.putAdditionalProperty(field.getKey(), JsonValue.fromJsonNode(field.getValue()));
        }
        FunctionTool.Builder function = FunctionTool.builder().name(tool.name()).parameters(parameters.build())
                .strict(false);
        if (!tool.description().isEmpty()) {
            function.description(tool.description());
        }
        return Tool.ofFunction(function.build());
    }

    static Answer call(OpenAIClient client, OpenAiModelConfig config, ModelRequest request, RequestOptions options) {
        ResponseCreateParams params = params(config, request);
        if (!config.streaming()) {
            return answer(client.responses().create(params, options), config);
        }
        Response last = null;
        try (StreamResponse<ResponseStreamEvent> events = client.responses().createStreaming(params, options)) {
            for (Iterator<ResponseStreamEvent> it = events.stream().iterator(); it.hasNext();) {
                ResponseStreamEvent event = it.next();
                if (event.error().isPresent()) {
                    throw new StreamError(event.error().get()._message().asKnown().orElse("(no message)"),
                            event.error().get().code().orElse(null));
                }
                Optional<Response> terminal = event.completed().map(completed -> completed.response())
                        .or(() -> event.incomplete().map(incomplete -> incomplete.response()))
                        .or(() -> event.failed().map(failed -> failed.response()));
                if (terminal.isPresent()) {
                    last = terminal.get();
                    break;
                }
            }
        }
        if (last == null) {
            throw new MalformedAnswer("the response stream ended without a response.completed, response.incomplete "
                    + "or response.failed event");
        }
        return answer(last, config);
    }

    static Answer answer(Response response, OpenAiModelConfig config) {
        String model = response._model().asKnown().flatMap(ResponsesApi::modelName).orElse(config.model());
        Usage usage = response.usage().map(ResponsesApi::usage).orElse(null);
        Optional<ResponseStatus> status = response.status();
        if (status.isPresent() && status.get().equals(ResponseStatus.FAILED)) {
            String message = response.error().map(ResponseError::_message).flatMap(field -> field.asKnown())
                    .orElse("(no error message)");
            String code = response.error().flatMap(error -> error._code().asKnown()).map(Object::toString)
                    .orElse(null);
            throw new StreamError("the response failed: " + message, code);
        }
        StringBuilder text = new StringBuilder();
        StringBuilder refusal = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        List<ResponseOutputItem> output = response._output().asKnown().orElse(List.of());
        for (ResponseOutputItem item : output) {
            if (item.isMessage()) {
                for (ResponseOutputMessage.Content content : item.asMessage()._content().asKnown().orElse(List.of())) {
                    content.outputText().ifPresent(part -> text.append(part.text()));
                    content.refusal().ifPresent(part -> refusal.append(part.refusal()));
                }
            } else if (item.isFunctionCall()) {
                ResponseFunctionToolCall call = item.asFunctionCall();
                calls.add(new ToolCall(call.callId(), call.name(), call._arguments().asKnown().orElse("")));
            }
        }
        FinishReason finish;
        if (output.isEmpty()) {
            finish = FinishReason.NO_CHOICES;
        } else if (!calls.isEmpty()) {
            finish = FinishReason.TOOL_CALLS;
        } else if (status.isPresent() && status.get().equals(ResponseStatus.INCOMPLETE)) {
            String reason = response.incompleteDetails().flatMap(details -> details.reason())
                    .map(value -> value.asString()).orElse("");
            finish = switch (reason) {
                case "max_output_tokens" -> FinishReason.LENGTH;
                case "content_filter" -> FinishReason.CONTENT_FILTER;
                default -> FinishReason.OTHER;
            };
        } else if (status.isEmpty() || status.get().equals(ResponseStatus.COMPLETED)) {
            finish = FinishReason.STOP;
        } else {
            finish = FinishReason.OTHER;
        }
        return new Answer(new AssistantMessage(text.toString(), calls), finish,
                refusal.length() == 0 ? null : refusal.toString(), usage, model);
    }

    private static Optional<String> modelName(ResponsesModel model) {
        return model.string().or(() -> model.chat().map(ChatModel::asString))
                .or(() -> model.only().map(ResponsesModel.ResponsesOnlyModel::asString));
    }

    static Usage usage(ResponseUsage usage) {
        long cached = usage._inputTokensDetails().asKnown().flatMap(details -> details._cachedTokens().asKnown())
                .orElse(0L);
        long reasoning = usage._outputTokensDetails().asKnown()
                .flatMap(details -> details._reasoningTokens().asKnown()).orElse(0L);
        return new Usage(usage._inputTokens().asKnown().orElse(0L), usage._outputTokens().asKnown().orElse(0L), cached,
                reasoning);
    }

    /** An error the server reported inside a successful (HTTP 200) answer. */
    static final class StreamError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StreamError(String message, String code) {
            super(code == null ? message : message + " (code " + code + ")");
        }
    }
}
