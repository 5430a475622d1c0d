package io.jenkins.plugins.aiworkflow.engine.step;

import io.jenkins.plugins.aiworkflow.engine.agent.ImplementationRequest;
import io.jenkins.plugins.aiworkflow.engine.llm.OpenAiModelConfig;
import io.jenkins.plugins.aiworkflow.engine.llm.PriceTable;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The model a step's run calls, as the adapter resolved it: the seam between the step mapping and where models
 * come from. The plugin builds the configuration from its global configuration (the provider's type, base URL,
 * prices, and the key of its Secret text credential as the configuration's {@code ApiKey}); the CLI from its
 * options and environment. The step's own model parameters ({@code model}, {@code api}, {@code stream},
 * {@code requestTimeout} ...) can be applied to a provider's configuration first with
 * {@link ImplementParameters#applyModelOptions}. Immutable.
 *
 * <p>The configuration's key is registered as a secret by the request itself (masked everywhere, removed from
 * every command's environment); {@link #withSecretValues} adds values the adapter knows of besides it.
 */
public final class ModelChoice {
    private final OpenAiModelConfig config;
    private final String replayScript;
    private final String replaySource;
    private final PriceTable prices;
    private final List<String> secretValues;
    private final List<String> removeVariables;

    private ModelChoice(OpenAiModelConfig config, String replayScript, String replaySource, PriceTable prices,
                        List<String> secretValues, List<String> removeVariables) {
        this.config = config;
        this.replayScript = replayScript;
        this.replaySource = replaySource;
        this.prices = prices;
        this.secretValues = secretValues;
        this.removeVariables = removeVariables;
    }

    /** A model to call. */
    public static ModelChoice of(OpenAiModelConfig config) {
        return new ModelChoice(Objects.requireNonNull(config, "config"), null, null, PriceTable.defaults(), List.of(),
                List.of());
    }

    /**
     * A scripted session played instead of calling a model (docs/models.md).
     *
     * @param source names the script in messages, such as its file name
     */
    public static ModelChoice replay(String script, String source) {
        return new ModelChoice(null, Objects.requireNonNull(script, "script"), source, PriceTable.defaults(),
                List.of(), List.of());
    }

    /** The same model, its calls costed by {@code table}; default {@link PriceTable#defaults()}. */
    public ModelChoice withPrices(PriceTable table) {
        return new ModelChoice(config, replayScript, replaySource, Objects.requireNonNull(table, "prices"),
                secretValues, removeVariables);
    }

    /** The same model, with values besides its key that must never be shown nor reach a command the agent runs. */
    public ModelChoice withSecretValues(Collection<String> values) {
        return new ModelChoice(config, replayScript, replaySource, prices, List.copyOf(values), removeVariables);
    }

    /** The same model, with environment variables removed from the commands the agent runs, whatever their value. */
    public ModelChoice withRemovedVariables(Collection<String> names) {
        return new ModelChoice(config, replayScript, replaySource, prices, secretValues, List.copyOf(names));
    }

    /** Sets the model, the prices and the secrets on an implementation request. */
    void applyTo(ImplementationRequest.Builder builder) {
        if (config != null) {
            builder.model(config);
        } else {
            builder.replay(replayScript, replaySource);
        }
        builder.prices(prices).secretValues(secretValues).removeVariables(removeVariables);
    }
}
