package io.jenkins.plugins.aiworkflow.engine.refine;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.jenkins.plugins.aiworkflow.engine.ledger.Totals;
import io.jenkins.plugins.aiworkflow.engine.validate.Reason;
import io.jenkins.plugins.aiworkflow.engine.workspace.FileChange;
import io.jenkins.plugins.aiworkflow.engine.workspace.RestoreResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Writes a {@link RefineResult} as the run JSON of a refine run ({@code "kind": "refine"}; schema in
 * docs/refine.md#the-run-json): the outcome and stop rule, every iteration with its agent part, validation and
 * diff, usage, cost and durations, what was kept, and a recovered interrupted run. Field order is fixed and fields
 * are only ever added within {@value #SCHEMA_VERSION}. Every string passes through the redactor. A partial result
 * (from {@link RefineListener#iterationFinished}) is written the same way, with {@code "finished": false}.
 * In the {@code refine} package so that the loop's own types need nothing of {@code output}.
 */
public final class RefineRunJson {
    /** Raised only for changes that remove or change the meaning of a field. */
    public static final int SCHEMA_VERSION = 1;

    private static final int COST_DECIMALS = 10;
    private static final JsonFactory FACTORY = new JsonFactory();

    private RefineRunJson() {
    }

    /** The run JSON as a string. */
    public static String toJson(RefineResult result, UnaryOperator<String> redactor) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(result, redactor, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Writes the run JSON to a stream that stays open; ends with a newline.
     *
     * @param redactor masks secrets in every string written ({@link RefineRequest#redact})
     */
    public static void write(RefineResult result, UnaryOperator<String> redactor, OutputStream out) {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(redactor, "redactor");
        try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            json.useDefaultPrettyPrinter();
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            json.writeNumberField("schemaVersion", SCHEMA_VERSION);
            json.writeStringField("kind", "refine");
            json.writeBooleanField("finished", result.finished());
            nullableString(json, "outcome", result.outcome() == null ? null : result.outcome().name());
            nullableString(json, "stopRule", result.stopRule() == null ? null : result.stopRule().name());
            json.writeStringField("message", redactor.apply(result.message()));
            json.writeStringField("model", redactor.apply(result.model()));
            json.writeNumberField("maxIterations", result.maxIterations());
            json.writeStringField("started", instant(result.started()));
            json.writeNumberField("durationMillis", result.duration().toMillis());
            writeUsage(json, "usage", result.usage());
            writeKept(json, result.kept(), redactor);
            writeRecovery(json, result.recovery(), redactor);
            json.writeArrayFieldStart("iterations");
            for (IterationRecord iteration : result.iterations()) {
                writeIteration(json, iteration, redactor);
            }
            json.writeEndArray();
            json.writeEndObject();
            json.flush();
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the refine run JSON: " + e.getMessage(), e);
        }
    }

    private static void writeIteration(JsonGenerator json, IterationRecord iteration, UnaryOperator<String> redactor)
            throws IOException {
        json.writeStartObject();
        json.writeNumberField("number", iteration.number());
        json.writeStringField("started", instant(iteration.started()));
        json.writeNumberField("durationMillis", iteration.duration().toMillis());
        json.writeBooleanField("passed", iteration.passed());
        IterationRecord.AgentPart agent = iteration.agent();
        if (agent == null) {
            json.writeNullField("agent");
        } else {
            json.writeObjectFieldStart("agent");
            json.writeStringField("status", agent.status().name());
            json.writeObjectFieldStart("stopReason");
            json.writeStringField("kind", agent.stopReason().kind().name());
            json.writeStringField("message", redactor.apply(agent.stopReason().message()));
            json.writeEndObject();
            json.writeStringField("summary", redactor.apply(agent.summary()));
            json.writeNumberField("turns", agent.turns());
            writeUsage(json, "usage", agent.usage());
            writeChanges(json, "changedFiles", agent.changedFiles(), redactor);
            json.writeEndObject();
        }
        IterationRecord.ValidationPart validation = iteration.validation();
        if (validation == null) {
            json.writeNullField("validation");
        } else {
            json.writeObjectFieldStart("validation");
            json.writeStringField("verdict", validation.verdict().name());
            json.writeArrayFieldStart("reasons");
            for (Reason reason : validation.reasons()) {
                json.writeStartObject();
                json.writeStringField("condition", reason.condition().name());
                json.writeBooleanField("tamperGuard", reason.condition().isTamperGuard());
                json.writeStringField("message", redactor.apply(reason.message()));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeObjectFieldStart("tests");
            json.writeNumberField("total", validation.counts().tests());
            json.writeNumberField("passed", validation.counts().passed());
            json.writeNumberField("failed", validation.counts().failures());
            json.writeNumberField("errors", validation.counts().errors());
            json.writeNumberField("skipped", validation.counts().skipped());
            json.writeEndObject();
            if (validation.exitCode() == null) {
                json.writeNullField("exitCode");
            } else {
                json.writeNumberField("exitCode", validation.exitCode());
            }
            json.writeBooleanField("timeLimitReached", validation.timeLimitReached());
            strings(json, "failingTests", validation.failingTests(), redactor);
            json.writeNumberField("failingNotListed", validation.failingNotListed());
            strings(json, "newFailures", validation.newFailures(), redactor);
            strings(json, "flakyTests", validation.flakyTests(), redactor);
            json.writeNumberField("reruns", validation.reruns());
            json.writeEndObject();
        }
        IterationRecord.DiffPart diff = iteration.diff();
        if (diff == null) {
            json.writeNullField("diff");
        } else {
            json.writeObjectFieldStart("diff");
            writeChanges(json, "files", diff.files(), redactor);
            json.writeNumberField("linesAdded", diff.linesAdded());
            json.writeNumberField("linesRemoved", diff.linesRemoved());
            json.writeBooleanField("truncated", diff.truncated());
            json.writeStringField("unifiedDiff", redactor.apply(diff.unifiedDiff()));
            json.writeEndObject();
        }
        json.writeNumberField("feedbackTokens", iteration.feedbackTokens());
        json.writeEndObject();
    }

    private static void writeKept(JsonGenerator json, RefineResult.Kept kept, UnaryOperator<String> redactor)
            throws IOException {
        if (kept == null) {
            json.writeNullField("kept");
            return;
        }
        json.writeObjectFieldStart("kept");
        json.writeStringField("keep", kept.keep().name());
        json.writeNumberField("iteration", kept.iteration());
        json.writeBooleanField("restored", kept.restored());
        writeChanges(json, "restoredFiles", kept.restore() == null ? List.of() : kept.restore().restored(), redactor);
        writeFailures(json, kept.restoreFailures(), redactor);
        json.writeStringField("message", redactor.apply(kept.message()));
        json.writeEndObject();
    }

    private static void writeRecovery(JsonGenerator json, RefineResult.Recovery recovery,
                                      UnaryOperator<String> redactor) throws IOException {
        if (recovery == null) {
            json.writeNullField("recovery");
            return;
        }
        json.writeObjectFieldStart("recovery");
        nullableString(json, "runStarted", recovery.runStarted() == null ? null : instant(recovery.runStarted()));
        json.writeStringField("action", recovery.action().name());
        writeChanges(json, "restoredFiles", recovery.restored(), redactor);
        writeFailures(json, recovery.failed(), redactor);
        json.writeStringField("message", redactor.apply(recovery.message()));
        json.writeEndObject();
    }

    private static void writeFailures(JsonGenerator json, List<RestoreResult.Failure> failures,
                                      UnaryOperator<String> redactor) throws IOException {
        json.writeArrayFieldStart("restoreFailures");
        for (RestoreResult.Failure failure : failures) {
            json.writeStartObject();
            json.writeStringField("path", redactor.apply(failure.path()));
            json.writeStringField("reason", redactor.apply(failure.reason()));
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeChanges(JsonGenerator json, String field, List<FileChange> changes,
                                     UnaryOperator<String> redactor) throws IOException {
        json.writeArrayFieldStart(field);
        for (FileChange change : changes) {
            json.writeStartObject();
            json.writeStringField("path", redactor.apply(change.path()));
            json.writeStringField("change", change.kind().name());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeUsage(JsonGenerator json, String field, Totals totals) throws IOException {
        json.writeObjectFieldStart(field);
        json.writeNumberField("calls", totals.calls());
        json.writeNumberField("inputTokens", totals.usage().inputTokens());
        json.writeNumberField("cachedInputTokens", totals.usage().cachedInputTokens());
        json.writeNumberField("outputTokens", totals.usage().outputTokens());
        json.writeNumberField("reasoningTokens", totals.usage().reasoningTokens());
        json.writeNumberField("totalTokens", totals.usage().totalTokens());
        json.writeNumberField("costUsd", BigDecimal.valueOf(totals.cost().usd())
                .setScale(COST_DECIMALS, RoundingMode.HALF_UP).stripTrailingZeros());
        json.writeBooleanField("costKnown", totals.cost().known());
        json.writeNumberField("latencyMillis", totals.latency().toMillis());
        json.writeEndObject();
    }

    private static void strings(JsonGenerator json, String field, List<String> values, UnaryOperator<String> redactor)
            throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : values) {
            json.writeString(redactor.apply(value));
        }
        json.writeEndArray();
    }

    private static void nullableString(JsonGenerator json, String field, String value) throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else {
            json.writeStringField(field, value);
        }
    }

    private static String instant(Instant instant) {
        return instant.toString();
    }
}
