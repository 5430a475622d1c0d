package io.jenkins.plugins.aiworkflow.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.llm.ApiKey;
import io.jenkins.plugins.aiworkflow.engine.llm.OpenAiModelConfig;
import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer.Reply;
import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer.ToolCallReply;
import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer;
import io.jenkins.plugins.aiworkflow.engine.log.EngineLog;
import io.jenkins.plugins.aiworkflow.engine.sandbox.WorkspacePolicy;
import io.jenkins.plugins.aiworkflow.engine.workspace.FileChange;
import io.jenkins.plugins.aiworkflow.engine.workspace.LocalWorkspace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The implementation step's entry point: one request in, one result out, with the engine's rules applied. */
class ImplementationTest {
    private static final String KEY = "sk-test-implementation-3e8a71";

    @TempDir
    Path root;

    ScriptedModelServer server;
    final EngineLog log = new EngineLog();

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(root.resolve("notes.txt"), "old\n");
        server = ScriptedModelServer.start();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    /** The scripted server as an OpenAI-compatible model whose key comes from {@code OPENAI_API_KEY}. */
    private OpenAiModelConfig model(Map<String, String> environment) {
        return OpenAiModelConfig.builder().model("gpt-4.1-mini").provider(OpenAiModelConfig.Provider.COMPATIBLE)
                .baseUrl(server.baseUrl()).apiKey(ApiKey.fromEnvironment("OPENAI_API_KEY", environment::get))
                .maxRetries(0).build();
    }

    private static Reply call(String id, String tool, String arguments) {
        return Reply.toolCalls(new ToolCallReply(id, tool, arguments));
    }

    @Test
    void shouldKeepTheModelsKeyFromTheAgentsCommandsByNameAndByValueAndMaskItEverywhere() {
        // given: the key in its own variable and, under an innocent name, in another
        Map<String, String> environment = Map.of("OPENAI_API_KEY", KEY, "DEPLOY_NOTE", "deployed with " + KEY,
                "GREETING", "hello", "PATH", System.getenv("PATH"));
        server.enqueue(call("c1", "run_command", "{\"command\":\"env\"}"),
                call("c2", "write_file", "{\"path\":\"notes.txt\",\"content\":\"the key is " + KEY + "\\n\"}"),
                call("c3", "finish", "{\"summary\":\"noted " + KEY + "\"}"));
        ByteArrayOutputStream transcript = new ByteArrayOutputStream();
        ImplementationRequest request = ImplementationRequest.builder().intent("Look at the environment")
                .model(model(environment)).commands(List.of("env")).transcript(transcript).build();

        // when
        AgentResult result = new Implementation().run(request, new LocalWorkspace(root, environment), log);

        // then: the command's environment had neither variable; the key shows nowhere the engine writes
        String toolResult = server.requests().get(1).body();
        assertThat(toolResult).contains("GREETING=hello").doesNotContain("OPENAI_API_KEY", "DEPLOY_NOTE", KEY);
        assertThat(result.status()).isEqualTo(AgentStatus.CHANGED);
        assertThat(request.redact(result.summary())).as("what an adapter renders").isEqualTo("noted ****");
        assertThat(result.diff()).contains("+the key is ****").doesNotContain(KEY);
        assertThat(transcript.toString(StandardCharsets.UTF_8)).contains("\"type\":\"stop\"").doesNotContain(KEY);
        assertThat(request.redact("a " + KEY)).isEqualTo("a ****");
        assertThat(request.agentRequest().policy().environment().removeVariables()).containsExactly("OPENAI_API_KEY");
        assertThat(log.lines()).extracting(EngineLog.Line::text).first().asString()
                .isEqualTo("Implementing in " + root + " with model gpt-4.1-mini (chat completions) at "
                        + server.baseUrl());
    }

