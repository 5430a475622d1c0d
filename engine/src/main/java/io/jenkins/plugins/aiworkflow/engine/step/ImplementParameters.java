package io.jenkins.plugins.aiworkflow.engine.step;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.agent.ImplementationRequest;
import java.util.Map;

/**
 * The parameters of {@code aiImplement} ({@link Step#IMPLEMENT}) as plain values, and the
 * {@link ImplementationRequest} they stand for. A parameter not given keeps the engine's default; every value is
 * checked by {@link StepValues} and by the request. The model is the adapter's to resolve (a provider and its
 * credential, or the CLI's options): it reads {@link #model()}, {@link #provider()}, {@link #baseUrl()} and
 * {@link #credentialsId()}, builds the configuration (applying the step's own model options with
 * {@link #applyModelOptions}) and passes it in as a {@link ModelChoice}.
 *
 * <pre>{@code
 * ImplementParameters parameters = ImplementParameters.of(fields);
 * OpenAiModelConfig config = parameters.applyModelOptions(provider.configWithKey()).build();
 * ImplementationRequest request = parameters.toRequest(ModelChoice.of(config).withPrices(provider.prices()));
 * }</pre>
 */
public final class ImplementParameters extends AgentParameters {
    private ImplementParameters(StepValues values) {
        super(values);
    }

    /**
     * Reads the values given to {@code aiImplement}.
     *
     * @throws InvalidRequestException naming the first unknown name or refused value
     */
    public static ImplementParameters of(Map<String, ?> values) {
        return new ImplementParameters(StepValues.of(Step.IMPLEMENT, values));
    }

    /**
     * The request these values stand for, calling {@code model}.
     *
     * @throws InvalidRequestException naming the parameter the request refuses
     */
    public ImplementationRequest toRequest(ModelChoice model) {
        ImplementationRequest.Builder request = agent(values, model);
        if (values.isSet("commandTimeout")) {
            request.commandTimeout(values.duration("commandTimeout"));
        }
        return request.maxTokens(values.longValue("maxTokens"))
                .maxCostUsd(values.decimal("maxCostUsd"))
                .timeout(values.duration("timeout"))
                .build();
    }

    /**
     * A request builder with the model and every parameter of the agent given set; shared with {@code aiRefine},
     * whose {@code maxTokens}, {@code maxCostUsd}, {@code timeout} and {@code commandTimeout} mean something else.
     */
    static ImplementationRequest.Builder agent(StepValues values, ModelChoice model) {
        ImplementationRequest.Builder request = ImplementationRequest.builder()
                .intent(values.text("intent"))
                .context(values.strings("context"))
                .instructions(values.strings("instructions"))
                .writable(values.strings("writable"))
                .readOnly(values.strings("readOnly"))
                .hidden(values.strings("hidden"))
                .commands(values.strings("commands"))
                .maxTurns(values.integer("maxTurns"))
                .maxOutputTokens(values.integer("maxOutputTokens"));
        if (values.isSet("defaultInstructions")) {
            request.defaultInstructions(values.bool("defaultInstructions"));
        }
        if (values.isSet("maxConsecutiveErrors")) {
            request.maxConsecutiveErrors(values.integer("maxConsecutiveErrors"));
        }
        if (values.isSet("tokenBudget")) {
            request.tokenBudget(values.integer("tokenBudget"));
        }
        model.applyTo(request);
        return request;
    }
}
