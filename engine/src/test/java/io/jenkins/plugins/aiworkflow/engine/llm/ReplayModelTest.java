package io.jenkins.plugins.aiworkflow.engine.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scripted session from a JSON file: turns in order, expectations checked, clear failures naming the turn. */
class ReplayModelTest {
    private static final String SCRIPT = """
            {
              "model": "gpt-4.1",
              "turns": [
                {
                  "expect": {"lastMessageContains": "failing test"},
                  "text": "Let me look.",
                  "toolCalls": [{"id": "call_1", "name": "read_file", "arguments": {"path": "src/Calc.java"}}],
                  "usage": {"inputTokens": 1200, "outputTokens": 40, "cachedInputTokens": 1024}
                },
                {
                  "expect": {"toolResultContains": "return a - b;"},
                  "toolCalls": [{"name": "edit_file", "arguments": "{\\"path\\": \\"src/Calc.java\\", "}]
                },
                {
                  "text": "Fixed the sign.",
                  "finishReason": "stop"
                }
              ]
            }
            """;

    @TempDir
    Path dir;

    private static ModelRequest request(Message... messages) {
        return ModelRequest.of(List.of(messages), List.of());
    }

    @Test
    void shouldPlayTheTurnsOfAFileInOrder() throws IOException {
        // given
        Path file = dir.resolve("session.json");
        Files.writeString(file, SCRIPT, StandardCharsets.UTF_8);
        ReplayModel model = ReplayModel.fromFile(file);
        UserMessage intent = new UserMessage("Fix the failing test.");

        // when
        ModelResponse first = model.complete(request(intent));
        ModelResponse second = model.complete(request(intent, first.message(),
                new ToolResultMessage("call_1", "read_file", "int sub(int a, int b) { return a - b; }")));
        ModelResponse third = model.complete(request(intent, second.message(),
                new ToolResultMessage("call_2_1", "edit_file", "error: invalid JSON")));

        // then
        assertThat(first.message()).isEqualTo(new AssistantMessage("Let me look.",
                List.of(new ToolCall("call_1", "read_file", "{\"path\":\"src/Calc.java\"}"))));
        assertThat(first.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(first.usage()).isEqualTo(new Usage(1200, 40, 1024, 0));
        assertThat(first.modelId()).isEqualTo("gpt-4.1");
        assertThat(second.message().toolCalls()).as("a string is kept raw, even when it is not valid JSON")
                .containsExactly(new ToolCall("call_2_1", "edit_file", "{\"path\": \"src/Calc.java\", "));
        assertThat(third.message().text()).isEqualTo("Fixed the sign.");
        assertThat(third.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(third.usage()).isEqualTo(Usage.ZERO);
        assertThat(model.remainingTurns()).isZero();
        assertThat(model.describe()).contains("session.json", "3 turns");
    }

    @Test
    void shouldTellTheScriptsModelIdBeforeAnyCallAndDefaultToReplay() {
        // when
        ReplayModel named = ReplayModel.fromJson(SCRIPT, "session.json");
        ReplayModel unnamed = ReplayModel.fromJson("{\"turns\": []}", "unnamed.json");

        // then
        assertThat(named.modelId()).isEqualTo("gpt-4.1");
        assertThat(named.remainingTurns()).as("telling the id plays no turn").isEqualTo(3);
        assertThat(unnamed.modelId()).isEqualTo("replay");
    }

    @Test
    void shouldAnswerARequestWithATimeLimitLikeAnyOther() {
        // given: a replay answers at once, so the run's wall time left never cuts it
        ReplayModel model = ReplayModel.fromJson("{\"turns\": [{\"text\": \"done\"}]}", "inline.json");

        // when
        ModelResponse response = model.complete(request(new UserMessage("Go.")).withTimeLeft(Duration.ofMillis(1)));

        // then
        assertThat(response.message().text()).isEqualTo("done");
    }

    @Test
    void shouldFailNamingTheTurnWhenTheRequestDoesNotMatch() {
        // given
        ReplayModel model = ReplayModel.fromJson(SCRIPT, "session.json");
        ModelResponse first = model.complete(request(new UserMessage("Fix the failing test.")));

        // when
        ModelException failure = catchThrowableOfType(ModelException.class, () -> model.complete(request(
                new UserMessage("Fix the failing test."), first.message(),
                new ToolResultMessage("call_1", "read_file", "no such file: src/Calc.java"))));

        // then
        assertThat(failure.kind()).isEqualTo(ModelException.Kind.BAD_REQUEST);
        assertThat(failure.getMessage()).contains("session.json", "turn 2",
                "a tool result after the last assistant message to contain \"return a - b;\"",
                "read_file: no such file: src/Calc.java");
        assertThat(model.remainingTurns()).as("the turn was not used up").isEqualTo(2);
    }

    @Test
    void shouldFailNamingTheMissingTurnWhenTheScriptRunsOut() {
        // given
        ReplayModel model = ReplayModel.fromJson("{\"turns\": [{\"text\": \"only one\"}]}", "short.json");
        model.complete(request(new UserMessage("first")));

        // when
        ModelException failure = catchThrowableOfType(ModelException.class,
                () -> model.complete(request(new UserMessage("second"))));

        // then
        assertThat(failure.getMessage()).contains("short.json", "no turn 2 (it has 1)",
                "called once more than scripted", "Last message: second");
    }

    @Test
    void shouldBeCancelledLikeARealModelWhenTheCallerIsInterrupted() {
        // given
        ReplayModel model = ReplayModel.fromJson("{\"turns\": [{\"text\": \"a\"}]}", "one.json");
        Thread.currentThread().interrupt();

        // when
        ModelException failure;
        try {
            failure = catchThrowableOfType(ModelException.class, () -> model.complete(request(new UserMessage("x"))));
        } finally {
            assertThat(Thread.interrupted()).as("the interrupt flag is kept").isTrue();
        }

        // then
        assertThat(failure.kind()).isEqualTo(ModelException.Kind.CANCELLED);
        assertThat(model.remainingTurns()).isEqualTo(1);
    }

    @Test
    void shouldRefuseAnUnknownFieldNamingTheTurn() {
        // when / then
        assertThatThrownBy(() -> ReplayModel.fromJson("{\"turns\": [{\"text\": \"a\"}, {\"tool_calls\": []}]}",
                "typo.json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("replay script typo.json, turn 2: unknown field \"tool_calls\"")
                .hasMessageContaining("toolCalls");
    }

    @Test
    void shouldRefuseAnUnknownFinishReason() {
        // when / then
        assertThatThrownBy(() -> ReplayModel.fromJson("{\"turns\": [{\"finishReason\": \"done\"}]}", "f.json"))
                .hasMessageContaining("turn 1: finishReason 'done' is not accepted");
    }

    @Test
    void shouldPlayTheExampleOfTheDocumentation() throws IOException {
        // given: the example in docs/models.md, so that the documentation stays true
        String docs = Files.readString(Path.of("..", "docs", "models.md"), StandardCharsets.UTF_8);
        Matcher example = Pattern.compile("<!-- replay-example -->\\s*```json\\n(.*?)```", Pattern.DOTALL)
                .matcher(docs);
        assertThat(example.find()).as("docs/models.md has a replay example").isTrue();
        ReplayModel model = ReplayModel.fromJson(example.group(1), "docs/models.md");

        // when
        ModelResponse first = model.complete(request(new UserMessage("Make the failing test in CalculatorTest pass.")));

        // then
        assertThat(first.message().toolCalls()).isNotEmpty();
        assertThat(model.remainingTurns()).isPositive();
    }
}
