package io.jenkins.plugins.aiworkflow.engine.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer;
import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer.RecordedRequest;
import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer.Reply;
import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer.ToolCallReply;
import io.jenkins.plugins.aiworkflow.engine.log.EngineLog;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The real openai-java client against the scripted server: answers, tool calls and usage in every API and mode. */
class OpenAiModelTest {
    static final String KEY = "sk-test-5ecret-K3y-0123456789";
    static final ToolSpec READ_FILE = new ToolSpec("read_file", "Reads a file of the workspace",
            "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},\"required\":[\"path\"]}");

    private final ScriptedModelServer server = ScriptedModelServer.start();
    private final EngineLog log = new EngineLog();

    @AfterEach
    void stopServer() {
        server.close();
    }

    private ModelResponse call(Mode mode, ModelRequest request) {
        try (OpenAiModel model = new OpenAiModel(mode.config(server.baseUrl()).build(), log)) {
            return model.complete(request);
        }
    }

    private static ModelRequest question(String text) {
        return ModelRequest.of(List.of(new SystemMessage("You are terse."), new UserMessage(text)), List.of(READ_FILE));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shouldReturnTextUsageIncludingCachedAndReasoningTokensAndTheAnsweringModel(Mode mode) {
        // given
        server.enqueue(Reply.text("The answer is 42.").withUsage(1200, 80, 1024, 64).withModel("gpt-4o-2024-08-06"));

        // when
        ModelResponse response = call(mode, question("What is the answer?"));

        // then
        assertThat(response.message().text()).isEqualTo("The answer is 42.");
        assertThat(response.message().toolCalls()).isEmpty();
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.refusal()).isNull();
        assertThat(response.usage()).isEqualTo(new Usage(1200, 80, 1024, 64));
        assertThat(response.modelId()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(response.attempts()).isEqualTo(1);
        assertThat(response.waited()).isZero();
        assertThat(server.lastRequest().header("authorization")).isEqualTo("Bearer " + KEY);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shouldReturnToolCallsWithTheArgumentsExactlyAsSentEvenWhenTheyAreNotJson(Mode mode) {
        // given
        server.enqueue(Reply.toolCalls(new ToolCallReply("call_a", "read_file", "{\"path\": \"pom.xml\"}"),
                new ToolCallReply("call_b", "read_file", "{\"path\": \"README")));

        // when
        ModelResponse response = call(mode, question("Read two files."));

        // then
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(response.message().toolCalls()).containsExactly(
                new ToolCall("call_a", "read_file", "{\"path\": \"pom.xml\"}"),
                new ToolCall("call_b", "read_file", "{\"path\": \"README"));
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"CHAT", "CHAT_STREAMING"})
    void shouldSendToolsAndToolResultsInTheChatCompletionsFormat(Mode mode) {
        // given
        server.enqueue(Reply.text("Done."));
        ModelRequest request = ModelRequest.of(List.of(new SystemMessage("sys"), new UserMessage("Fix the build."),
                new AssistantMessage("", List.of(new ToolCall("call_7", "read_file", "{\"path\":\"pom.xml\"}"))),
                new ToolResultMessage("call_7", "read_file", "<project/>")), List.of(READ_FILE));

        // when
        call(mode, request);

        // then
        RecordedRequest sent = server.lastRequest();
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        JsonNode body = sent.json();
        assertThat(body.path("model").asText()).isEqualTo("gpt-4o");
        JsonNode messages = body.path("messages");
        assertThat(messages).hasSize(4);
        assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
        assertThat(messages.get(1).path("role").asText()).isEqualTo("user");
        assertThat(messages.get(1).path("content").asText()).isEqualTo("Fix the build.");
        JsonNode assistant = messages.get(2);
        assertThat(assistant.path("role").asText()).isEqualTo("assistant");
        assertThat(assistant.has("content")).as("no empty content next to tool calls").isFalse();
        assertThat(assistant.at("/tool_calls/0/id").asText()).isEqualTo("call_7");
        assertThat(assistant.at("/tool_calls/0/type").asText()).isEqualTo("function");
        assertThat(assistant.at("/tool_calls/0/function/name").asText()).isEqualTo("read_file");
        assertThat(assistant.at("/tool_calls/0/function/arguments").asText()).isEqualTo("{\"path\":\"pom.xml\"}");
        assertThat(messages.get(3).path("role").asText()).isEqualTo("tool");
        assertThat(messages.get(3).path("tool_call_id").asText()).isEqualTo("call_7");
        assertThat(messages.get(3).path("content").asText()).isEqualTo("<project/>");
        JsonNode tool = body.at("/tools/0");
        assertThat(tool.path("type").asText()).isEqualTo("function");
        assertThat(tool.at("/function/name").asText()).isEqualTo("read_file");
        assertThat(tool.at("/function/description").asText()).isEqualTo("Reads a file of the workspace");
        assertThat(tool.at("/function/parameters/properties/path/type").asText()).isEqualTo("string");
        assertThat(tool.at("/function/parameters/required/0").asText()).isEqualTo("path");
        assertThat(body.path("stream").asBoolean(false)).isEqualTo(mode.streaming);
        assertThat(body.at("/stream_options/include_usage").asBoolean(false)).isEqualTo(mode.streaming);
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"RESPONSES", "RESPONSES_STREAMING"})
    void shouldSendToolsAndToolResultsInTheResponsesFormat(Mode mode) {
        // given
        server.enqueue(Reply.text("Done."));
        ModelRequest request = ModelRequest.of(List.of(new SystemMessage("sys"), new UserMessage("Fix the build."),
                new AssistantMessage("Reading it.", List.of(new ToolCall("call_7", "read_file",
                        "{\"path\":\"pom.xml\"}"))),
                new ToolResultMessage("call_7", "read_file", "<project/>")), List.of(READ_FILE));

        // when
        call(mode, request);

        // then
        RecordedRequest sent = server.lastRequest();
        assertThat(sent.path()).isEqualTo("/v1/responses");
        JsonNode body = sent.json();
        JsonNode input = body.path("input");
        assertThat(input).hasSize(5);
        assertThat(input.get(0).path("role").asText()).isEqualTo("system");
        assertThat(input.get(1).path("role").asText()).isEqualTo("user");
        assertThat(input.get(2).path("role").asText()).isEqualTo("assistant");
        assertThat(input.get(2).path("content").asText()).isEqualTo("Reading it.");
        assertThat(input.get(3).path("type").asText()).isEqualTo("function_call");
        assertThat(input.get(3).path("call_id").asText()).isEqualTo("call_7");
        assertThat(input.get(3).path("name").asText()).isEqualTo("read_file");
        assertThat(input.get(3).path("arguments").asText()).isEqualTo("{\"path\":\"pom.xml\"}");
        assertThat(input.get(4).path("type").asText()).isEqualTo("function_call_output");
        assertThat(input.get(4).path("call_id").asText()).isEqualTo("call_7");
        assertThat(input.get(4).path("output").asText()).isEqualTo("<project/>");
        JsonNode tool = body.at("/tools/0");
        assertThat(tool.path("type").asText()).isEqualTo("function");
        assertThat(tool.path("name").asText()).isEqualTo("read_file");
        assertThat(tool.at("/parameters/properties/path/type").asText()).isEqualTo("string");
        assertThat(body.path("store").asBoolean(true)).as("nothing kept at the provider").isFalse();
        assertThat(body.path("stream").asBoolean(false)).isEqualTo(mode.streaming);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shouldReportATruncatedAnswerAsLength(Mode mode) {
        // given
        server.enqueue(Reply.text("The first half of").withFinishReason("length"));

        // when
        ModelResponse response = call(mode, question("Write a long essay."));

        // then
        assertThat(response.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(response.message().text()).isEqualTo("The first half of");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shouldReportAnAnswerWithoutChoicesAsNoChoicesRatherThanFail(Mode mode) {
        // given
        server.enqueue(Reply.emptyChoices());

        // when
        ModelResponse response = call(mode, question("Anything?"));

        // then
        assertThat(response.finishReason()).isEqualTo(FinishReason.NO_CHOICES);
        assertThat(response.message().text()).isEmpty();
        assertThat(response.message().toolCalls()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shouldSurfaceARefusal(Mode mode) {
        // given
        server.enqueue(Reply.refusal("I can't help with that."));

        // when
        ModelResponse response = call(mode, question("Do something bad."));

        // then
        assertThat(response.refusal()).isEqualTo("I can't help with that.");
        assertThat(response.refusalText()).contains("I can't help with that.");
        assertThat(response.message().toolCalls()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shouldCountAnAnswerWithoutUsageAsZeroTokensAndSaySo(Mode mode) {
        // given
        server.enqueue(Reply.text("ok").withoutUsage());

        // when
        ModelResponse response = call(mode, question("Usage?"));

        // then
        assertThat(response.usage()).isEqualTo(Usage.ZERO);
        assertThat(log.lines()).extracting(EngineLog.Line::toString)
                .anySatisfy(line -> assertThat(line).contains("reported no token usage"));
    }

    @Test
    void shouldCapOutputTokensWithTheParameterEachApiUnderstands() {
        // given
        server.enqueue(Reply.text("a"), Reply.text("b"), Reply.text("c"));
        ModelRequest request = question("Be brief.").withMaxOutputTokens(256);

        // when
        call(Mode.CHAT, request);
        JsonNode openAi = server.lastRequest().json();
        try (OpenAiModel compatible = new OpenAiModel(OpenAiModelConfig.builder().model("llama3.1")
                .provider(OpenAiModelConfig.Provider.COMPATIBLE).baseUrl(server.baseUrl()).build(), log)) {
            compatible.complete(request);
        }
        JsonNode ollama = server.lastRequest().json();
        call(Mode.RESPONSES, request);
        JsonNode responses = server.lastRequest().json();

        // then
        assertThat(openAi.path("max_completion_tokens").asInt()).isEqualTo(256);
        assertThat(openAi.has("max_tokens")).isFalse();
        assertThat(ollama.path("max_tokens").asInt()).isEqualTo(256);
        assertThat(responses.path("max_output_tokens").asInt()).isEqualTo(256);
    }

    @Test
    void shouldCallACompatibleServerWithoutKeyWithoutAnyAuthorizationHeader() {
        // given
        server.enqueue(Reply.text("hi from llama"));
        OpenAiModelConfig config = OpenAiModelConfig.builder().model("llama3.1")
                .provider(OpenAiModelConfig.Provider.COMPATIBLE).baseUrl(server.baseUrl()).build();

        // when
        ModelResponse response;
        try (OpenAiModel model = new OpenAiModel(config, log)) {
            response = model.complete(question("hi"));
        }

        // then
        assertThat(response.message().text()).isEqualTo("hi from llama");
        assertThat(server.lastRequest().path()).isEqualTo("/v1/chat/completions");
        assertThat(server.lastRequest().headers()).doesNotContainKeys("authorization", "api-key");
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"CHAT", "RESPONSES"})
    void shouldCallAnAzureDeploymentWithApiVersionAndApiKeyHeader(Mode mode) {
        // given
        server.enqueue(Reply.text("hi from Azure").withModel("gpt-4o-2024-11-20"));
        OpenAiModelConfig config = OpenAiModelConfig.builder().model("my-gpt4o").api(mode.api)
                .provider(OpenAiModelConfig.Provider.AZURE).baseUrl(server.rootUrl()).azureApiVersion("2024-10-21")
                .apiKey(ApiKey.of(KEY)).build();

        // when
        ModelResponse response;
        try (OpenAiModel model = new OpenAiModel(config, log)) {
            response = model.complete(question("hi"));
        }

        // then
        RecordedRequest sent = server.lastRequest();
        assertThat(response.message().text()).isEqualTo("hi from Azure");
        assertThat(response.modelId()).isEqualTo("gpt-4o-2024-11-20");
        assertThat(sent.path()).isEqualTo(mode.api == OpenAiModelConfig.Api.CHAT_COMPLETIONS
                ? "/openai/deployments/my-gpt4o/chat/completions" : "/openai/deployments/my-gpt4o/responses");
        assertThat(sent.query()).isEqualTo("api-version=2024-10-21");
        assertThat(sent.header("api-key")).isEqualTo(KEY);
        assertThat(sent.headers()).doesNotContainKey("authorization");
    }

    @Test
    void shouldCallAzureUnifiedRoutesWithTheModelInTheBody() {
        // given
        server.enqueue(Reply.text("hi from the v1 route"));
        OpenAiModelConfig config = OpenAiModelConfig.builder().model("my-gpt4o")
                .provider(OpenAiModelConfig.Provider.AZURE).baseUrl(server.rootUrl() + "/openai/v1")
                .apiKey(ApiKey.of(KEY)).build();

        // when
        try (OpenAiModel model = new OpenAiModel(config, log)) {
            model.complete(question("hi"));
        }

        // then
        RecordedRequest sent = server.lastRequest();
        assertThat(sent.path()).isEqualTo("/openai/v1/chat/completions");
        assertThat(sent.json().path("model").asText()).isEqualTo("my-gpt4o");
        assertThat(sent.header("api-key")).isEqualTo(KEY);
    }

    @Test
    void shouldDescribeItselfWithoutTheKey() {
        // given
        OpenAiModelConfig config = Mode.CHAT_STREAMING.config(server.baseUrl()).build();

        // when
        String description;
        try (OpenAiModel model = new OpenAiModel(config, log)) {
            description = model.describe() + " " + model + " " + config;
        }

        // then
        assertThat(description).contains("gpt-4o", "chat completions", "streaming", server.baseUrl(), "****")
                .doesNotContain(KEY);
    }
}
