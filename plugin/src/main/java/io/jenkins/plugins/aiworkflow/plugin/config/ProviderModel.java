package io.jenkins.plugins.aiworkflow.plugin.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.aiworkflow.engine.llm.OpenAiModelConfig;
import io.jenkins.plugins.aiworkflow.engine.llm.PriceTable;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The model a step calls, as a provider resolved it for one build: the engine's model configuration with the API key
 * of the credential (an {@code ApiKey}, which shows {@code ****} in every text) and the provider's prices. A step
 * passes {@link #config()} and {@link #prices()} to its engine request ({@code ImplementationRequest.Builder.model}
 * and {@code prices}), which registers the key as a secret: masked in the log, the transcript and the results, and
 * kept from the environment of every command the agent and the tests run.
 *
 * <p>Deliberately not {@code Serializable}: it holds the key, so a step resolves it on the controller when it starts
 * (and again after a restart) and never keeps it in a field that is saved with the Pipeline.
 */
public final class ProviderModel {
    private final String providerId;
    private final String credentialsId;
    private final OpenAiModelConfig config;
    private final PriceTable prices;

    ProviderModel(String providerId, @CheckForNull String credentialsId, OpenAiModelConfig config, PriceTable prices) {
        this.providerId = Objects.requireNonNull(providerId, "providerId");
        this.credentialsId = credentialsId;
        this.config = Objects.requireNonNull(config, "config");
        this.prices = Objects.requireNonNull(prices, "prices");
    }

    /** The id of the provider in the configuration. */
    public String providerId() {
        return providerId;
    }

    /** The id of the credential the key came from; null for a compatible server called without a key. */
    @CheckForNull
    public String credentialsId() {
        return credentialsId;
    }

    /** The engine's model configuration, key included. */
    public OpenAiModelConfig config() {
        return config;
    }

    /** The engine's default prices with the provider's added or replacing them. */
    public PriceTable prices() {
        return prices;
    }

    /** Such as {@code OpenAI model gpt-4.1 (chat completions) at https://api.openai.com/v1}; never the key. */
    public String describe() {
        return config.describe();
    }

    /**
     * Hands the key's value to {@code secrets}, a registry of values to mask (such as a console filter): the only way
     * the value leaves this object but for the HTTP request header. Nothing happens when there is no key.
     */
    public void registerSecrets(Consumer<String> secrets) {
        config.apiKey().ifPresent(key -> key.registerAsSecret(secrets));
    }

    @Override
    public String toString() {
        return "ProviderModel{provider=" + providerId + ", credentialsId=" + credentialsId + ", " + describe() + "}";
    }
}
