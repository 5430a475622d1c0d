package io.jenkins.plugins.aiworkflow.engine.step;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.report.TextLimits;
import io.jenkins.plugins.aiworkflow.engine.validate.Baseline;
import io.jenkins.plugins.aiworkflow.engine.validate.QualityGate;
import io.jenkins.plugins.aiworkflow.engine.validate.ValidationRequest;
import io.jenkins.plugins.aiworkflow.engine.workspace.Workspace;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The parameters of {@code aiValidate} ({@link Step#VALIDATE}) as plain values, and the {@link ValidationRequest}
 * they stand for. A parameter not given keeps the engine's default; every value is checked by
 * {@link StepValues} (names, types, notation) and by the request (what is allowed). What the adapter resolves:
 * the {@code baseline} file (read with {@link #readBaseline}) and {@link #onFailure()}.
 *
 * <pre>{@code
 * ValidateParameters parameters = ValidateParameters.of(Map.of("reports", "target/surefire-reports/*.xml",
 *         "minPassRate", "95%", "onFailure", "UNSTABLE"));
 * ValidationRequest request = parameters.toRequest(parameters.readBaseline(workspace));
 * }</pre>
 */
public final class ValidateParameters {
    private final StepValues values;

    private ValidateParameters(StepValues values) {
        this.values = values;
    }

    /**
     * Reads the values given to {@code aiValidate}.
     *
     * @throws InvalidRequestException naming the first unknown name or refused value
     */
    public static ValidateParameters of(Map<String, ?> values) {
        return new ValidateParameters(StepValues.of(Step.VALIDATE, values));
    }

    /** The values as read. */
    public StepValues values() {
        return values;
    }

    /** The {@code baseline} file given, relative to the workspace, or null. */
    public String baseline() {
        return values.text("baseline");
    }

    /** What a failed gate does to the build; default {@link OnFailure#FAILURE}. */
    public OnFailure onFailure() {
        return onFailure(values);
    }

    /**
     * Reads the {@code baseline} file through the workspace (on the build agent, where the file is); null when no
     * baseline was given.
     *
     * @throws InvalidRequestException naming {@code baseline} when it is refused, missing, unreadable or not a
     *                                 result file
     */
    public Baseline readBaseline(Workspace workspace) {
        String path = baseline();
        if (path == null) {
            return null;
        }
        String accepted = "; accepted: a JSON result file written by aiValidate or 'aiwf validate --json', relative "
                + "to the workspace";
        try (InputStream in = workspace.openRead(path)) {
            return Baseline.read(in, path);
        } catch (InvalidRequestException e) {
            if ("baseline".equals(e.parameter().orElse(null))) {
                throw e;
            }
            throw new InvalidRequestException("baseline", "baseline '" + path + "': " + e.getMessage() + accepted, e);
        } catch (IOException | WorkspaceException e) {
            throw new InvalidRequestException("baseline", "baseline '" + path + "' cannot be read (" + e.getMessage()
                    + ")" + accepted, e);
        }
    }

    /**
     * The request these values stand for.
     *
     * @param baseline the result to compare with, as {@link #readBaseline} read it (null: none)
     * @throws InvalidRequestException naming the parameter the request refuses
     */
    public ValidationRequest toRequest(Baseline baseline) {
        if (baseline == null && baseline() != null) {
            throw new IllegalStateException("baseline '" + baseline() + "' is given but was not read (readBaseline)");
        }
        return validation(values).baseline(baseline).build();
    }

    static OnFailure onFailure(StepValues values) {
        String choice = values.choice("onFailure");
        return choice == null ? OnFailure.FAILURE : OnFailure.valueOf(choice);
    }

    /** A request builder with every validation parameter given set; shared with {@code aiRefine}. */
    static ValidationRequest.Builder validation(StepValues values) {
        ValidationRequest.Builder request = ValidationRequest.builder();
        if (values.isSet("reports")) {
            request.reports(values.strings("reports"));
        }
        request.command(values.text("command"));
        if (values.isSet("commandTimeout")) {
            request.commandTimeout(values.duration("commandTimeout"));
        }
        if (values.isSet("maxCommandOutputChars")) {
            request.maxCommandOutputChars(values.integer("maxCommandOutputChars"));
        }
        request.gate(gate(values));
        request.textLimits(textLimits(values));
        if (values.isSet("parserThreads")) {
            request.parserThreads(values.integer("parserThreads"));
        }
        return request;
    }

    private static QualityGate gate(StepValues values) {
        QualityGate.Builder gate = QualityGate.builder();
        if (values.isSet("requireTests")) {
            gate.requireTests(values.bool("requireTests"));
        }
        if (values.isSet("maxFailures")) {
            gate.maxFailures(values.longValue("maxFailures"));
        }
        if (values.isSet("minPassRate")) {
            gate.minPassRate(values.decimal("minPassRate"));
        }
        if (values.isSet("allowTestDecrease")) {
            gate.allowTestDecrease(values.bool("allowTestDecrease"));
        }
        if (values.isSet("allowSkipIncrease")) {
            gate.allowSkipIncrease(values.bool("allowSkipIncrease"));
        }
        if (values.isSet("allowMissingTests")) {
            gate.allowMissingTests(values.bool("allowMissingTests"));
        }
        if (values.isSet("allowNewlySkippedTests")) {
            gate.allowNewlySkippedTests(values.bool("allowNewlySkippedTests"));
        }
        if (values.isSet("newFailuresOnly")) {
            gate.newFailuresOnly(values.bool("newFailuresOnly"));
        }
        if (values.isSet("allowFlaky")) {
            gate.allowFlaky(values.bool("allowFlaky"));
        }
        if (values.isSet("allowReportProblems")) {
            gate.allowReportProblems(values.bool("allowReportProblems"));
        }
        if (values.isSet("acceptedExitCodes")) {
            gate.acceptedExitCodes(values.codes("acceptedExitCodes"));
        }
        return gate.build();
    }

    private static TextLimits textLimits(StepValues values) {
        TextLimits limits = TextLimits.DEFAULT;
        return new TextLimits(orDefault(values, "maxMessageChars", limits.maxMessageChars()),
                orDefault(values, "maxDetailsChars", limits.maxDetailsChars()),
                orDefault(values, "maxTestOutputChars", limits.maxTestOutputChars()),
                orDefault(values, "maxDetailedCases", limits.maxDetailedCases()),
                orDefault(values, "maxKeptTextChars", limits.maxKeptTextChars()),
                orDefault(values, "maxKeptNameChars", limits.maxKeptNameChars()));
    }

    private static int orDefault(StepValues values, String name, int engineDefault) {
        return values.isSet(name) ? values.integer(name) : engineDefault;
    }
}
