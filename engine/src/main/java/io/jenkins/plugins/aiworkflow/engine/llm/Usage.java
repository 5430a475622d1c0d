package io.jenkins.plugins.aiworkflow.engine.llm;

/**
 * Tokens of one or more model calls. {@code cachedInputTokens} are part of {@code inputTokens}
 * (the share served from the provider's prompt cache, billed cheaper); {@code reasoningTokens}
 * are part of {@code outputTokens} (billed as output, never shown).
 */
public record Usage(long inputTokens, long outputTokens, long cachedInputTokens, long reasoningTokens) {
    public static final Usage ZERO = new Usage(0, 0, 0, 0);

    public Usage {
        if (inputTokens < 0 || outputTokens < 0 || cachedInputTokens < 0 || reasoningTokens < 0) {
            throw new IllegalArgumentException("token counts must be >= 0, were input=" + inputTokens + " output="
                    + outputTokens + " cachedInput=" + cachedInputTokens + " reasoning=" + reasoningTokens);
        }
    }

    public Usage plus(Usage other) {
        return new Usage(inputTokens + other.inputTokens, outputTokens + other.outputTokens,
                cachedInputTokens + other.cachedInputTokens, reasoningTokens + other.reasoningTokens);
    }

    /** Input plus output tokens: what token budgets count. */
    public long totalTokens() {
        return inputTokens + outputTokens;
    }
}
