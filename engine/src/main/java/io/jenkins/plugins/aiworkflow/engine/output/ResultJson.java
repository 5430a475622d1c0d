package io.jenkins.plugins.aiworkflow.engine.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.jenkins.plugins.aiworkflow.engine.report.ReportProblem;
import io.jenkins.plugins.aiworkflow.engine.report.SuiteSummary;
import io.jenkins.plugins.aiworkflow.engine.report.TestCaseResult;
import io.jenkins.plugins.aiworkflow.engine.report.TestCounts;
import io.jenkins.plugins.aiworkflow.engine.report.TestProblem;
import io.jenkins.plugins.aiworkflow.engine.validate.QualityGate;
import io.jenkins.plugins.aiworkflow.engine.validate.Reason;
import io.jenkins.plugins.aiworkflow.engine.validate.ValidationResult;
import io.jenkins.plugins.aiworkflow.engine.workspace.CommandResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a {@link ValidationResult} as the documented JSON result (docs/json-result.md).
 * Field order is fixed and fields are only ever added, so {@value #SCHEMA_VERSION} stays
 * readable by every consumer, including {@link io.jenkins.plugins.aiworkflow.engine.validate.Baseline}.
 */
public final class ResultJson {
    /** Raised only for changes that remove or change the meaning of a field. */
    public static final int SCHEMA_VERSION = 1;

    private static final JsonFactory FACTORY = new JsonFactory();

    private ResultJson() {
    }

    public static String toJson(ValidationResult result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(result, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    public static void write(ValidationResult result, OutputStream out) {
        try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            json.useDefaultPrettyPrinter();
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            json.writeNumberField("schemaVersion", SCHEMA_VERSION);
            json.writeStringField("kind", "validation");
            json.writeStringField("verdict", result.verdict().status().name());
            json.writeArrayFieldStart("reasons");
            for (Reason reason : result.verdict().reasons()) {
                json.writeStartObject();
                json.writeStringField("condition", reason.condition().parameterName());
                json.writeStringField("message", reason.message());
                json.writeEndObject();
            }
            json.writeEndArray();
            writeStrings(json, "notes", result.verdict().notes());
            json.writeFieldName("totals");
            writeCounts(json, result.report().counts());
            writeGate(json, result.gate());
            writeCommand(json, result.command());
            writeStrings(json, "reportPatterns", result.reportPatterns());
            writeStrings(json, "reportFiles", result.report().files());
            writeStrings(json, "staleReports", result.staleReports());
            json.writeArrayFieldStart("reportProblems");
            for (ReportProblem problem : result.report().problems()) {
                json.writeStartObject();
                json.writeStringField("file", problem.file());
                json.writeStringField("kind", problem.kind().name());
                json.writeStringField("message", problem.message());
                json.writeEndObject();
            }
            json.writeEndArray();
            writeCases(json, "failures", result.report().failures());
            json.writeNumberField("failuresNotListed", result.report().failuresNotListed());
            json.writeArrayFieldStart("newFailures");
            for (TestCaseResult failure : result.newFailures()) {
                json.writeString(failure.id().toString());
            }
            json.writeEndArray();
            writeCases(json, "flaky", result.report().flaky());
            json.writeNumberField("flakyNotListed", result.report().flakyNotListed());
            writeCases(json, "skipped", result.report().skipped());
            json.writeNumberField("skippedNotListed", result.report().skippedNotListed());
            json.writeNumberField("listedWithoutTexts", result.report().listedWithoutTexts());
            if (result.baseline() == null) {
                json.writeNullField("baseline");
            } else {
                json.writeObjectFieldStart("baseline");
                json.writeStringField("source", result.baseline().source());
                json.writeFieldName("totals");
                writeCounts(json, result.baseline().counts());
                json.writeEndObject();
            }
            json.writeArrayFieldStart("suites");
            for (SuiteSummary suite : result.report().suites()) {
                json.writeStartObject();
                json.writeStringField("name", suite.name());
                json.writeStringField("file", suite.file());
                writeSeconds(json, "durationSeconds", suite.durationSeconds());
                json.writeFieldName("totals");
                writeCounts(json, suite.counts());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeNumberField("suitesNotListed", result.report().suitesNotListed());
            json.writeNumberField("durationMillis", result.duration().toMillis());
            json.writeEndObject();
            json.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the JSON result: " + e.getMessage(), e);
        }
    }

    private static void writeCounts(JsonGenerator json, TestCounts counts) throws IOException {
        json.writeStartObject();
        json.writeNumberField("tests", counts.tests());
        json.writeNumberField("passed", counts.passed());
        json.writeNumberField("failures", counts.failures());
        json.writeNumberField("errors", counts.errors());
        json.writeNumberField("skipped", counts.skipped());
        json.writeNumberField("flaky", counts.flaky());
        json.writeNumberField("executed", counts.executed());
        if (counts.executed() > 0) {
            json.writeNumberField("passRate", (double) counts.passed() / counts.executed());
        } else {
            json.writeNullField("passRate");
        }
        json.writeEndObject();
    }

    private static void writeGate(JsonGenerator json, QualityGate gate) throws IOException {
        json.writeObjectFieldStart("gate");
        json.writeBooleanField("requireTests", gate.requireTests());
        json.writeNumberField("maxFailures", gate.maxFailures());
        json.writeNumberField("minPassRate", gate.minPassRate());
        json.writeBooleanField("allowTestDecrease", gate.allowTestDecrease());
        json.writeBooleanField("allowSkipIncrease", gate.allowSkipIncrease());
        json.writeBooleanField("allowMissingTests", gate.allowMissingTests());
        json.writeBooleanField("allowNewlySkippedTests", gate.allowNewlySkippedTests());
        json.writeBooleanField("newFailuresOnly", gate.newFailuresOnly());
        json.writeBooleanField("allowFlaky", gate.allowFlaky());
        json.writeBooleanField("allowReportProblems", gate.allowReportProblems());
        json.writeArrayFieldStart("acceptedExitCodes");
        for (int code : gate.acceptedExitCodes()) {
            json.writeNumber(code);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeCommand(JsonGenerator json, CommandResult command) throws IOException {
        if (command == null) {
            json.writeNullField("command");
            return;
        }
        json.writeObjectFieldStart("command");
        json.writeStringField("command", command.command());
        json.writeNumberField("exitCode", command.exitCode());
        json.writeBooleanField("timedOut", command.timedOut());
        json.writeStringField("startedAt", command.startedAt().toString());
        json.writeNumberField("durationMillis", command.duration().toMillis());
        json.writeStringField("output", command.output());
        json.writeEndObject();
    }

    private static void writeCases(JsonGenerator json, String field, List<TestCaseResult> cases) throws IOException {
        json.writeArrayFieldStart(field);
        for (TestCaseResult testCase : cases) {
            json.writeStartObject();
            json.writeStringField("id", testCase.id().toString());
            json.writeStringField("suite", testCase.suiteName());
            json.writeStringField("className", testCase.className());
            json.writeStringField("name", testCase.name());
            json.writeStringField("status", testCase.status().name());
            json.writeBooleanField("flaky", testCase.flaky());
            writeSeconds(json, "durationSeconds", testCase.durationSeconds());
            json.writeStringField("reportFile", testCase.reportFile());
            if (!testCase.sourceFile().isEmpty()) {
                json.writeStringField("sourceFile", testCase.sourceFile());
            }
            if (testCase.line() >= 0) {
                json.writeNumberField("line", testCase.line());
            }
            json.writeArrayFieldStart("problems");
            for (TestProblem problem : testCase.problems()) {
                json.writeStartObject();
                json.writeStringField("kind", problem.kind().elementName());
                json.writeStringField("type", problem.type());
                json.writeStringField("message", problem.message());
                json.writeStringField("details", problem.details());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeStringField("systemOut", testCase.systemOut());
            json.writeStringField("systemErr", testCase.systemErr());
            json.writeBooleanField("withoutTexts", testCase.withoutTexts());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeSeconds(JsonGenerator json, String field, double seconds) throws IOException {
        if (Double.isNaN(seconds)) {
            json.writeNullField(field);
        } else {
            json.writeNumberField(field, seconds);
        }
    }

    private static void writeStrings(JsonGenerator json, String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }
}
