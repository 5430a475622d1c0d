package io.jenkins.plugins.aiworkflow.engine.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.agent.ImplementationRequest;
import io.jenkins.plugins.aiworkflow.engine.llm.ApiKey;
import io.jenkins.plugins.aiworkflow.engine.llm.ModelPrice;
import io.jenkins.plugins.aiworkflow.engine.llm.OpenAiModelConfig;
import io.jenkins.plugins.aiworkflow.engine.llm.PriceTable;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImplementParametersTest {
    static final OpenAiModelConfig CONFIG = OpenAiModelConfig.builder().model("gpt-4.1")
            .provider(OpenAiModelConfig.Provider.COMPATIBLE).baseUrl("http://127.0.0.1:9/v1").build();
    static final ModelChoice MODEL = ModelChoice.of(CONFIG);
    private static final Map<String, Object> BASE = Map.of("intent", "Fix the build");

    static List<MappingCase<ImplementationRequest>> cases() {
        return List.of(
                MappingCase.<ImplementationRequest>of("intent", "Make slugify turn \u00df into ss",
                        r -> r.agentRequest().context().intent(), "Make slugify turn \u00df into ss"),
                MappingCase.of("context", List.of("src/main/**/Slugs.java", "README.md"),
                        r -> r.agentRequest().context().contextGlobs(), List.of("src/main/**/Slugs.java", "README.md")),
                MappingCase.of("instructions", "docs/STYLE.md\ndocs/A, B.md",
                        r -> r.agentRequest().context().extraInstructionFiles(), List.of("docs/STYLE.md", "docs/A, B.md")),
                MappingCase.of("defaultInstructions", false, r -> r.agentRequest().context().instructionFiles(),
                        List.of()),
                MappingCase.of("writable", "src/**,pom.xml", r -> r.agentRequest().policy().writable(),
                        List.of("src/**", "pom.xml")),
                MappingCase.of("readOnly", List.of("src/test/**"), r -> withoutGit(r.agentRequest().policy().readOnly()),
                        List.of("src/test/**")),
                MappingCase.of("hidden", List.of("**/.env"), r -> withoutGit(r.agentRequest().policy().hidden()),
                        List.of("**/.env")),
                MappingCase.of("commands", List.of("mvn -B -q test", "echo a,b"),
                        r -> r.agentRequest().policy().allowedCommands(), List.of("mvn -B -q test", "echo a,b")),
                MappingCase.of("commandTimeout", "90s", r -> r.agentRequest().policy().commandTimeout(),
                        Duration.ofSeconds(90)),
                MappingCase.of("maxTurns", 30, r -> r.agentRequest().budget().maxTurns(), OptionalInt.of(30)),
                MappingCase.of("maxTokens", 100_000, r -> r.agentRequest().budget().maxTokens(),
                        OptionalLong.of(100_000)),
                MappingCase.of("maxCostUsd", "0.50", r -> r.agentRequest().budget().maxCostUsd(),
                        OptionalDouble.of(0.5)),
                MappingCase.of("timeout", "30m", r -> r.agentRequest().budget().timeout().orElse(null),
                        Duration.ofMinutes(30)),
                MappingCase.of("maxOutputTokens", 2_000, r -> r.agentRequest().maxOutputTokens(), 2_000),
                MappingCase.of("maxConsecutiveErrors", 5, r -> r.agentRequest().maxConsecutiveErrors(), 5),
                MappingCase.of("tokenBudget", 10_000, r -> r.agentRequest().context().tokenBudget(), 10_000));
    }

    /** The policy's patterns but those it always has for .git. */
    static List<String> withoutGit(List<String> globs) {
        return globs.stream().filter(glob -> !glob.contains(".git")).toList();
    }

    private static ImplementationRequest request(Map<String, Object> values) {
        return ImplementParameters.of(values).toRequest(MODEL);
    }

    @Test
    void shouldCoverEveryParameterTheRequestTakes() {
        Set<String> covered = new HashSet<>();
        cases().forEach(c -> covered.add(c.name()));
        assertThat(covered).isEqualTo(StepParametersTest.requestNames(Step.IMPLEMENT));
    }

    @Test
    void shouldMapEachParameterToTheRequestFieldItNames() {
        ImplementationRequest defaults = request(BASE);
        for (MappingCase<ImplementationRequest> c : cases()) {
            // when
            ImplementationRequest request = request(c.values(BASE));

            // then
            assertThat(c.read().apply(request)).as(c.name()).isEqualTo(c.expected());
            assertThat(c.read().apply(defaults)).as(c.name() + " default").isNotEqualTo(c.expected());
        }
    }

    @Test
    void shouldUseTheEnginesDefaultsAndStateThemInTheCatalogue() {
        // given
        ImplementationRequest engine = ImplementationRequest.builder().intent("Fix the build").model(CONFIG).build();
        ImplementationRequest notGiven = request(BASE);
        for (MappingCase<ImplementationRequest> c : cases()) {
            // then
            assertThat(c.read().apply(notGiven)).as(c.name()).isEqualTo(c.read().apply(engine));
            Object documented = StepParameters.find(Step.IMPLEMENT, c.name()).orElseThrow().defaultValue();
            if (documented != null) {
                Map<String, Object> values = new LinkedHashMap<>(BASE);
                values.put(c.name(), documented);
                assertThat(c.read().apply(request(values))).as(c.name()).isEqualTo(c.read().apply(engine));
            }
        }
    }

    @Test
    void shouldApplyTheStepsModelOptionsToTheAdaptersConfiguration() {
        // given: the provider's configuration, as the plugin resolves it, and every model option
        OpenAiModelConfig.Builder provider = OpenAiModelConfig.builder().model("gpt-4.1-mini")
                .provider(OpenAiModelConfig.Provider.AZURE).baseUrl("https://acme.openai.azure.com")
                .apiKey(ApiKey.of("key-1234567890"));
        ImplementParameters parameters = ImplementParameters.of(Map.ofEntries(Map.entry("intent", "x"),
                Map.entry("model", "gpt-4.1"), Map.entry("provider", "azure-east"),
                Map.entry("baseUrl", "https://elsewhere.example"), Map.entry("credentialsId", "openai-key"),
                Map.entry("api", "RESPONSES"), Map.entry("stream", true), Map.entry("azureApiVersion", "2024-10-21"),
                Map.entry("requestTimeout", "2m"), Map.entry("maxRetries", 5), Map.entry("maxRetryAfter", "10s")));

        // when
        OpenAiModelConfig config = parameters.applyModelOptions(provider).build();

        // then: the options are set; where the key goes is the provider's
        assertThat(config.model()).isEqualTo("gpt-4.1");
        assertThat(config.api()).isEqualTo(OpenAiModelConfig.Api.RESPONSES);
        assertThat(config.streaming()).isTrue();
        assertThat(config.azureApiVersion()).contains("2024-10-21");
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.maxRetries()).isEqualTo(5);
        assertThat(config.maxRetryAfter()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.baseUrl()).contains("https://acme.openai.azure.com");
        assertThat(parameters.provider()).isEqualTo("azure-east");
        assertThat(parameters.baseUrl()).isEqualTo("https://elsewhere.example");
        assertThat(parameters.credentialsId()).isEqualTo("openai-key");
        assertThat(parameters.model()).isEqualTo("gpt-4.1");
    }

    @Test
    void shouldLeaveTheModelConfigurationAsItIsWithoutModelOptions() {
        // given
        OpenAiModelConfig base = OpenAiModelConfig.builder().model("gpt-4.1")
                .provider(OpenAiModelConfig.Provider.COMPATIBLE).baseUrl("http://127.0.0.1:9/v1").build();

        // when
        OpenAiModelConfig config = ImplementParameters.of(Map.of("intent", "x")).applyModelOptions(base.toBuilder())
                .build();

        // then: the engine's defaults, which the catalogue states
        assertThat(config.api()).isEqualTo(OpenAiModelConfig.DEFAULT_API);
        assertThat(config.streaming()).isEqualTo(StepParameters.find(Step.IMPLEMENT, "stream").orElseThrow()
                .defaultValue());
        assertThat(Notation.formatDuration(config.requestTimeout())).isEqualTo(StepParameters
                .find(Step.IMPLEMENT, "requestTimeout").orElseThrow().defaultValue());
        assertThat(Notation.formatDuration(config.maxRetryAfter())).isEqualTo(StepParameters
                .find(Step.IMPLEMENT, "maxRetryAfter").orElseThrow().defaultValue());
        assertThat(config.maxRetries()).isEqualTo(StepParameters.find(Step.IMPLEMENT, "maxRetries").orElseThrow()
                .defaultValue());
        assertThat(StepParameters.find(Step.IMPLEMENT, "api").orElseThrow().defaultValue()).isEqualTo("chat");
    }

    @Test
    void shouldPassTheAdaptersModelPricesAndSecretsIntoTheRequest() {
        // given
        PriceTable prices = PriceTable.defaults().withOverrides(PriceTable.of(Map.of("local", new ModelPrice(1, 0.5,
                2))));
        ModelChoice model = ModelChoice.of(CONFIG).withPrices(prices).withSecretValues(List.of("s3cret-value"))
                .withRemovedVariables(List.of("DEPLOY_TOKEN"));

        // when
        ImplementationRequest request = ImplementParameters.of(BASE).toRequest(model);

        // then
        assertThat(request.modelConfig()).contains(CONFIG);
        assertThat(request.prices().find("local")).isPresent();
        assertThat(request.redact("token s3cret-value here")).doesNotContain("s3cret-value");
        assertThat(request.agentRequest().policy().environment().removeVariables()).contains("DEPLOY_TOKEN");
    }

    @Test
    void shouldPlayAReplayInsteadOfCallingAModel() {
        // given
        String script = """
                {"model": "gpt-4.1", "turns": [{"toolCalls": [{"id": "c1", "name": "finish",
                    "arguments": {"summary": "done"}}]}]}
                """;

        // when
        ImplementationRequest request = ImplementParameters.of(BASE).toRequest(ModelChoice.replay(script, "fix.json"));

        // then
        assertThat(request.modelConfig()).isEmpty();
        assertThat(request.modelDescription()).contains("fix.json");
    }

    @Test
    void shouldRefuseValuesTheRequestRefusesNamingTheParameter() {
        Map<Map<String, Object>, String> refused = new LinkedHashMap<>();
        refused.put(Map.of(), "intent");
        refused.put(Map.of("intent", " "), "intent");
        refused.put(Map.of("intent", "x", "maxTurns", 0), "maxTurns");
        refused.put(Map.of("intent", "x", "maxCostUsd", -1), "maxCostUsd");
        refused.put(Map.of("intent", "x", "timeout", "0s"), "timeout");
        refused.put(Map.of("intent", "x", "commands", List.of("rm -rf / ; echo")), "commands");
        refused.put(Map.of("intent", "x", "writable", "/etc/**"), "writable");
        refused.put(Map.of("intent", "x", "tokenBudget", -1), "tokenBudget");
        refused.forEach((values, parameter) -> assertThatThrownBy(() -> request(values))
                .as(values.toString())
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.parameter()).contains(parameter))
                .hasMessageContaining(parameter));
    }
}
