package io.jenkins.plugins.aiworkflow.engine.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prices of models in USD per one million tokens. A model is found by its exact name, or, for a
 * dated snapshot such as {@code gpt-4o-2024-08-06} or {@code gpt-4-0613}, by the name without the
 * date ({@code gpt-4o}). Nothing else is tried: an unknown model's cost is {@link Cost#UNKNOWN},
 * never guessed from a similar name. Immutable.
 *
 * <p>The defaults are OpenAI's standard-tier list prices as of {@link #DEFAULTS_AS_OF}
 * (see docs/models.md); override them with {@link #withOverrides(PriceTable)} or a JSON file.
 */
public final class PriceTable {
    /** When the default prices were taken from OpenAI's pricing page. */
    public static final String DEFAULTS_AS_OF = "2025-08";

    private static final Pattern DATED_SNAPSHOT = Pattern.compile("(.+?)-(\\d{4}-\\d{2}-\\d{2}|\\d{4})");
    private static final Set<String> PRICE_FIELDS = Set.of("input", "cachedInput", "output");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final PriceTable DEFAULTS = new PriceTable(defaultPrices());

    private final Map<String, ModelPrice> prices;

    private PriceTable(Map<String, ModelPrice> prices) {
        this.prices = Map.copyOf(prices);
    }

    private static Map<String, ModelPrice> defaultPrices() {
        Map<String, ModelPrice> prices = new LinkedHashMap<>();
        prices.put("gpt-4o", new ModelPrice(2.50, 1.25, 10.00));
        prices.put("gpt-4o-mini", new ModelPrice(0.15, 0.075, 0.60));
        prices.put("gpt-4.1", new ModelPrice(2.00, 0.50, 8.00));
        prices.put("gpt-4.1-mini", new ModelPrice(0.40, 0.10, 1.60));
        prices.put("gpt-4.1-nano", new ModelPrice(0.10, 0.025, 0.40));
        prices.put("o3", new ModelPrice(2.00, 0.50, 8.00));
        prices.put("o4-mini", new ModelPrice(1.10, 0.275, 4.40));
        prices.put("gpt-5", new ModelPrice(1.25, 0.125, 10.00));
        prices.put("gpt-5-mini", new ModelPrice(0.25, 0.025, 2.00));
        prices.put("gpt-5-nano", new ModelPrice(0.05, 0.005, 0.40));
        return prices;
    }

    /** OpenAI's list prices for common models (see docs/models.md for the figures and their date). */
    public static PriceTable defaults() {
        return DEFAULTS;
    }

    public static PriceTable empty() {
        return new PriceTable(Map.of());
    }

    public static PriceTable of(Map<String, ModelPrice> prices) {
        prices.keySet().forEach(PriceTable::checkName);
        return new PriceTable(prices);
    }

    /** This table with {@code model} priced at {@code price} (replacing an earlier price). */
    public PriceTable with(String model, ModelPrice price) {
        checkName(model);
        Map<String, ModelPrice> copy = new LinkedHashMap<>(prices);
        copy.put(model, price);
        return new PriceTable(copy);
    }

    /** This table with every price of {@code overrides} added or replacing this table's. */
    public PriceTable withOverrides(PriceTable overrides) {
        Map<String, ModelPrice> copy = new LinkedHashMap<>(prices);
        copy.putAll(overrides.prices);
        return new PriceTable(copy);
    }

    /**
     * Reads prices from JSON: an object mapping model names to
     * {@code {"input": 2.5, "cachedInput": 1.25, "output": 10}} (USD per 1M tokens;
     * {@code cachedInput} defaults to {@code input}). {@code source} names the text in errors.
     */
    public static PriceTable fromJson(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("price file " + source + " is not valid JSON: " + e.getOriginalMessage(),
                    e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("price file " + source + " must hold a JSON object mapping model names to "
                    + "{\"input\": ..., \"cachedInput\": ..., \"output\": ...}");
        }
        Map<String, ModelPrice> prices = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            prices.put(entry.getKey(), price(source, entry.getKey(), entry.getValue()));
        }
        return of(prices);
    }

    /** Reads a price file (format of {@link #fromJson}). */
    public static PriceTable fromFile(Path file) {
        try {
            return fromJson(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read price file " + file + ": " + e.getMessage(), e);
        }
    }

    private static ModelPrice price(String source, String model, JsonNode node) {
        String where = "price file " + source + ", model '" + model + "'";
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + ": expected {\"input\": ..., \"cachedInput\": ..., "
                    + "\"output\": ...} (USD per 1M tokens), was " + node);
        }
        node.fieldNames().forEachRemaining(field -> {
            if (!PRICE_FIELDS.contains(field)) {
                throw new IllegalArgumentException(where + ": unknown field '" + field + "'; accepted: input, "
                        + "cachedInput, output");
            }
        });
        double input = number(where, node, "input");
        double output = number(where, node, "output");
        double cachedInput = node.has("cachedInput") ? number(where, node, "cachedInput") : input;
        try {
            return new ModelPrice(input, cachedInput, output);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static double number(String where, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber()) {
            throw new IllegalArgumentException(where + ": '" + field + "' must be a number (USD per 1M tokens), was "
                    + value);
        }
        return value.doubleValue();
    }

    private static void checkName(String model) {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("a priced model needs a non-blank name, was '" + model + "'");
        }
    }

    /** The name under which {@code model} is priced: itself, or its name without a snapshot date. */
    public Optional<String> matchedName(String model) {
        if (model == null) {
            return Optional.empty();
        }
        if (prices.containsKey(model)) {
            return Optional.of(model);
        }
        Matcher dated = DATED_SNAPSHOT.matcher(model);
        if (dated.matches() && prices.containsKey(dated.group(1))) {
            return Optional.of(dated.group(1));
        }
        return Optional.empty();
    }

    public Optional<ModelPrice> find(String model) {
        return matchedName(model).map(prices::get);
    }

    /** The cost of {@code usage} on {@code model}; {@link Cost#UNKNOWN} when the model has no price. */
    public Cost cost(String model, Usage usage) {
        return find(model).map(price -> price.cost(usage)).orElse(Cost.UNKNOWN);
    }

    public Map<String, ModelPrice> prices() {
        return prices;
    }

    @Override
    public String toString() {
        return "PriceTable" + prices.keySet();
    }
}
