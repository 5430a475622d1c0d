package io.jenkins.plugins.aiworkflow.engine.step;

import io.jenkins.plugins.aiworkflow.engine.llm.OpenAiModelConfig;

/**
 * What the parameters of the two steps with an agent, {@code aiImplement} ({@link ImplementParameters}) and
 * {@code aiRefine} ({@link RefineParameters}), share: the values as read, and the model parameters an adapter
 * resolves the model from.
 */
public abstract class AgentParameters {
    /** The values as read; the subclass maps the rest of them to its request. */
    protected final StepValues values;

    AgentParameters(StepValues values) {
        this.values = values;
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
