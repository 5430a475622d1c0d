package io.jenkins.plugins.aiworkflow.engine.context;

/**
 * Counts the tokens a text takes in a model's prompt. Implementations are immutable and
 * thread-safe.
 *
 * <p>{@link #forModel(String)} picks a real tokenizer (jtokkit) for the OpenAI model families
 * whose encoding is known, and an {@linkplain #estimate() estimate} otherwise.
 */
public interface TokenCounter {
    /** Tokens of {@code text} as ordinary text: special-token strings such as {@code <|endoftext|>} count as text. */
    int count(String text);

    /** The tokenizer's name, e.g. {@code o200k_base}, or a description of the estimate. */
    String name();

    /** True when counts are an estimate rather than the model's real tokenizer. */
    boolean isEstimate();

    /**
     * The tokenizer for a model name: {@code o200k_base} for the gpt-4o, gpt-4.1, gpt-4.5,
     * gpt-5, gpt-oss and o-series (o1, o3, o4-mini, ...) families; {@code cl100k_base} for
     * gpt-4, gpt-4-turbo, gpt-3.5 (also Azure's {@code gpt-35-turbo}) and the
     * {@code text-embedding-*} models; the {@linkplain #estimate() estimate} for anything else,
     * including a null or blank name. Matching ignores case and a provider prefix up to the
     * last {@code /} (as in {@code openai/gpt-4o}).
     */
    static TokenCounter forModel(String modelName) {
        return TokenCounters.forModel(modelName);
    }

    /** The {@code o200k_base} encoding. */
    static TokenCounter o200kBase() {
        return TokenCounters.O200K_BASE;
    }

    /** The {@code cl100k_base} encoding. */
    static TokenCounter cl100kBase() {
        return TokenCounters.CL100K_BASE;
    }

    /**
     * An estimate for models whose tokenizer is unknown: one token per 4 ASCII characters,
     * rounded up, plus one token per other character (code point). Real tokenizers put about
     * 3.5 to 4.5 ASCII characters of code or English in a token and rarely more than one
     * token in a non-ASCII character, so this rarely undercounts by much; {@link #isEstimate()}
     * is true.
     */
    static TokenCounter estimate() {
        return TokenCounters.ESTIMATE;
    }
}
