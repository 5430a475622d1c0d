package io.jenkins.plugins.aiworkflow.engine.llm;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A {@link Model} that masks every text of every request before the model it wraps sees it: the one
 * place all outgoing messages pass (system prompt, intent, instruction and context files, feedback,
 * tool results, corrections, the model's own earlier messages), so that no path can skip it. The
 * mask is the registered secrets' redaction (the API key; in the plugin, bound credentials).
 * Answers pass unchanged. Closing it does not close the wrapped model, which its owner closes.
 */
public final class MaskingModel implements Model {
    private final Model model;
    private final UnaryOperator<String> mask;

    /**
     * @param model the model that gets the masked requests
     * @param mask  replaces every registered secret in a text, e.g. {@code policy.environment()::redact}
     */
    public MaskingModel(Model model, UnaryOperator<String> mask) {
        this.model = Objects.requireNonNull(model, "model");
        this.mask = Objects.requireNonNull(mask, "mask");
    }

    @Override
    public ModelResponse complete(ModelRequest request) {
        return model.complete(request.mapTexts(mask));
    }

    @Override
    public String describe() {
        return model.describe();
    }

    @Override
    public void close() {
        // the wrapped model belongs to whoever created it
    }

    @Override
    public String toString() {
        return "MaskingModel[" + model + "]";
    }
}