    @Test
    void shouldRegisterAKeyGivenWithoutAVariableAndTheCallersSecrets() {
        // when
        ImplementationRequest request = ImplementationRequest.builder().intent("x")
                .model(OpenAiModelConfig.builder().model("gpt-4.1").apiKey(ApiKey.of(KEY)).build())
                .secretValues(List.of("db-password-1")).removeVariables(List.of("BUILD_TOKEN_FILE")).build();

        // then
        var environment = request.agentRequest().policy().environment();
        assertThat(environment.secretValueCount()).isEqualTo(2);
        assertThat(environment.drops("A", "x" + KEY)).isTrue();
        assertThat(environment.drops("B", "db-password-1")).isTrue();
        assertThat(environment.removeVariables()).containsExactly("BUILD_TOKEN_FILE");
        assertThat(request.redact(KEY + " db-password-1")).isEqualTo("**** ****");
    }

    @Test
    void shouldStateInThePromptWhatThePolicyEnforces() {
        // when
        ImplementationRequest given = replayRequest().writable(List.of("src/")).commands(List.of(" mvn  -B   test "))
                .build();
        ImplementationRequest defaults = replayRequest().build();

        // then: the patterns and commands as the policy normalised them; no writable patterns stated when none given
        assertThat(given.agentRequest().policy().writable()).containsExactly("src/**");
        assertThat(given.agentRequest().context().writableGlobs()).containsExactly("src/**");
        assertThat(given.agentRequest().context().allowedCommands()).containsExactly("mvn -B test");
        assertThat(defaults.agentRequest().policy().writable()).isEqualTo(WorkspacePolicy.defaults().writable());
        assertThat(defaults.agentRequest().context().writableGlobs()).isEmpty();
        assertThat(defaults.agentRequest().context().allowedCommands()).isEmpty();
        assertThat(defaults.agentRequest().context().modelName()).isEqualTo("gpt-4.1-mini");
        assertThat(defaults.modelConfig()).isEmpty();
        assertThat(defaults.modelDescription()).isEqualTo("replay of script.json (2 turns)");
    }

    @Test
    void shouldPlayAReplayFromItsFirstTurnInEveryRunAndReportEachRunsChanges() {
        // given
        ImplementationRequest request = replayRequest().build();

        // when
        AgentResult first = new Implementation().run(request, new LocalWorkspace(root), log);
        AgentResult second = new Implementation().run(request, new LocalWorkspace(root), log);

        // then: the second run wrote the same content again, which is no change against its start
        assertThat(first.status()).isEqualTo(AgentStatus.CHANGED);
        assertThat(first.changedFiles()).containsExactly(new FileChange("notes.txt", FileChange.Kind.MODIFIED));
        assertThat(second.status()).isEqualTo(AgentStatus.NO_CHANGE);
        assertThat(second.turns()).isEqualTo(2);
        assertThat(second.usage().usage().inputTokens()).isEqualTo(100);
    }

    @Test
    void shouldNameTokenBudgetWhenThePromptDoesNotFit() {
        // given
        ImplementationRequest request = replayRequest().tokenBudget(50).build();

        // when / then
        assertThatThrownBy(() -> new Implementation().run(request, new LocalWorkspace(root), log))
                .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("tokenBudget 50 is too small")
                .satisfies(e -> assertThat(((InvalidRequestException) e).parameter()).hasValue("tokenBudget"));
    }

