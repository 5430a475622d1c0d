package io.jenkins.plugins.aiworkflow.engine.llm;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@link OpenAiModel} needs, checked once when built: a refused value is an
 * {@link InvalidRequestException} naming its parameter. Immutable; {@link #toString()} never
 * shows the API key.
 */
public final class OpenAiModelConfig {
    /** Who serves the model. */
    public enum Provider {
        /** api.openai.com (or {@code baseUrl}, e.g. a proxy); Bearer key. */
        OPENAI,
        /** Azure OpenAI: {@code baseUrl} is the resource endpoint, {@code model} the deployment; {@code api-key} header. */
        AZURE,
        /** Any server speaking the OpenAI wire format (Ollama, vLLM, LiteLLM, ...) at {@code baseUrl}; key optional. */
        COMPATIBLE
    }

    /** Which OpenAI API to call. */
    public enum Api {
        /** {@code POST /chat/completions}: the default, supported by every provider. */
        CHAT_COMPLETIONS,
        /** {@code POST /responses}: OpenAI's newer API. */
        RESPONSES
    }

    // The defaults are public so that the CLI, the plugin and docs/models.md state the same values
    // (OpenAiModelConfigTest checks the table in docs/models.md against them).

    /** Default {@code provider}: OpenAI's own API. */
    public static final Provider DEFAULT_PROVIDER = Provider.OPENAI;
    /** Default {@code api}: Chat Completions, which every provider supports. */
    public static final Api DEFAULT_API = Api.CHAT_COMPLETIONS;
    /** The base URL used for {@link Provider#OPENAI} when none is given (the SDK's default). */
    public static final String OPENAI_BASE_URL = "https://api.openai.com/v1";
    /** Default {@code requestTimeout}: the limit of one HTTP attempt, as openai-java's own default. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(10);
    /** Connecting alone never gets longer than this, whatever the {@code requestTimeout} (openai-java's default). */
    public static final Duration MAX_CONNECT_TIMEOUT = Duration.ofMinutes(1);
    /** Default {@code maxRetries}: retries after a failed attempt, so at most 3 attempts (openai-java's default). */
    public static final int DEFAULT_MAX_RETRIES = 2;
    /** The highest accepted {@code maxRetries}. */
    public static final int MAX_MAX_RETRIES = 10;
    /** Default {@code streaming}: off. */
    public static final boolean DEFAULT_STREAMING = false;
    /** Default {@code maxRetryAfter}: the longest single wait a server may ask for with Retry-After. */
    public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(60);

    private final String model;
    private final Provider provider;
    private final Api api;
    private final String baseUrl;
    private final String azureApiVersion;
    private final ApiKey apiKey;
    private final Duration requestTimeout;
    private final int maxRetries;
    private final boolean streaming;
    private final Duration maxRetryAfter;

    private OpenAiModelConfig(Builder builder) {
        if (builder.model == null || builder.model.isBlank()) {
            throw invalid("model", "model is empty; accepted: a model name such as 'gpt-4.1' "
                    + "(for Azure: the deployment name)");
        }
        model = builder.model.strip();
        provider = Objects.requireNonNull(builder.provider, "provider");
        api = Objects.requireNonNull(builder.api, "api");
        baseUrl = builder.baseUrl == null || builder.baseUrl.isBlank() ? null : checkUrl(builder.baseUrl.strip());
        if (baseUrl == null && provider != Provider.OPENAI) {
            throw invalid("baseUrl", "baseUrl is required for provider " + provider + "; e.g. "
                    + (provider == Provider.AZURE ? "https://my-resource.openai.azure.com"
                    : "http://127.0.0.1:11434/v1 (Ollama)"));
        }
        if (builder.azureApiVersion != null && !builder.azureApiVersion.isBlank() && provider != Provider.AZURE) {
            throw invalid("azureApiVersion", "azureApiVersion is only accepted with provider AZURE, the provider is "
                    + provider);
        }
        azureApiVersion = builder.azureApiVersion == null || builder.azureApiVersion.isBlank() ? null
                : builder.azureApiVersion.strip();
        apiKey = builder.apiKey;
        if (apiKey == null && provider != Provider.COMPATIBLE) {
            throw invalid("apiKey", "apiKey is required for provider " + provider + "; give the key or the "
                    + "name of an environment variable holding it (e.g. "
                    + (provider == Provider.AZURE ? "AZURE_OPENAI_API_KEY" : "OPENAI_API_KEY") + ")");
        }
        // requestTimeout, not timeout: that is the step's wall time (Budget), one name for one concept
        requestTimeout = Objects.requireNonNull(builder.requestTimeout, "requestTimeout");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw invalid("requestTimeout", "requestTimeout must be positive, was " + requestTimeout);
        }
        if (builder.maxRetries < 0 || builder.maxRetries > MAX_MAX_RETRIES) {
            throw invalid("maxRetries", "maxRetries must be between 0 and " + MAX_MAX_RETRIES + ", was "
                    + builder.maxRetries);
        }
        maxRetries = builder.maxRetries;
        streaming = builder.streaming;
        maxRetryAfter = Objects.requireNonNull(builder.maxRetryAfter, "maxRetryAfter");
        if (maxRetryAfter.isNegative()) {
            throw invalid("maxRetryAfter", "maxRetryAfter must be >= 0, was " + maxRetryAfter);
        }
    }

    private static String checkUrl(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http")
                    || uri.getScheme().equalsIgnoreCase("https")) || uri.getHost() == null) {
                throw invalid("baseUrl", "baseUrl '" + url + "' is not an absolute http(s) URL; e.g. "
                        + "https://api.openai.com/v1 or http://127.0.0.1:11434/v1");
            }
            if (uri.getUserInfo() != null) {
                throw invalid("baseUrl", "baseUrl must not contain credentials (user:password@); "
                        + "give the key as apiKey");
            }
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        } catch (URISyntaxException e) {
            throw invalid("baseUrl", "baseUrl '" + url + "' is not a valid URL: " + e.getMessage(), e);
        }
    }

    private static InvalidRequestException invalid(String parameter, String message) {
        return new InvalidRequestException(parameter, message, null);
    }

    private static InvalidRequestException invalid(String parameter, String message, Throwable cause) {
        return new InvalidRequestException(parameter, message, cause);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().model(model).provider(provider).api(api).baseUrl(baseUrl).azureApiVersion(azureApiVersion)
                .apiKey(apiKey).requestTimeout(requestTimeout).maxRetries(maxRetries).streaming(streaming)
                .maxRetryAfter(maxRetryAfter);
    }

    /** The model name; for Azure the deployment name. */
    public String model() {
        return model;
    }

    public Provider provider() {
        return provider;
    }

    public Api api() {
        return api;
    }

    /** The API's base URL without a trailing slash; empty means OpenAI's own endpoint. */
    public Optional<String> baseUrl() {
        return Optional.ofNullable(baseUrl);
    }

    /** Azure's {@code api-version}; empty means the SDK's latest stable version (legacy routes only). */
    public Optional<String> azureApiVersion() {
        return Optional.ofNullable(azureApiVersion);
    }

    /** The key; empty only for COMPATIBLE servers that need none. */
    public Optional<ApiKey> apiKey() {
        return Optional.ofNullable(apiKey);
    }

    /** The limit of one HTTP attempt, from connecting to the last byte of the answer (streams included). */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** Retries after a failed attempt (429, 408, 409, 5xx, timeout, connection error). */
    public int maxRetries() {
        return maxRetries;
    }

    public boolean streaming() {
        return streaming;
    }

    /** The longest single wait a server may ask for with Retry-After before the call fails instead. */
    public Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    /**
     * The model as messages and results name it, such as {@code OpenAI model gpt-4.1 (chat completions)
     * at https://api.openai.com/v1}; never the key.
     */
    public String describe() {
        String what = switch (provider) {
            case OPENAI -> "OpenAI model " + model;
            case AZURE -> "Azure OpenAI deployment " + model;
            case COMPATIBLE -> "model " + model;
        };
        String apiName = api == Api.CHAT_COMPLETIONS ? "chat completions" : "responses API";
        return what + " (" + apiName + (streaming ? ", streaming" : "") + ") at "
                + (baseUrl == null ? OPENAI_BASE_URL : baseUrl);
    }

    @Override
    public String toString() {
        return "OpenAiModelConfig{model=" + model + ", provider=" + provider + ", api=" + api + ", baseUrl="
                + (baseUrl == null ? "(OpenAI)" : baseUrl)
                + (azureApiVersion == null ? "" : ", azureApiVersion=" + azureApiVersion)
                + ", apiKey=" + (apiKey == null ? "(none)" : apiKey.source() + " " + apiKey)
                + ", requestTimeout=" + requestTimeout + ", maxRetries=" + maxRetries + ", streaming=" + streaming
                + ", maxRetryAfter=" + maxRetryAfter + "}";
    }

    /** Builds an {@link OpenAiModelConfig}; what is not set has the {@code DEFAULT_...} value of this class. */
    public static final class Builder {
        private String model;
        private Provider provider = DEFAULT_PROVIDER;
        private Api api = DEFAULT_API;
        private String baseUrl;
        private String azureApiVersion;
        private ApiKey apiKey;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private boolean streaming = DEFAULT_STREAMING;
        private Duration maxRetryAfter = DEFAULT_MAX_RETRY_AFTER;

        private Builder() {
        }

        public Builder model(String model) {
            this.model = model;
            return this;
        }

        public Builder provider(Provider provider) {
            this.provider = provider;
            return this;
        }

        public Builder api(Api api) {
            this.api = api;
            return this;
        }

        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        public Builder azureApiVersion(String azureApiVersion) {
            this.azureApiVersion = azureApiVersion;
            return this;
        }

        public Builder apiKey(ApiKey apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        public Builder streaming(boolean streaming) {
            this.streaming = streaming;
            return this;
        }

        public Builder maxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = maxRetryAfter;
            return this;
        }

        /** @throws InvalidRequestException naming the first refused parameter */
        public OpenAiModelConfig build() {
            return new OpenAiModelConfig(this);
        }
    }
}
