package io.jenkins.plugins.aiworkflow.engine.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.jenkins.plugins.aiworkflow.engine.agent.AgentResult;
import io.jenkins.plugins.aiworkflow.engine.context.ContextNote;
import io.jenkins.plugins.aiworkflow.engine.ledger.Totals;
import io.jenkins.plugins.aiworkflow.engine.workspace.FileChange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Writes an {@link AgentResult} as the documented JSON result of an implementation
 * (docs/cli.md, "JSON result"; {@code "kind": "implementation"}). Field order is fixed and fields
 * are only ever added within {@value #SCHEMA_VERSION}. Every string passes through the redactor,
 * so a secret such as the API key cannot reach the file.
 */
public final class AgentResultJson {
    /** Raised only for changes that remove or change the meaning of a field. */
    public static final int SCHEMA_VERSION = 1;

    private static final int COST_DECIMALS = 10;
    private static final JsonFactory FACTORY = new JsonFactory();

    private AgentResultJson() {
    }

    /**
     * @param model    the model's description, as the run's log named it
     * @param redactor masks secrets in every string written
     */
    public static String toJson(AgentResult result, String model, UnaryOperator<String> redactor) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(result, model, redactor, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Like {@link #toJson}, to a stream that stays open; ends with a newline. */
    public static void write(AgentResult result, String model, UnaryOperator<String> redactor, OutputStream out) {
        Objects.requireNonNull(redactor, "redactor");
        try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            json.useDefaultPrettyPrinter();
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            json.writeNumberField("schemaVersion", SCHEMA_VERSION);
            json.writeStringField("kind", "implementation");
            json.writeStringField("status", result.status().name());
            json.writeObjectFieldStart("stopReason");
            json.writeStringField("kind", result.stopReason().kind().name());
            json.writeStringField("message", redactor.apply(result.stopReason().message()));
            if (result.stopReason().limitReached().isPresent()) {
                json.writeStringField("limit", result.stopReason().limitReached().get().name());
            }
            json.writeEndObject();
            json.writeStringField("summary", redactor.apply(result.summary()));
            json.writeArrayFieldStart("changedFiles");
            for (FileChange change : result.changedFiles()) {
                json.writeStartObject();
                json.writeStringField("path", redactor.apply(change.path()));
                json.writeStringField("kind", change.kind().name());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeStringField("diff", redactor.apply(result.diff()));
            writeUsage(json, result.usage());
            json.writeNumberField("turns", result.turns());
            json.writeStringField("model", redactor.apply(model));
            json.writeArrayFieldStart("contextNotes");
            for (ContextNote note : result.contextNotes()) {
                json.writeStartObject();
                json.writeStringField("kind", note.kind().name());
                json.writeStringField("section", note.section().name());
                if (note.path() != null) {
                    json.writeStringField("path", redactor.apply(note.path()));
                }
                json.writeStringField("message", redactor.apply(note.message()));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("policyNotes");
            for (String note : result.policyNotes()) {
                json.writeString(redactor.apply(note));
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the JSON result: " + e.getMessage(), e);
        }
    }

    private static void writeUsage(JsonGenerator json, Totals totals) throws IOException {
        json.writeObjectFieldStart("usage");
        json.writeNumberField("inputTokens", totals.usage().inputTokens());
        json.writeNumberField("cachedInputTokens", totals.usage().cachedInputTokens());
        json.writeNumberField("outputTokens", totals.usage().outputTokens());
        json.writeNumberField("reasoningTokens", totals.usage().reasoningTokens());
        json.writeNumberField("totalTokens", totals.usage().totalTokens());
        // US dollars; far below a token's price, the rest is floating-point noise
        json.writeNumberField("cost", BigDecimal.valueOf(totals.cost().usd()).setScale(COST_DECIMALS, RoundingMode.HALF_UP)
                .stripTrailingZeros());
        json.writeBooleanField("costKnown", totals.cost().known());
        json.writeNumberField("calls", totals.calls());
        json.writeNumberField("latencyMillis", totals.latency().toMillis());
        json.writeNumberField("waitedMillis", totals.waited().toMillis());
        json.writeEndObject();
    }
}