    static Stream<Arguments> refusedParameters() {
        return Stream.of(
                refused("intent", b -> b.intent(" "), "intent is empty; accepted: a non-blank description"),
                refused("model", b -> b.replay(null, null), "model is missing; accepted: a model configuration"),
                refused("model", b -> b.model(OpenAiModelConfig.builder().model("gpt-4.1").apiKey(ApiKey.of(KEY))
                        .build()), "model is given twice"),
                refused("model", b -> b.replay("{\"turns\": 3}", "bad.json"),
                        "replay script bad.json: \"turns\" must be an array of turns; accepted: a replay script"),
                refused("context", b -> b.context(List.of("../up/**")), "context: contextGlobs: "),
                refused("instructions", b -> b.instructions(List.of(".")), "instructions: extraInstructionFiles: "),
                refused("writable", b -> b.writable(List.of("../up")), "writable: "),
                refused("readOnly", b -> b.readOnly(List.of(" ")), "readOnly: glob is empty; accepted: "),
                refused("hidden", b -> b.hidden(List.of("/etc/**")), "hidden: "),
                refused("commands", b -> b.commands(List.of("ls;rm")), "commands: allowedCommands prefix 'ls;rm' "
                        + "contains ';'; accepted: plain words"),
                refused("commandTimeout", b -> b.commandTimeout(Duration.ZERO), "commandTimeout must be positive"),
                refused("tokenBudget", b -> b.tokenBudget(0), "tokenBudget must be >= 1, was 0"),
                refused("maxTurns", b -> b.maxTurns(0), "maxTurns must be >= 1, was 0"),
                refused("maxTokens", b -> b.maxTokens(0L), "maxTokens must be >= 1, was 0"),
                refused("maxCostUsd", b -> b.maxCostUsd(-1.0), "maxCostUsd must be a positive amount of US dollars"),
                refused("timeout", b -> b.timeout(Duration.ofSeconds(-1)), "timeout must be positive"),
                refused("maxOutputTokens", b -> b.maxOutputTokens(0), "maxOutputTokens must be >= 1, was 0"),
                refused("maxConsecutiveErrors", b -> b.maxConsecutiveErrors(0), "maxConsecutiveErrors must be >= 1"),
                refused("removeVariables", b -> b.removeVariables(List.of("A=B")), "removeVariables has an invalid "
                        + "variable name 'A=B'; accepted: "));
    }

    private static Arguments refused(String parameter, UnaryOperator<ImplementationRequest.Builder> change,
                                     String message) {
        return Arguments.of(parameter, change, message);
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("refusedParameters")
    void shouldRefuseABadValueNamingItsParameter(String parameter, UnaryOperator<ImplementationRequest.Builder> change,
                                                 String message) {
        // given
        ImplementationRequest.Builder builder = change.apply(replayRequest());

        // when / then
        assertThatThrownBy(builder::build).isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith(message)
                .satisfies(e -> assertThat(((InvalidRequestException) e).parameter()).hasValue(parameter));
    }

    @Test
    void shouldDocumentEveryParameterInImplementMd() throws IOException {
        // given
        String docs = Files.readString(Path.of("..", "docs", "implement.md"), StandardCharsets.UTF_8);
        String parameters = docs.substring(docs.indexOf("## Parameters"), docs.indexOf("## Tools"));

        // then: one name in the engine and the docs
        for (Method method : ImplementationRequest.Builder.class.getDeclaredMethods()) {
            if (Modifier.isPublic(method.getModifiers()) && !method.getName().equals("build")) {
                assertThat(parameters).as("docs/implement.md names %s", method.getName())
                        .contains("`" + method.getName() + "`");
            }
        }
    }

    /** A request playing a script that rewrites notes.txt and finishes, priced as gpt-4.1-mini. */
    private static ImplementationRequest.Builder replayRequest() {
        String script = Stream.of(
                "{\"toolCalls\": [{\"name\": \"write_file\", \"arguments\": {\"path\": \"notes.txt\", "
                        + "\"content\": \"new\\n\"}}], \"usage\": {\"inputTokens\": 60, \"outputTokens\": 5}}",
                "{\"toolCalls\": [{\"name\": \"finish\", \"arguments\": {\"summary\": \"rewrote notes\"}}], "
                        + "\"usage\": {\"inputTokens\": 40, \"outputTokens\": 5}}")
                .collect(Collectors.joining(", ", "{\"model\": \"gpt-4.1-mini\", \"turns\": [", "]}"));
        return ImplementationRequest.builder().intent("Rewrite the notes").replay(script, "script.json");
    }
}
