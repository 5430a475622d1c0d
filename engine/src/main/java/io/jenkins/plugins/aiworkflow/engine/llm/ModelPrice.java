package io.jenkins.plugins.aiworkflow.engine.llm;

/** USD per one million tokens of a model: input, cached input and output (reasoning counts as output). */
public record ModelPrice(double inputPerMillion, double cachedInputPerMillion, double outputPerMillion) {
    public ModelPrice {
        check("input", inputPerMillion);
        check("cachedInput", cachedInputPerMillion);
        check("output", outputPerMillion);
    }

    private static void check(String name, double value) {
        if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " price must be a finite amount >= 0 USD per 1M tokens, was "
                    + value);
        }
    }

    /** The cost of {@code usage}: uncached input, cached input and output at their prices. */
    public Cost cost(Usage usage) {
        long cached = Math.min(usage.cachedInputTokens(), usage.inputTokens());
        long uncached = usage.inputTokens() - cached;
        double usd = (uncached * inputPerMillion + cached * cachedInputPerMillion
                + usage.outputTokens() * outputPerMillion) / 1_000_000d;
        return Cost.usd(usd);
    }
}
