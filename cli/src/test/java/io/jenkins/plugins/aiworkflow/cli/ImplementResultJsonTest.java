package io.jenkins.plugins.aiworkflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.aiworkflow.engine.agent.AgentResult;
import io.jenkins.plugins.aiworkflow.engine.agent.AgentStatus;
import io.jenkins.plugins.aiworkflow.engine.agent.StopReason;
import io.jenkins.plugins.aiworkflow.engine.context.ContextNote;
import io.jenkins.plugins.aiworkflow.engine.context.ContextSection;
import io.jenkins.plugins.aiworkflow.engine.ledger.Totals;
import io.jenkins.plugins.aiworkflow.engine.llm.Cost;
import io.jenkins.plugins.aiworkflow.engine.llm.Usage;
import io.jenkins.plugins.aiworkflow.engine.workspace.FileChange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON result of {@code aiwf implement --json}: every documented field, redacted. */
class ImplementResultJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldWriteEveryDocumentedFieldWithTheSecretsMasked() throws IOException {
        // given
        AgentResult result = new AgentResult(AgentStatus.LIMIT,
                new StopReason(StopReason.Kind.LIMIT, "maxTokens reached: 5000 tokens used, the limit is 4000"),
                "", List.of(new FileChange("src/A.java", FileChange.Kind.MODIFIED),
                        new FileChange("NEW.md", FileChange.Kind.CREATED)),
                "--- a/src/A.java\n+++ b/src/A.java\n-secret-123\n+x\n",
                new Totals(3, new Usage(4000, 1000, 2500, 200), Cost.UNKNOWN, Duration.ofMillis(1500),
                        Duration.ofMillis(400)),
                3, List.of(new ContextNote(ContextNote.Kind.TOO_LARGE, ContextSection.Kind.CONTEXT_FILE, "big.bin",
                        "big.bin is larger than 1048576 bytes; not read")));

        // when
        JsonNode json = JSON.readTree(write(result));

        // then
        assertThat(json.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.path("kind").asText()).isEqualTo("implementation");
        assertThat(json.path("status").asText()).isEqualTo("LIMIT");
        assertThat(json.path("stopReason").path("kind").asText()).isEqualTo("LIMIT");
        assertThat(json.path("stopReason").path("message").asText()).startsWith("maxTokens reached");
        assertThat(json.path("summary").asText()).isEmpty();
        assertThat(json.path("changedFiles")).hasSize(2);
        assertThat(json.path("changedFiles").get(1).path("path").asText()).isEqualTo("NEW.md");
        assertThat(json.path("changedFiles").get(1).path("kind").asText()).isEqualTo("CREATED");
        assertThat(json.path("diff").asText()).contains("-****\n").doesNotContain("secret-123");
        JsonNode usage = json.path("usage");
        assertThat(usage.path("inputTokens").asLong()).isEqualTo(4000);
        assertThat(usage.path("cachedInputTokens").asLong()).isEqualTo(2500);
        assertThat(usage.path("outputTokens").asLong()).isEqualTo(1000);
        assertThat(usage.path("reasoningTokens").asLong()).isEqualTo(200);
        assertThat(usage.path("totalTokens").asLong()).isEqualTo(5000);
        assertThat(usage.path("cost").asDouble()).isZero();
        assertThat(usage.path("costKnown").asBoolean()).isFalse();
        assertThat(usage.path("calls").asInt()).isEqualTo(3);
        assertThat(usage.path("latencyMillis").asLong()).isEqualTo(1500);
        assertThat(usage.path("waitedMillis").asLong()).isEqualTo(400);
        assertThat(json.path("turns").asInt()).isEqualTo(3);
        assertThat(json.path("model").asText()).isEqualTo("model m at http://127.0.0.1");
        JsonNode note = json.path("contextNotes").get(0);
        assertThat(note.path("kind").asText()).isEqualTo("TOO_LARGE");
        assertThat(note.path("section").asText()).isEqualTo("CONTEXT_FILE");
        assertThat(note.path("path").asText()).isEqualTo("big.bin");
        assertThat(note.path("message").asText()).contains("not read");
    }

    @Test
    void shouldRoundTheCostToTenDecimalsAndEndWithANewline() throws IOException {
        // given
        AgentResult result = new AgentResult(AgentStatus.CHANGED, new StopReason(StopReason.Kind.FINISHED, "done"),
                "ok", List.of(), "", new Totals(1, new Usage(1, 1, 0, 0), Cost.usd(0.0027111999999999995),
                        Duration.ZERO, Duration.ZERO), 1, List.of());

        // when
        String json = write(result);

        // then
        assertThat(json).contains("\"cost\" : 0.0027112,").endsWith("}\n");
    }

    private static String write(AgentResult result) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImplementResultJson.write(result, "model m at http://127.0.0.1",
                text -> text.replace("secret-123", "****"), out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
