package io.jenkins.plugins.aiworkflow.engine.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Configuration is checked once, with messages naming the parameter; the key never shows. */
class OpenAiModelConfigTest {
    private static final String KEY = "sk-config-test-0123456789";

    @Test
    void shouldDefaultToOpenAiChatCompletionsWithSdkLikeTimeoutsAndRetries() {
        // when
        OpenAiModelConfig config = OpenAiModelConfig.builder().model("gpt-4.1").apiKey(ApiKey.of(KEY)).build();

        // then
        assertThat(config.provider()).isEqualTo(OpenAiModelConfig.Provider.OPENAI);
        assertThat(config.api()).isEqualTo(OpenAiModelConfig.Api.CHAT_COMPLETIONS);
        assertThat(config.baseUrl()).isEmpty();
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.maxRetries()).isEqualTo(2);
        assertThat(config.maxRetryAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.streaming()).isFalse();
        assertThat(config.toString()).contains("gpt-4.1", "****").doesNotContain(KEY);
    }

    @Test
    void shouldBuildWithTheDocumentedDefaultConstants() {
        // when
        OpenAiModelConfig config = OpenAiModelConfig.builder().model("gpt-4.1").apiKey(ApiKey.of(KEY)).build();

        // then
        assertThat(config.provider()).isEqualTo(OpenAiModelConfig.DEFAULT_PROVIDER);
        assertThat(config.api()).isEqualTo(OpenAiModelConfig.DEFAULT_API);
        assertThat(config.requestTimeout()).isEqualTo(OpenAiModelConfig.DEFAULT_REQUEST_TIMEOUT);
        assertThat(config.maxRetries()).isEqualTo(OpenAiModelConfig.DEFAULT_MAX_RETRIES);
        assertThat(config.streaming()).isEqualTo(OpenAiModelConfig.DEFAULT_STREAMING);
        assertThat(config.maxRetryAfter()).isEqualTo(OpenAiModelConfig.DEFAULT_MAX_RETRY_AFTER);
    }

    @Test
    void shouldListTheDefaultConstantsInTheConfigurationTableOfTheDocs() throws IOException {
        // given: the table "Configuration (OpenAiModelConfig)" in docs/models.md, option -> default column
        String docs = Files.readString(Path.of("..", "docs", "models.md"), StandardCharsets.UTF_8);
        Map<String, String> documented = new HashMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `(\\w+)` \\| ([^|]+) \\| ([^\\n]*)\\|$").matcher(docs);
        while (row.find()) {
            documented.putIfAbsent(row.group(1), row.group(2).strip());
            documented.putIfAbsent(row.group(1) + ".meaning", row.group(3));
        }

        // then
        assertThat(documented).containsEntry("provider", "`" + OpenAiModelConfig.DEFAULT_PROVIDER + "`")
                .containsEntry("api", "`" + OpenAiModelConfig.DEFAULT_API + "`")
                .containsEntry("requestTimeout", words(OpenAiModelConfig.DEFAULT_REQUEST_TIMEOUT))
                .containsEntry("maxRetries", String.valueOf(OpenAiModelConfig.DEFAULT_MAX_RETRIES))
                .containsEntry("streaming", "`" + OpenAiModelConfig.DEFAULT_STREAMING + "`")
                .containsEntry("maxRetryAfter", words(OpenAiModelConfig.DEFAULT_MAX_RETRY_AFTER));
        assertThat(documented.get("requestTimeout.meaning"))
                .contains("at most " + words(OpenAiModelConfig.MAX_CONNECT_TIMEOUT));
        assertThat(documented.get("maxRetries.meaning"))
                .contains("at most " + (OpenAiModelConfig.DEFAULT_MAX_RETRIES + 1) + " attempts")
                .contains("0 to " + OpenAiModelConfig.MAX_MAX_RETRIES);
        assertThat(documented.get("baseUrl")).isEqualTo("`" + OpenAiModelConfig.OPENAI_BASE_URL + "`");
    }

    /** A duration as the docs write it: whole minutes from 2 min on ({@code 10 min}), else seconds ({@code 60 s}). */
    private static String words(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds >= 120 && seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }

    @Test
    void shouldDropATrailingSlashOfTheBaseUrl() {
        // when
        OpenAiModelConfig config = OpenAiModelConfig.builder().model("llama3.1")
                .provider(OpenAiModelConfig.Provider.COMPATIBLE).baseUrl("http://127.0.0.1:11434/v1/").build();

        // then
        assertThat(config.baseUrl()).contains("http://127.0.0.1:11434/v1");
        assertThat(config.apiKey()).isEmpty();
    }

    static Stream<Arguments> invalidConfigs() {
        return Stream.of(
                Arguments.of("no model", (UnaryOperator<OpenAiModelConfig.Builder>) b -> b.model(" "), "model is empty"),
                Arguments.of("no key for OpenAI", (UnaryOperator<OpenAiModelConfig.Builder>) b -> b.apiKey(null),
                        "apiKey is required for provider OPENAI"),
                Arguments.of("no base URL for a compatible server", (UnaryOperator<OpenAiModelConfig.Builder>) b -> b
                        .provider(OpenAiModelConfig.Provider.COMPATIBLE), "baseUrl is required for provider COMPATIBLE"),
                Arguments.of("no base URL for Azure", (UnaryOperator<OpenAiModelConfig.Builder>) b -> b
                        .provider(OpenAiModelConfig.Provider.AZURE), "baseUrl is required for provider AZURE"),
                Arguments.of("not a URL", (UnaryOperator<OpenAiModelConfig.Builder>) b -> b.baseUrl("localhost:11434"),
                        "baseUrl 'localhost:11434' is not an absolute http(s) URL"),
                Arguments.of("credentials in the URL", (UnaryOperator<OpenAiModelConfig.Builder>) b -> b
                        .baseUrl("https://user:pw@proxy.example.com/v1"), "must not contain credentials"),
                Arguments.of("api version without Azure", (UnaryOperator<OpenAiModelConfig.Builder>) b -> b
                        .azureApiVersion("2024-10-21"), "azureApiVersion is only accepted with provider AZURE"),
                Arguments.of("zero request timeout", (UnaryOperator<OpenAiModelConfig.Builder>) b -> b
                        .requestTimeout(Duration.ZERO), "requestTimeout must be positive"),
                Arguments.of("too many retries", (UnaryOperator<OpenAiModelConfig.Builder>) b -> b.maxRetries(11),
                        "maxRetries must be between 0 and 10, was 11"),
                Arguments.of("negative Retry-After limit", (UnaryOperator<OpenAiModelConfig.Builder>) b -> b
                        .maxRetryAfter(Duration.ofSeconds(-1)), "maxRetryAfter must be >= 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidConfigs")
    void shouldRefuseAnInvalidConfigurationNamingTheParameter(String what,
                                                             UnaryOperator<OpenAiModelConfig.Builder> change,
                                                             String message) {
        // given
        OpenAiModelConfig.Builder builder = OpenAiModelConfig.builder().model("gpt-4o").apiKey(ApiKey.of(KEY));

        // when / then
        assertThatThrownBy(() -> change.apply(builder).build()).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).startsWith(((InvalidRequestException) e).parameter()
                        .orElseThrow()));
    }

    @Test
    void shouldReadTheKeyFromAnEnvironmentVariableAndRememberOnlyItsName() {
        // when
        ApiKey key = ApiKey.fromEnvironment("OPENAI_API_KEY", Map.of("OPENAI_API_KEY", KEY)::get);

        // then
        assertThat(key.environmentVariable()).contains("OPENAI_API_KEY");
        assertThat(key.source()).isEqualTo("environment variable OPENAI_API_KEY");
        assertThat(key).hasToString("****");
        assertThat(key.redact("key=" + KEY + ";")).isEqualTo("key=****;");
    }

    @Test
    void shouldRefuseAMissingEnvironmentVariableNamingIt() {
        // when / then
        assertThatThrownBy(() -> ApiKey.fromEnvironment("MY_LLM_KEY", Map.<String, String>of()::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("environment variable MY_LLM_KEY is not set or is empty; it should hold the model "
                        + "provider's API key");
    }

    @Test
    void shouldRefuseAnEmptyKey() {
        // when / then
        assertThatThrownBy(() -> ApiKey.of("  ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("apiKey is empty");
    }
}
