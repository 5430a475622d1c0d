package io.jenkins.plugins.aiworkflow.plugin.config;

import io.jenkins.plugins.aiworkflow.engine.llm.OpenAiModelConfig;
import java.util.Locale;

/**
 * Who serves a provider's models: the names of the CLI's {@code --provider} ({@code openai}, {@code azure},
 * {@code compatible}), so that one concept has one name. {@code azure-openai} and {@code openai-compatible} are
 * read as well and saved as {@code azure} and {@code compatible}.
 */
public enum ProviderType {
    /** api.openai.com, or a base URL such as a proxy; a key is required. */
    OPENAI("openai", OpenAiModelConfig.Provider.OPENAI),
    /** Azure OpenAI: the base URL is the resource endpoint, the model the deployment name; a key is required. */
    AZURE("azure", OpenAiModelConfig.Provider.AZURE),
    /** Any server speaking the OpenAI wire format (Ollama, vLLM, LiteLLM ...) at the base URL; the key is optional. */
    COMPATIBLE("compatible", OpenAiModelConfig.Provider.COMPATIBLE);

    /** What the messages list as accepted. */
    static final String ACCEPTED = "openai, azure (also azure-openai) or compatible (also openai-compatible)";

    private final String id;
    private final OpenAiModelConfig.Provider engineProvider;

    ProviderType(String id, OpenAiModelConfig.Provider engineProvider) {
        this.id = id;
        this.engineProvider = engineProvider;
    }

    /** The name in the configuration, the YAML and the docs. */
    public String id() {
        return id;
    }

    OpenAiModelConfig.Provider engineProvider() {
        return engineProvider;
    }

    /** OpenAI and Azure refuse calls without a key; a compatible server may need none. */
    boolean needsKey() {
        return this != COMPATIBLE;
    }

    /** Only OpenAI has an endpoint of its own. */
    boolean needsBaseUrl() {
        return this != OPENAI;
    }

    /**
     * The type named {@code value}, in any letter case.
     *
     * @throws IllegalArgumentException naming the value and what is accepted
     */
    static ProviderType parse(String value) {
        String text = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "openai" -> OPENAI;
            case "azure", "azure-openai" -> AZURE;
            case "compatible", "openai-compatible" -> COMPATIBLE;
            default -> throw new IllegalArgumentException("type '" + (value == null ? "" : value)
                    + "' is not a provider type; accepted: " + ACCEPTED);
        };
    }
}
