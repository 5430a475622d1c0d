package io.jenkins.plugins.aiworkflow.engine.step;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.refine.Keep;
import io.jenkins.plugins.aiworkflow.engine.refine.Recover;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineRequest;
import java.util.Locale;
import java.util.Map;

/**
 * The parameters of {@code aiRefine} ({@link Step#REFINE}) as plain values, and the {@link RefineRequest} they
 * stand for: the agent's parameters (as {@code aiImplement}'s, but {@code maxTurns} counts per iteration), the
 * test command and the gate (as {@code aiValidate}'s, without a baseline: iteration 0 is it), the run's limits
 * ({@code maxTokens}, {@code maxCostUsd}, {@code timeout} for the whole run) and the loop's own. The model is the
 * adapter's to resolve, as for {@link ImplementParameters}; {@link #onFailure()} too.
 */
public final class RefineParameters extends AgentParameters {
    /** The engine's name of {@code testSources}, in the refusals of {@link RefineRequest}. */
    private static final String ENGINE_TEST_SOURCES = "testSourceGlobs";

    private RefineParameters(StepValues values) {
        super(values);
    }

    /**
     * Reads the values given to {@code aiRefine}.
     *
     * @throws InvalidRequestException naming the first unknown name or refused value
     */
    public static RefineParameters of(Map<String, ?> values) {
        return new RefineParameters(StepValues.of(Step.REFINE, values));
    }

    /** What a failed gate does to the build; default {@link OnFailure#FAILURE}. */
    public OnFailure onFailure() {
        return ValidateParameters.onFailure(values);
    }

    /**
     * The request these values stand for, calling {@code model}.
     *
     * @throws InvalidRequestException naming the parameter the request refuses
     */
    public RefineRequest toRequest(ModelChoice model) {
        RefineRequest.Builder request = RefineRequest.builder()
                .implementation(ImplementParameters.agent(values, model).build())
                .validation(ValidateParameters.validation(values).build())
                .maxTokens(values.longValue("maxTokens"))
                .maxCostUsd(values.decimal("maxCostUsd"))
                .timeout(values.duration("timeout"))
                .stateStore(values.text("stateStore"));
        if (values.isSet("maxIterations")) {
            request.maxIterations(values.integer("maxIterations"));
        }
        if (values.isSet("keep")) {
            request.keep(Keep.valueOf(values.choice("keep").toUpperCase(Locale.ROOT)));
        }
        if (values.isSet("rerunFailures")) {
            request.rerunFailures(values.integer("rerunFailures"));
        }
        if (values.isSet("tamperGuard")) {
            request.tamperGuard(values.bool("tamperGuard"));
        }
        if (values.isSet("testSources")) {
            request.testSourceGlobs(values.strings("testSources"));
        }
        if (values.isSet("feedbackTokens")) {
            request.feedbackTokens(values.integer("feedbackTokens"));
        }
        if (values.isSet("recover")) {
            request.recover(Recover.valueOf(values.choice("recover").toUpperCase(Locale.ROOT)));
        }
        try {
            return request.build();
        } catch (InvalidRequestException e) {
            if (!ENGINE_TEST_SOURCES.equals(e.parameter().orElse(null))) {
                throw e;
            }
            // one name for the user: the step's
            throw new InvalidRequestException("testSources", e.getMessage().replace(ENGINE_TEST_SOURCES,
                    "testSources"), e);
        }
    }
}
