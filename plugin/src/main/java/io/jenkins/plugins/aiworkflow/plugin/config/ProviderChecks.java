package io.jenkins.plugins.aiworkflow.plugin.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.llm.ModelPrice;
import io.jenkins.plugins.aiworkflow.engine.llm.OpenAiModelConfig;
import io.jenkins.plugins.aiworkflow.engine.llm.PriceTable;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of the configuration, in one place for the form's checks, saving the form and Configuration as
 * Code: each {@code check...} returns why a value is refused (naming the field and what is accepted), or null.
 * Nothing here needs a running Jenkins, so {@code ProviderChecksTest} tests it directly.
 */
final class ProviderChecks {
    /** What a Jenkinsfile writes as {@code provider: 'id'}: letters, digits, '.', '_' and '-'. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final String API_CHAT = "chat";
    static final String API_RESPONSES = "responses";

    private ProviderChecks() {
    }

    @CheckForNull
    static String checkId(@CheckForNull String id) {
        if (id == null || id.isBlank()) {
            return "id is required: the name steps give as provider, such as 'openai' or 'azure-prod'";
        }
        if (!ID.matcher(id.strip()).matches()) {
            return "id '" + id + "' is not accepted; accepted: 1 to 64 letters, digits, '.', '_' or '-', starting "
                    + "with a letter or digit, such as 'openai' or 'azure-prod'";
        }
        return null;
    }

    @CheckForNull
    static String checkType(@CheckForNull String type) {
        try {
            ProviderType.parse(type);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** The type named, or null when it is not one (its own check reports that). */
    @CheckForNull
    static ProviderType typeOrNull(@CheckForNull String type) {
        return checkType(type) == null ? ProviderType.parse(type) : null;
    }

    /** The engine's own rules of a base URL (absolute http or https, a host, no user:password@). */
    @CheckForNull
    static String checkBaseUrl(@CheckForNull String url, @CheckForNull ProviderType type) {
        if (url == null || url.isBlank()) {
            if (type != null && type.needsBaseUrl()) {
                return "baseUrl is required for type " + type.id() + "; such as "
                        + (type == ProviderType.AZURE ? "https://my-resource.openai.azure.com"
                        : "http://127.0.0.1:11434/v1 (Ollama)");
            }
            return null;
        }
        try {
            OpenAiModelConfig.builder().model("any").provider(OpenAiModelConfig.Provider.COMPATIBLE).baseUrl(url)
                    .build();
            return null;
        } catch (InvalidRequestException e) {
            return e.getMessage();
        }
    }

    @CheckForNull
    static String checkCredentialsId(@CheckForNull String credentialsId, @CheckForNull ProviderType type) {
        if ((credentialsId == null || credentialsId.isBlank()) && type != null && type.needsKey()) {
            return "credentialsId is required for type " + type.id() + ": the id of a Secret text credential "
                    + "holding the API key";
        }
        return null;
    }

    @CheckForNull
    static String checkApi(@CheckForNull String api) {
        try {
            parseApi(api);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** {@code chat} (also {@code chat-completions}, the default when empty) or {@code responses}. */
    static OpenAiModelConfig.Api parseApi(@CheckForNull String api) {
        String text = api == null ? "" : api.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (text) {
            case "", API_CHAT, "chat-completions" -> OpenAiModelConfig.Api.CHAT_COMPLETIONS;
            case API_RESPONSES -> OpenAiModelConfig.Api.RESPONSES;
            default -> throw new IllegalArgumentException("api '" + api + "' is not accepted; accepted: chat (Chat "
                    + "Completions, every provider) or responses (the Responses API)");
        };
    }

    @CheckForNull
    static String checkAzureApiVersion(@CheckForNull String version, @CheckForNull ProviderType type) {
        if (version != null && !version.isBlank() && type != null && type != ProviderType.AZURE) {
            return "azureApiVersion is only accepted with type azure, the type is " + type.id();
        }
        return null;
    }

    /** A price field as the form sends it: empty, or a number of US dollars per one million tokens. */
    @CheckForNull
    static String checkPriceAmount(@CheckForNull String value, boolean required) {
        if (value == null || value.isBlank()) {
            return required ? "a price is required: US dollars per one million tokens, such as 2.5" : null;
        }
        try {
            double amount = Double.parseDouble(value.strip());
            if (amount < 0 || Double.isNaN(amount) || Double.isInfinite(amount)) {
                return "'" + value + "' is not accepted; accepted: an amount >= 0 of US dollars per one million tokens";
            }
            return null;
        } catch (NumberFormatException e) {
            return "'" + value + "' is not a number; accepted: US dollars per one million tokens, such as 2.5";
        }
    }

    /**
     * The engine's prices of a provider: the engine's defaults (OpenAI's list prices) with {@code prices} added or
     * replacing them.
     *
     * @throws IllegalArgumentException naming the model and the refused field, or a model priced twice
     */
    static PriceTable priceTable(List<Price> prices) {
        Map<String, ModelPrice> table = new LinkedHashMap<>();
        for (Price price : prices) {
            ModelPrice modelPrice = price.toModelPrice();
            if (table.put(price.getModel(), modelPrice) != null) {
                throw new IllegalArgumentException("model '" + price.getModel() + "' is priced twice; accepted: one "
                        + "price per model");
            }
        }
        return PriceTable.defaults().withOverrides(PriceTable.of(table));
    }

    /**
     * Checks one provider with all its fields.
     *
     * @throws IllegalArgumentException naming the provider and the refused field
     */
    static void checkProvider(Provider provider) {
        String id = provider.getId();
        String problem = checkId(id);
        ProviderType type = typeOrNull(provider.getType());
        if (problem == null) {
            problem = checkType(provider.getType());
        }
        if (problem == null) {
            problem = checkBaseUrl(provider.getBaseUrl(), type);
        }
        if (problem == null) {
            problem = checkCredentialsId(provider.getCredentialsId(), type);
        }
        if (problem == null) {
            problem = checkApi(provider.getApi());
        }
        if (problem == null) {
            problem = checkAzureApiVersion(provider.getAzureApiVersion(), type);
        }
        if (problem == null) {
            try {
                priceTable(provider.getPrices());
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
        }
        if (problem != null) {
            throw new IllegalArgumentException("AI Workflow provider '" + (id == null ? "" : id) + "': " + problem);
        }
    }

    /**
     * Checks every provider and that their ids are unique.
     *
     * @throws IllegalArgumentException naming the first refused provider and field
     */
    static void checkProviders(List<Provider> providers) {
        Set<String> ids = new HashSet<>();
        for (Provider provider : providers) {
            checkProvider(provider);
            if (!ids.add(provider.getId())) {
                throw new IllegalArgumentException("AI Workflow provider id '" + provider.getId() + "' is used twice; "
                        + "accepted: a unique id per provider (steps name the provider by it)");
            }
        }
    }

    /**
     * A cap as the form sends it: empty for none, else a number.
     *
     * @throws IllegalArgumentException naming the field when the text is no number
     */
    @CheckForNull
    static Double parseDecimal(String field, @CheckForNull String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Double.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " '" + text + "' is not a number; accepted: a number such as "
                    + "5 or 0.50, or empty for no cap", e);
        }
    }

    /**
     * A whole-number cap as the form sends it: empty for none, else an integer.
     *
     * @throws IllegalArgumentException naming the field when the text is no whole number
     */
    @CheckForNull
    static Integer parseWhole(String field, @CheckForNull String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " '" + text + "' is not a whole number; accepted: a whole "
                    + "number such as 10, or empty for no cap", e);
        }
    }
}
