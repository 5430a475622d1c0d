package io.jenkins.plugins.aiworkflow.cli;

import static io.jenkins.plugins.aiworkflow.cli.SmallProject.CALCULATOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer;
import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer.Fault;
import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer.RecordedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every model path of the engine, run from the packaged {@code aiwf.jar}: Chat Completions and the
 * Responses API, each with and without streaming, Azure and a keyless compatible server, retries,
 * and the mapping of HTTP errors, error events and unreadable answers. The jar bundles only a
 * whitelist of openai-java-core's packages (openai-trimmed/pom.xml); a class left out would end such a run with a
 * NoClassDefFoundError (exit code 3, a stack trace on stderr), so every test also checks that
 * stderr stays empty. The server records each request, which shows that the SDK really made it.
 */
class AiwfModelPathsIT {
    private static final String KEY = "sk-test-paths-31b7";
    /** The size budget of aiwf.jar (issue: "at most 25 MB"), in bytes. */
    private static final long MAX_JAR_BYTES = 25_000_000;

    @TempDir
    Path project;

    @TempDir
    Path streams;

    ScriptedModelServer server;
    AiwfProcess aiwf;

    @BeforeEach
    void setUp() throws IOException {
        SmallProject.create(project);
        server = ScriptedModelServer.start();
        aiwf = new AiwfProcess(project, streams);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private AiwfProcess.Result implement(String api, boolean stream, String... options)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("implement", "--intent", "Fix Calculator.add",
                "--model", "gpt-4.1-mini", "--base-url", server.baseUrl(), "--api", api,
                stream ? "--stream" : "--no-stream"));
        args.addAll(List.of(options));
        return aiwf.run(Map.of("OPENAI_API_KEY", KEY), args.toArray(String[]::new));
    }

    private static String endpoint(String api) {
        return api.equals("chat") ? "/v1/chat/completions" : "/v1/responses";
    }

    @ParameterizedTest(name = "{0}, stream {1}")
    @CsvSource({"chat, false", "chat, true", "responses, false", "responses, true"})
    void shouldFixTheProjectThroughEachApiAndMode(String api, boolean stream) throws Exception {
        // given
        server.enqueue(SmallProject.fixTurns());

        // when
        AiwfProcess.Result result = implement(api, stream);

        // then
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
        assertThat(result.err()).isEmpty();
        assertThat(project.resolve(CALCULATOR)).content().contains(SmallProject.FIXED_LINE);
        assertThat(result.out()).contains("(" + (api.equals("chat") ? "chat completions" : "responses API")
                        + (stream ? ", streaming" : "") + ")")
                .contains("Usage: 3 turn(s), 3360 tokens (3300 in, 2100 cached, 60 out, 0 reasoning)");
        assertThat(server.requests()).hasSize(3).allSatisfy(request -> {
            assertThat(request.path()).isEqualTo(endpoint(api));
            assertThat(request.json().path("stream").asBoolean(false)).isEqualTo(stream);
            assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
        });
    }

    @ParameterizedTest(name = "{0}, stream {1}")
    @CsvSource({"chat, false", "chat, true", "responses, false", "responses, true"})
    void shouldRetryAfter500And429AndThenSucceed(String api, boolean stream) throws Exception {
        // given
        server.enqueue(Fault.status(500, "try again"), Fault.rateLimited("1"));
        server.enqueue(SmallProject.fixTurns());

        // when
        AiwfProcess.Result result = implement(api, stream, "--max-retries", "2");

        // then
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).contains("HTTP 500; retrying in ").contains("HTTP 429; retrying in ")
                .contains("(attempt 3 of 3)").contains("Status: CHANGED");
        assertThat(server.requests()).hasSize(5);
    }

    @ParameterizedTest(name = "{0}, stream {1}, HTTP {2}")
    @CsvSource({"chat, false, 500", "chat, true, 500", "responses, false, 500", "responses, true, 500",
        "chat, false, 429", "responses, true, 429", "chat, true, 400", "responses, false, 404"})
    void shouldStopWithTheHttpErrorAndExitFive(String api, boolean stream, int status) throws Exception {
        // given
        server.enqueue(Fault.status(status, "scripted failure " + status));

        // when
        AiwfProcess.Result result = implement(api, stream, "--max-retries", "0");

        // then
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(5);
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).contains("Status: ERROR (MODEL_ERROR: the model call of turn 1 failed: ")
                .contains("HTTP " + status + " after 1 attempt: scripted failure " + status);
        assertThat(server.requests()).singleElement().extracting(RecordedRequest::path).isEqualTo(endpoint(api));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"chat", "responses"})
    void shouldStopOnAnErrorEventInsideTheStream(String api) throws Exception {
        // given
        server.enqueue(Fault.streamError("the model crashed mid-answer"));

        // when
        AiwfProcess.Result result = implement(api, true, "--max-retries", "0");

        // then
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(5);
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).contains("Status: ERROR (MODEL_ERROR: ").contains("the model crashed mid-answer");
    }

    @ParameterizedTest(name = "{0}, stream {1}")
    @CsvSource({"chat, false", "responses, false", "chat, true"})
    void shouldStopOnAnAnswerThatCannotBeRead(String api, boolean stream) throws Exception {
        // given
        server.enqueue(Fault.malformedJson());

        // when
        AiwfProcess.Result result = implement(api, stream, "--max-retries", "0");

        // then
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(5);
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).contains("Status: ERROR (MODEL_ERROR: ").contains("the answer could not be read");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"chat, '', /openai/deployments/my-deployment/chat/completions",
        "responses, /openai/v1, /openai/v1/responses"})
    void shouldCallAzureWithTheApiKeyHeader(String api, String route, String path) throws Exception {
        // given
        server.enqueue(SmallProject.fixTurns());

        // when
        AiwfProcess.Result result = aiwf.run(Map.of("AZURE_OPENAI_API_KEY", KEY), "implement",
                "--intent", "Fix Calculator.add", "--provider", "azure", "--base-url", server.rootUrl() + route,
                "--model", "my-deployment", "--api", api, "--azure-api-version", "2024-10-21");

        // then
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).contains("Azure OpenAI deployment my-deployment")
                .contains("cost unknown");
        assertThat(server.requests()).hasSize(3).allSatisfy(request -> {
            assertThat(request.path()).isEqualTo(path);
            assertThat(request.header("api-key")).isEqualTo(KEY);
            assertThat(request.header("Authorization")).isNull();
        });
        assertThat(server.requests().get(0).query()).contains("api-version=2024-10-21");
    }

    @Test
    void shouldCallACompatibleServerWithoutAKey() throws Exception {
        // given
        server.enqueue(SmallProject.fixTurns());

        // when
        AiwfProcess.Result result = aiwf.run(Map.of(), "implement", "--intent", "Fix Calculator.add",
                "--provider", "compatible", "--base-url", server.baseUrl(), "--model", "llama3.1");

        // then
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).contains("with model llama3.1 (chat completions) at " + server.baseUrl())
                .contains("cost unknown");
        assertThat(server.requests()).hasSize(3)
                .allSatisfy(request -> assertThat(request.header("Authorization")).isNull());
    }

    @Test
    void shouldKeepThePackagedJarWithinItsSizeBudget() throws IOException {
        // when
        long size = Files.size(Path.of(System.getProperty("aiwf.jar")));

        // then
        assertThat(size).as("aiwf.jar size in bytes").isLessThanOrEqualTo(MAX_JAR_BYTES);
    }
}
