package io.jenkins.plugins.aiworkflow.engine.step;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.agent.ImplementationRequest;
import io.jenkins.plugins.aiworkflow.engine.llm.OpenAiModelConfig;
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
public final class ImplementParameters {
    private final StepValues values;

    private ImplementParameters(StepValues values) {
        this.values = values;
    }

    /**
     * Reads the values given to {@code aiImplement}.
     *
     * @throws InvalidRequestException naming the first unknown name or refused value
     */
    public static ImplementParameters of(Map<String, ?> values) {
        return new ImplementParameters(StepValues.of(Step.IMPLEMENT, values));
    }

    /** The values as read. */
    public StepValues values() {
        return values;
    }

    /** The {@code model} given, or null (the provider's default). */
    public String model() {
        return values.text("model");
    }

    /** The {@code provider} given, or null. */
    public String provider() {
        return values.text("provider");
    }

    /** The {@code baseUrl} given, or null. */
    public String baseUrl() {
        return values.text("baseUrl");
    }

    /** The {@code credentialsId} given, or null. */
    public String credentialsId() {
        return values.text("credentialsId");
    }

    /**
     * {@code base} with the step's model options that were given set on it: {@code model}, {@code api},
     * {@code stream}, {@code azureApiVersion}, {@code requestTimeout}, {@code maxRetries}, {@code maxRetryAfter}.
     * Not the provider, base URL or key: where the key may be sent is the adapter's to decide.
     */
    public OpenAiModelConfig.Builder applyModelOptions(OpenAiModelConfig.Builder base) {
        return applyModelOptions(values, base);
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

    static OpenAiModelConfig.Builder applyModelOptions(StepValues values, OpenAiModelConfig.Builder base) {
        if (values.isSet("model")) {
            base.model(values.text("model"));
        }
        if (values.isSet("api")) {
            base.api("chat".equals(values.choice("api")) ? OpenAiModelConfig.Api.CHAT_COMPLETIONS
                    : OpenAiModelConfig.Api.RESPONSES);
        }
        if (values.isSet("stream")) {
            base.streaming(values.bool("stream"));
        }
        if (values.isSet("azureApiVersion")) {
            base.azureApiVersion(values.text("azureApiVersion"));
        }
        if (values.isSet("requestTimeout")) {
            base.requestTimeout(values.duration("requestTimeout"));
        }
        if (values.isSet("maxRetries")) {
            base.maxRetries(values.integer("maxRetries"));
        }
        if (values.isSet("maxRetryAfter")) {
            base.maxRetryAfter(values.duration("maxRetryAfter"));
        }
        return base;
    }
}
