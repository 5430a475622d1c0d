package io.jenkins.plugins.aiworkflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.agent.AgentRequest;
import io.jenkins.plugins.aiworkflow.engine.agent.AgentResult;
import io.jenkins.plugins.aiworkflow.engine.agent.AgentStatus;
import io.jenkins.plugins.aiworkflow.engine.agent.StopReason;
import io.jenkins.plugins.aiworkflow.engine.context.ContextRequest;
import io.jenkins.plugins.aiworkflow.engine.ledger.Budget;
import io.jenkins.plugins.aiworkflow.engine.ledger.Totals;
import io.jenkins.plugins.aiworkflow.engine.llm.ApiKey;
import io.jenkins.plugins.aiworkflow.engine.llm.OpenAiModelConfig;
import io.jenkins.plugins.aiworkflow.engine.llm.PriceTable;
import io.jenkins.plugins.aiworkflow.engine.sandbox.WorkspacePolicy;
import io.jenkins.plugins.aiworkflow.engine.workspace.EnvironmentPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code aiwf implement} in-process: how options become the engine request and the model, and how results become exit codes. */
class ImplementCommandTest {
    private static final String KEY = "sk-test-inprocess-9f2e";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path workspace;

    @TempDir
    Path outside;

    /** The environment the command reads its API key from and hands to the agent's commands. */
    final Map<String, String> environment = new HashMap<>(Map.of("OPENAI_API_KEY", KEY, "PATH", "/usr/bin:/bin"));

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(workspace.resolve("notes.txt"), "old\n");
    }

    @Test
    void shouldUseTheEngineDefaultsWhenOnlyIntentAndModelAreGiven() {
        // when
        ImplementCommand command = parse("--intent", "Fix it", "--model", "gpt-4.1");
        AgentRequest request = command.toRequest().agentRequest();
        OpenAiModelConfig config = command.agent.toModelConfig(command.agent.apiKey());

        // then
        ContextRequest context = request.context();
        assertThat(context.intent()).isEqualTo("Fix it");
        assertThat(context.contextGlobs()).isEmpty();
        assertThat(context.instructionFiles()).isEqualTo(ContextRequest.DEFAULT_INSTRUCTION_FILES);
        assertThat(context.extraInstructionFiles()).isEmpty();
        assertThat(context.writableGlobs()).isEmpty();
        assertThat(context.allowedCommands()).isEmpty();
        assertThat(context.tokenBudget()).isEqualTo(ContextRequest.DEFAULT_TOKEN_BUDGET);
        assertThat(context.modelName()).isEqualTo("gpt-4.1");
        WorkspacePolicy policy = request.policy();
        WorkspacePolicy defaults = WorkspacePolicy.defaults();
        assertThat(policy.writable()).isEqualTo(defaults.writable());
        assertThat(policy.readOnly()).isEqualTo(defaults.readOnly());
        assertThat(policy.hidden()).isEqualTo(defaults.hidden());
        assertThat(policy.allowedCommands()).isEmpty();
        assertThat(policy.commandTimeout()).isEqualTo(WorkspacePolicy.DEFAULT_COMMAND_TIMEOUT);
        Budget budget = request.budget();
        assertThat(budget.maxTurns()).isEmpty();
        assertThat(budget.maxTokens()).isEmpty();
        assertThat(budget.maxCostUsd()).isEmpty();
        assertThat(budget.timeout()).isEmpty();
        assertThat(request.maxConsecutiveErrors()).isEqualTo(AgentRequest.DEFAULT_MAX_CONSECUTIVE_ERRORS);
        assertThat(request.maxOutputTokens()).isNull();
        assertThat(config.model()).isEqualTo("gpt-4.1");
        assertThat(config.provider()).isEqualTo(OpenAiModelConfig.Provider.OPENAI);
        assertThat(config.api()).isEqualTo(OpenAiModelConfig.Api.CHAT_COMPLETIONS);
        assertThat(config.baseUrl()).isEmpty();
        assertThat(config.streaming()).isFalse();
        assertThat(config.requestTimeout()).isEqualTo(OpenAiModelConfig.DEFAULT_REQUEST_TIMEOUT);
        assertThat(config.maxRetries()).isEqualTo(OpenAiModelConfig.DEFAULT_MAX_RETRIES);
        assertThat(config.maxRetryAfter()).isEqualTo(OpenAiModelConfig.DEFAULT_MAX_RETRY_AFTER);
        assertThat(config.apiKey()).map(ApiKey::source).hasValue("environment variable OPENAI_API_KEY");
        assertThat(command.agent.priceTable().prices()).isEqualTo(PriceTable.defaults().prices());
    }

    @Test
    void shouldTranslateEveryOptionIntoTheRequestAndTheModel() throws IOException {
        // given
        Path prices = Files.writeString(outside.resolve("prices.json"), "{\"llama3.1\": {\"input\": 1, \"output\": 2}}");
        environment.put("MY_LLM_KEY", "sk-other-1234");

        // when
        ImplementCommand command = parse("--intent", "Add a flag", "--context", "src/**/*.java,pom.xml",
                "--context", "README.md", "--instructions", "docs/STYLE.md", "--no-default-instructions",
                "--writable", "src/**", "--read-only", "src/test/**", "--hidden", "**/.env",
                "--allow-command", "mvn -B -q test", "--allow-command", "./gradlew test", "--command-timeout", "2m",
                "--model", "llama3.1", "--provider", "COMPATIBLE", "--base-url", "http://127.0.0.1:11434/v1",
                "--api", "responses", "--stream", "--api-key-env", "MY_LLM_KEY", "--request-timeout", "90s",
                "--max-retries", "5", "--max-retry-after", "2m", "--prices", prices.toString(),
                "--max-turns", "12", "--max-tokens", "200000", "--max-cost-usd", "0.75", "--timeout", "1h30m",
                "--max-output-tokens", "4096", "--max-consecutive-errors", "4", "--token-budget", "16000");
        AgentRequest request = command.toRequest().agentRequest();
        OpenAiModelConfig config = command.agent.toModelConfig(command.agent.apiKey());

        // then
        ContextRequest context = request.context();
        assertThat(context.intent()).isEqualTo("Add a flag");
        assertThat(context.contextGlobs()).containsExactly("src/**/*.java", "pom.xml", "README.md");
        assertThat(context.instructionFiles()).isEmpty();
        assertThat(context.extraInstructionFiles()).containsExactly("docs/STYLE.md");
        assertThat(context.writableGlobs()).containsExactly("src/**");
        assertThat(context.allowedCommands()).containsExactly("mvn -B -q test", "./gradlew test");
        assertThat(context.tokenBudget()).isEqualTo(16000);
        assertThat(context.modelName()).isEqualTo("llama3.1");
        WorkspacePolicy policy = request.policy();
        assertThat(policy.writable()).containsExactly("src/**");
        assertThat(policy.readOnly()).contains("src/test/**");
        assertThat(policy.hidden()).contains("**/.env");
        assertThat(policy.allowedCommands()).containsExactly("mvn -B -q test", "./gradlew test");
        assertThat(policy.commandTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(policy.environment().removeVariables()).containsExactly("MY_LLM_KEY");
        Budget budget = request.budget();
        assertThat(budget.maxTurns()).hasValue(12);
        assertThat(budget.maxTokens()).hasValue(200000);
        assertThat(budget.maxCostUsd()).hasValue(0.75);
        assertThat(budget.timeout()).hasValue(Duration.ofMinutes(90));
        assertThat(request.maxOutputTokens()).isEqualTo(4096);
        assertThat(request.maxConsecutiveErrors()).isEqualTo(4);
        assertThat(config.model()).isEqualTo("llama3.1");
        assertThat(config.provider()).isEqualTo(OpenAiModelConfig.Provider.COMPATIBLE);
        assertThat(config.api()).isEqualTo(OpenAiModelConfig.Api.RESPONSES);
        assertThat(config.baseUrl()).hasValue("http://127.0.0.1:11434/v1");
        assertThat(config.streaming()).isTrue();
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.maxRetries()).isEqualTo(5);
        assertThat(config.maxRetryAfter()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.apiKey()).map(ApiKey::source).hasValue("environment variable MY_LLM_KEY");
        assertThat(command.agent.priceTable().find("llama3.1")).isPresent();
        assertThat(command.agent.priceTable().find("gpt-4o")).isPresent();
    }

    @Test
    void shouldPassTheAzureVersionAndReadTheAzureKeyVariableByDefault() {
        // given
        environment.put("AZURE_OPENAI_API_KEY", "azure-key-5678");

        // when
        ImplementCommand command = parse("--intent", "x", "--model", "my-deployment", "--provider", "azure",
                "--base-url", "https://my-resource.openai.azure.com", "--azure-api-version", "2024-10-21");
        OpenAiModelConfig config = command.agent.toModelConfig(command.agent.apiKey());

        // then
        assertThat(config.provider()).isEqualTo(OpenAiModelConfig.Provider.AZURE);
        assertThat(config.azureApiVersion()).hasValue("2024-10-21");
        assertThat(config.apiKey()).map(ApiKey::source).hasValue("environment variable AZURE_OPENAI_API_KEY");
        assertThat(command.toRequest().agentRequest().policy().environment().removeVariables()).containsExactly("AZURE_OPENAI_API_KEY");
    }

    @Test
    void shouldKeepTheKeyFromTheAgentsCommandsByNameAndByValue() {
        // when
        EnvironmentPolicy policy = parse("--intent", "x", "--model", "gpt-4.1").toRequest().agentRequest().policy().environment();

        // then
        assertThat(policy.removeVariables()).containsExactly("OPENAI_API_KEY");
        assertThat(policy.secretValueCount()).isEqualTo(1);
        assertThat(policy.drops("INNOCENT_NAME", "deployed with " + KEY)).isTrue();
        assertThat(policy.drops("GREETING", "hello")).isFalse();
        assertThat(policy.redact("the key is " + KEY)).isEqualTo("the key is ****");
    }

    @Test
    void shouldCallACompatibleServerWithoutAKeyWhenTheVariableIsNotSet() {
        // given
        environment.remove("OPENAI_API_KEY");

        // when
        ImplementCommand command = parse("--intent", "x", "--model", "llama3.1", "--provider", "compatible",
                "--base-url", "http://127.0.0.1:11434/v1");

        // then
        assertThat(command.agent.apiKey()).isNull();
        assertThat(command.agent.toModelConfig(null).apiKey()).isEmpty();
    }

    @Test
    void shouldNeedNoKeyAndPriceByTheScriptsModelForAReplay() throws IOException {
        // given
        environment.remove("OPENAI_API_KEY");
        Path script = Files.writeString(outside.resolve("script.json"), "{\"model\": \"gpt-4.1-mini\", \"turns\": []}");

        // when
        ImplementCommand command = parse("--intent", "x", "--model", "replay:" + script);

        // then
        assertThat(command.agent.apiKey()).isNull();
        assertThat(command.agent.toModelConfig(null)).isNull();
        assertThat(command.agent.replayFile()).isEqualTo(script);
        assertThat(command.toRequest().agentRequest().context().modelName()).isEqualTo("gpt-4.1-mini");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--max-turns 0 | maxTurns must be >= 1, was 0 (option --max-turns)",
        "--max-tokens 0 | maxTokens must be >= 1, was 0 (option --max-tokens)",
        "--max-cost-usd -1 | maxCostUsd must be a positive amount of US dollars, was -1.0 (option --max-cost-usd)",
        "--timeout 0s | timeout must be positive, was PT0S (option --timeout)",
        "--request-timeout 0s | requestTimeout must be positive, was PT0S (option --request-timeout)",
        "--max-retries 11 | maxRetries must be between 0 and 10, was 11 (option --max-retries)",
        "--max-output-tokens 0 | maxOutputTokens must be >= 1, was 0 (option --max-output-tokens)",
        "--max-consecutive-errors 0 | maxConsecutiveErrors must be >= 1, was 0 (option --max-consecutive-errors)",
        "--token-budget 0 | tokenBudget must be >= 1, was 0 (option --token-budget)",
        "--allow-command ls;rm | allowedCommands prefix 'ls;rm' contains ';' (option --allow-command)",
        "--writable ../up | writable: (option --writable)",
        "--provider compatible | baseUrl is required for provider COMPATIBLE (option --base-url)",
        "--base-url ftp://x | baseUrl 'ftp://x' is not an absolute http(s) URL (option --base-url)",
        "--azure-api-version 2024-10-21 | azureApiVersion is only accepted with provider AZURE (option --azure-api-version)",
        "--api-key-env NOT_SET_ANYWHERE | environment variable NOT_SET_ANYWHERE is not set or is empty (option --api-key-env)",
        "--prices missing.json | price file 'missing.json' does not exist; accepted: a JSON file (option --prices)",
        "--model replay:missing.json | replay script 'missing.json' does not exist; accepted: a replay script (option --model)",
        "--workspace /no/such/dir | workspace root '/no/such/dir' does not exist (option --workspace)"})
    void shouldExitTwoNamingTheOptionOfAValueTheEngineRefuses(String option, String message) {
        // given
        String[] words = option.split(" ", 2);

        // when
        Run run = run("implement", "--workspace", workspace.toString(), "--intent", "x", "--model", "gpt-4.1",
                words[0], words[1]);

        // then
        String[] parts = message.split(" \\(option ");
        assertThat(run.exitCode).as(run.err).isEqualTo(Aiwf.USAGE);
        assertThat(run.err).contains(parts[0]).contains("(option " + parts[1]);
        assertThat(run.err.lines()).as("one line naming the problem").hasSize(1);
        assertThat(run.err).doesNotContain(KEY);
        assertThat(run.out).isEmpty();
    }

    @Test
    void shouldExitTwoWithTheAcceptedValuesOfProviderAndApi() {
        // when
        Run provider = run("implement", "--intent", "x", "--model", "m", "--provider", "bedrock");
        Run api = run("implement", "--intent", "x", "--model", "m", "--api", "completions");

        // then
        assertThat(provider.exitCode).isEqualTo(Aiwf.USAGE);
        assertThat(provider.err).contains("Invalid value for option '--provider': 'bedrock' is not a provider; "
                + "accepted: openai, azure, compatible");
        assertThat(api.exitCode).isEqualTo(Aiwf.USAGE);
        assertThat(api.err).contains("Invalid value for option '--api': 'completions' is not an API; accepted: chat");
    }

    @Test
    void shouldExitTwoWhenIntentOrModelIsMissing() {
        // when
        Run noIntent = run("implement", "--model", "gpt-4.1");
        Run noModel = run("implement", "--intent", "x");

        // then
        assertThat(noIntent.exitCode).isEqualTo(Aiwf.USAGE);
        assertThat(noIntent.err).contains("Missing required option: '--intent=TEXT'");
        assertThat(noModel.exitCode).isEqualTo(Aiwf.USAGE);
        assertThat(noModel.err).contains("Missing required option: '--model=MODEL'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--json | target/aiwf/result.json",
        "--transcript | target/aiwf/transcript.jsonl",
        "--markdown | target/aiwf/result.md"})
    void shouldExitTwoBeforeTheRunWhenAnOutputTargetIsADirectory(String option, String example) throws IOException {
        // given
        Path script = replay("{\"toolCalls\": [{\"name\": \"write_file\", \"arguments\": {\"path\": \"ran.txt\", "
                + "\"content\": \"x\"}}]}");
        Path directory = Files.createDirectories(outside.resolve("out"));

        // when
        Run run = run("implement", "--workspace", workspace.toString(), "--intent", "x", "--model",
                "replay:" + script, option, directory.toString());

        // then
        assertThat(run.exitCode).isEqualTo(Aiwf.USAGE);
        assertThat(run.err).contains(option + " file", "is a directory", "accepted: a file path such as '"
                + example + "'");
        assertThat(workspace.resolve("ran.txt")).doesNotExist();
    }

    @Test
    void shouldWriteARedactedMarkdownSummaryNextToTheJsonResult() throws IOException {
        // given
        Path script = replay("{\"toolCalls\": [{\"name\": \"write_file\", \"arguments\": {\"path\": \"notes.txt\", "
                        + "\"content\": \"new " + KEY + "\\n\"}}]}",
                "{\"toolCalls\": [{\"name\": \"finish\", \"arguments\": {\"summary\": \"rewrote notes\"}}]}");
        Path json = outside.resolve("out/result.json");
        Path markdown = outside.resolve("out/summary.md");

        // when
        Run run = run("implement", "--workspace", workspace.toString(), "--intent", "Rewrite the notes",
                "--model", "replay:" + script, "--json", json.toString(), "--markdown", markdown.toString());

        // then
        assertThat(run.exitCode).as(run.out + run.err).isEqualTo(Aiwf.PASSED);
        assertThat(run.out).contains("JSON result written to " + json, "Markdown summary written to " + markdown);
        assertThat(markdown).content().startsWith("### ✅ Implementation CHANGED\n")
                .contains("**Stop reason** `FINISHED`: `the agent called finish`")
                .contains("```text\nrewrote notes\n```")
                .contains("- MODIFIED `notes.txt`")
                .contains("```diff\ndiff --git a/notes.txt b/notes.txt\n--- a/notes.txt\n+++ b/notes.txt\n")
                .contains("-old\n+new ****\n")
                .doesNotContain(KEY);
        assertThat(json).content().doesNotContain(KEY);
    }

    @Test
    void shouldExitWithTheInternalErrorCodeForARunThatAnInternalErrorStopped() {
        // given
        AgentResult stopped = new AgentResult(AgentStatus.ERROR, new StopReason(StopReason.Kind.INTERNAL_ERROR,
                "internal error during turn 2: java.lang.IllegalStateException: broken"), "", List.of(), "",
                Totals.NONE, 2, List.of());
        AgentResult failed = new AgentResult(AgentStatus.ERROR, new StopReason(StopReason.Kind.MODEL_ERROR,
                "the model call of turn 2 failed: HTTP 500"), "", List.of(), "", Totals.NONE, 2, List.of());

        // when / then
        assertThat(ImplementCommand.exitCode(stopped)).isEqualTo(Aiwf.INTERNAL_ERROR);
        assertThat(ImplementCommand.exitCode(failed)).isEqualTo(Aiwf.AGENT_ERROR);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "CHANGED | 0 | {\"toolCalls\": [{\"name\": \"write_file\", \"arguments\": {\"path\": \"notes.txt\", \"content\": \"new\\n\"}}]} | {\"toolCalls\": [{\"name\": \"finish\", \"arguments\": {\"summary\": \"rewrote notes\"}}]}",
        "NO_CHANGE | 1 | {\"toolCalls\": [{\"name\": \"read_file\", \"arguments\": {\"path\": \"notes.txt\"}}]} | {\"toolCalls\": [{\"name\": \"finish\", \"arguments\": {\"summary\": \"all good\"}}]}",
        "LIMIT | 4 | {\"toolCalls\": [{\"name\": \"write_file\", \"arguments\": {\"path\": \"notes.txt\", \"content\": \"new\\n\"}}]} | {\"toolCalls\": [{\"name\": \"read_file\", \"arguments\": {\"path\": \"notes.txt\"}}]}",
        "ERROR | 5 | {\"text\": \"thinking\"} | {\"text\": \"still thinking\"}"})
    void shouldMapEachStatusToItsExitCodeAndWriteTheJsonResult(AgentStatus status, int exitCode, String first,
                                                               String second) throws IOException {
        // given
        Path script = replay(first, second, "{\"toolCalls\": [{\"name\": \"finish\", \"arguments\": "
                + "{\"summary\": \"third\"}}]}");
        Path json = outside.resolve("result.json");

        // when
        Run run = run("implement", "--workspace", workspace.toString(), "--intent", "Rewrite the notes",
                "--model", "replay:" + script, "--max-turns", "2", "--max-consecutive-errors", "2",
                "--json", json.toString());

        // then
        assertThat(run.exitCode).as(run.out + run.err).isEqualTo(exitCode).isEqualTo(ImplementCommand.exitCode(status));
        assertThat(run.out).contains("Status: " + status + " (");
        JsonNode result = JSON.readTree(json.toFile());
        assertThat(result.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(result.path("kind").asText()).isEqualTo("implementation");
        assertThat(result.path("status").asText()).isEqualTo(status.name());
        assertThat(result.path("stopReason").path("message").asText()).isNotBlank();
        assertThat(result.path("turns").asInt()).isEqualTo(2);
        assertThat(result.path("usage").path("costKnown").asBoolean()).isTrue();
        assertThat(result.has("diff")).isTrue();
        assertThat(Files.readString(json)).endsWith("}\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--max-turns 1 | maxTurns reached: 1 model calls made, the limit is 1",
        "--max-tokens 10000 | maxTokens reached: 6050 tokens used (input + output) and the next call's prompt takes about",
        "--max-cost-usd 0.004 | maxCostUsd reached: $0.0025 spent and the next call's prompt of about"})
    void shouldNameTheLimitThatStoppedTheRunAsTheOptionSetsIt(String option, String reason) throws IOException {
        // given: a first turn of 6,000 input and 50 output tokens of gpt-4.1-mini ($0.00248); the second call's prompt
        // (those 6,000 and the turn's reply and tool result) does not fit under either limit
        Path script = replay("{\"toolCalls\": [{\"name\": \"read_file\", \"arguments\": {\"path\": \"notes.txt\"}}], "
                + "\"usage\": {\"inputTokens\": 6000, \"outputTokens\": 50}}",
                "{\"toolCalls\": [{\"name\": \"finish\", \"arguments\": {\"summary\": \"never reached\"}}]}");
        String[] words = option.split(" ");

        // when
        Run run = run("implement", "--workspace", workspace.toString(), "--intent", "Read the notes",
                "--model", "replay:" + script, words[0], words[1]);

        // then
        assertThat(run.exitCode).as(run.out + run.err).isEqualTo(Aiwf.LIMIT);
        assertThat(run.out).contains("Status: LIMIT (LIMIT: " + reason);
    }

    @Test
    void shouldPriceAReplayWithoutAModelByItsModelIdAndRefuseACostLimitForIt() throws IOException {
        // given: a script that names no model reports "replay", which has no price
        Path script = Files.writeString(outside.resolve("unnamed.json"), "{\"turns\": [{\"toolCalls\": "
                + "[{\"name\": \"finish\", \"arguments\": {\"summary\": \"done\"}}]}]}");

        // when
        Run run = run("implement", "--workspace", workspace.toString(), "--intent", "x", "--model",
                "replay:" + script, "--max-cost-usd", "1");

        // then
        assertThat(run.exitCode).as(run.out + run.err).isEqualTo(Aiwf.LIMIT);
        assertThat(run.out).contains("Status: LIMIT (LIMIT: maxCostUsd $1.00 cannot be enforced: model 'replay' "
                + "has no price");
    }

    @Test
    void shouldPrintTheDiffUsageAndWriteARedactedTranscript() throws IOException {
        // given: the model writes what looks like the key into a file; it is masked wherever aiwf shows it
        Path script = replay("{\"toolCalls\": [{\"name\": \"write_file\", \"arguments\": {\"path\": \"notes.txt\", "
                        + "\"content\": \"new\\n\"}}], \"usage\": {\"inputTokens\": 1000, \"outputTokens\": 50}}",
                "{\"toolCalls\": [{\"name\": \"finish\", \"arguments\": {\"summary\": \"done with " + KEY + "\"}}], "
                        + "\"usage\": {\"inputTokens\": 1100, \"outputTokens\": 10, \"cachedInputTokens\": 1000}}");
        Path transcript = outside.resolve("logs/transcript.jsonl");
        Files.createDirectories(transcript.getParent());
        Files.writeString(transcript, "an earlier run's transcript\n");

        // when
        Run run = run("implement", "--workspace", workspace.toString(), "--intent", "Rewrite the notes",
                "--model", "replay:" + script, "--transcript", transcript.toString());

        // then
        assertThat(run.exitCode).isEqualTo(Aiwf.PASSED);
        assertThat(run.out).contains("Turn 1: write_file - 1050 tokens (1000 in, 0 cached, 50 out), cost $")
                .contains("Status: CHANGED (FINISHED: the agent called finish)")
                .contains("Summary: done with ****")
                .contains("Changed files: 1\n  MODIFIED notes.txt\n")
                .contains("Diff:\ndiff --git a/notes.txt b/notes.txt\n--- a/notes.txt\n+++ b/notes.txt\n")
                .contains("-old\n+new\n")
                .contains("Usage: 2 turn(s), 2160 tokens (2100 in, 1000 cached, 60 out, 0 reasoning), cost $")
                .contains("Transcript written to " + transcript)
                .doesNotContain(KEY);
        List<String> events = Files.readAllLines(transcript);
        assertThat(events).as("the earlier content is replaced").first().asString().contains("\"type\":\"start\"");
        assertThat(events).last().asString().contains("\"type\":\"stop\"");
        assertThat(String.join("\n", events)).doesNotContain(KEY).contains("done with ****");
    }

    @Test
    void shouldDocumentEveryOptionWithItsDefaultAndTheExitCodesInHelp() {
        // when
        Run run = run("implement", "--help");

        // then: the help is wrapped at 80 columns, so words are compared, not lines
        String help = run.out.replaceAll("\\s+", " ");
        assertThat(run.exitCode).isZero();
        assertThat(help).contains("--intent=TEXT", "--model=MODEL", "--[no-]stream", "--[no-]default-instructions",
                        "--context=GLOB[,GLOB...]", "--allow-command=PREFIX")
                .contains("Default: " + ContextRequest.DEFAULT_TOKEN_BUDGET + ".")
                .contains("Default: openai.", "Default: chat.", "Default: 10m.", "Default: 1m.")
                .contains("Exit codes:", "CHANGED", "NO_CHANGE", "LIMIT", "ERROR")
                .contains("Make slugify turn \u00df into ss")
                .doesNotContain("${DEFAULT-VALUE}", "Default: null");
        for (CliOption option : implementOptions()) {
            String description = HelpText.description(option, ImplementCommand.EngineDefaults.DEFAULTS);
            assertThat(HelpTexts.optionHelp(run.out, HelpText.synopsis(option))).as("help of %s", option.name())
                    .isEqualTo(description);
            assertThat(description).as("default of %s", option.name()).containsAnyOf("Default:", "Required.");
        }
        ImplementCommand.EngineDefaults.DEFAULTS.forEach((name, value) -> assertThat(HelpTexts.optionHelp(run.out,
                HelpText.synopsis(OptionParser.find(implementOptions(), name)))).as("help of %s", name)
                .contains("Default: " + value));
    }

    @Test
    void shouldMakeThePlainFormOfANegatableOptionMeanTrueWhateverTheDefault() {
        // when
        ImplementCommand plain = parse("--intent", "x", "--model", "m", "--default-instructions", "--stream");
        ImplementCommand negated = parse("--intent", "x", "--model", "m", "--no-default-instructions", "--no-stream");
        ImplementCommand last = parse("--intent", "x", "--model", "m", "--stream", "--no-stream");

        // then
        assertThat(plain.agent.defaultInstructions).isTrue();
        assertThat(plain.agent.stream).isTrue();
        assertThat(negated.agent.defaultInstructions).isFalse();
        assertThat(negated.agent.stream).isFalse();
        assertThat(last.agent.stream).isFalse();
    }

    @Test
    void shouldKeepCommasInAnAllowedCommandAndSplitGlobLists() {
        // when
        ImplementCommand command = parse("--intent", "x", "--model", "m", "--allow-command", "echo a,b",
                "--writable=src/**,docs/**", "--instructions", "a,b.md");

        // then
        assertThat(command.agent.allowCommand).containsExactly("echo a,b");
        assertThat(command.agent.writable).containsExactly("src/**", "docs/**");
        assertThat(command.agent.instructions).containsExactly("a,b.md");
    }

    @Test
    void shouldFindTheOptionOfARefusedEngineParameterByItsName() {
        // given
        ImplementCommand implement = new ImplementCommand(Map.of());

        // then
        assertThat(implement.optionFor("requestTimeout")).isEqualTo("--request-timeout");
        assertThat(implement.optionFor("timeout")).isEqualTo("--timeout");
        assertThat(implement.optionFor("maxTurns")).isEqualTo("--max-turns");
        assertThat(implement.optionFor("commands")).isEqualTo("--allow-command");
        assertThat(implement.optionFor("maxTurnsPerIteration")).isNull();
        for (String parameter : List.of("intent", "context", "instructions", "writable", "readOnly", "hidden",
                "commands", "commandTimeout", "tokenBudget", "model", "provider", "api", "baseUrl", "azureApiVersion",
                "apiKey", "requestTimeout", "maxRetries", "streaming", "maxRetryAfter", "prices", "maxTurns",
                "maxTokens", "maxCostUsd", "timeout", "maxOutputTokens", "maxConsecutiveErrors", "transcript",
                "workspace")) {
            assertThat(OptionParser.find(implementOptions(), implement.optionFor(parameter)))
                    .as("the option of %s", parameter).isNotNull();
        }
    }

    @Test
    void shouldRefuseAReplayPrefixWithoutAFile() {
        // given
        ImplementCommand command = parse("--intent", "x", "--model", "replay:");

        // when / then
        assertThatThrownBy(command.agent::replayFile).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("names no file")
                .satisfies(e -> assertThat(Aiwf.BadInputMessage.optionHint((InvalidRequestException) e, command))
                        .isEqualTo(" (option --model)"));
    }

    /** A replay script of these turns (JSON objects), priced as gpt-4.1-mini. */
    private Path replay(String... turns) throws IOException {
        return Files.writeString(Files.createTempFile(outside, "replay", ".json"),
                "{\"model\": \"gpt-4.1-mini\", \"turns\": [" + String.join(", ", turns) + "]}");
    }

    private static List<CliOption> implementOptions() {
        return new ImplementCommand(Map.of()).options();
    }

    /** Reads the options of {@code aiwf implement} (with this test's environment), without running it. */
    private ImplementCommand parse(String... options) {
        ImplementCommand command = new ImplementCommand(environment);
        assertThat(OptionParser.parse(command, options, 0)).isEqualTo(OptionParser.Request.RUN);
        return command;
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Aiwf.run(environment, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {
    }
}
