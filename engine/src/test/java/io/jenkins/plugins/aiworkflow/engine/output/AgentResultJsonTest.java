package io.jenkins.plugins.aiworkflow.engine.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.aiworkflow.engine.agent.AgentResult;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON result of an implementation (docs/cli.md, "JSON result"): every documented field, redacted. */
class AgentResultJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldWriteEveryDocumentedFieldWithTheSecretsMasked() throws IOException {
        // given
        AgentResult result = AgentResults.limited();

        // when
        JsonNode json = JSON.readTree(AgentResultJson.toJson(result, "model m at http://127.0.0.1",
                AgentResults.REDACTOR));

        // then
        assertThat(json.path("schemaVersion").asInt()).isEqualTo(AgentResultJson.SCHEMA_VERSION).isEqualTo(1);
        assertThat(json.path("kind").asText()).isEqualTo("implementation");
        assertThat(json.path("status").asText()).isEqualTo("LIMIT");
        assertThat(json.path("stopReason").path("kind").asText()).isEqualTo("LIMIT");
        assertThat(json.path("stopReason").path("message").asText()).startsWith("maxTokens reached");
        assertThat(json.path("stopReason").path("limit").asText()).isEqualTo("TOKENS");
        assertThat(json.path("summary").asText()).isEmpty();
        assertThat(json.path("changedFiles")).hasSize(2);
        assertThat(json.path("changedFiles").get(1).path("path").asText()).isEqualTo("NEW.md");
        assertThat(json.path("changedFiles").get(1).path("kind").asText()).isEqualTo("CREATED");
        assertThat(json.path("diff").asText()).contains("-****\n").doesNotContain(AgentResults.SECRET);
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
        assertThat(json.path("policyNotes")).hasSize(1);
        assertThat(json.path("policyNotes").get(0).asText()).contains("changed 1 file the agent may not change")
                .contains("****.txt").doesNotContain(AgentResults.SECRET);
    }

    @Test
    void shouldLeaveOutTheLimitWhenTheRunDidNotStopAtOne() throws IOException {
        // when
        JsonNode json = JSON.readTree(AgentResultJson.toJson(AgentResults.changed("done", List.of(), ""), "m",
                AgentResults.REDACTOR));

        // then
        assertThat(json.path("stopReason").has("limit")).isFalse();
        assertThat(json.path("policyNotes").isArray()).isTrue();
        assertThat(json.path("policyNotes")).isEmpty();
    }

    @Test
    void shouldKeepTheDocumentedFieldOrder() throws IOException {
        // when
        JsonNode json = JSON.readTree(AgentResultJson.toJson(AgentResults.limited(), "m", AgentResults.REDACTOR));

        // then
        assertThat(json.fieldNames()).toIterable().containsExactly("schemaVersion", "kind", "status", "stopReason",
                "summary", "changedFiles", "diff", "usage", "turns", "model", "contextNotes", "policyNotes");
    }

    @Test
    void shouldRoundTheCostToTenDecimalsAndEndWithANewline() {
        // given
        AgentResult result = AgentResults.changed("ok", List.of(), "");

        // when
        String json = AgentResultJson.toJson(result, "m", text -> text);

        // then
        assertThat(json).contains("\"cost\" : 0.0027112,").endsWith("}\n");
    }
}
