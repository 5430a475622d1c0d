package io.jenkins.plugins.aiworkflow.engine.llm;

import java.util.Locale;

/**
 * Money spent on model calls, in US dollars. When some calls used a model that has no price,
 * the cost is not {@link #known()}: {@link #usd()} then holds only the priced part, a lower bound,
 * and is shown as such. A cost is never guessed.
 */
public record Cost(boolean known, double usd) {
    public static final Cost ZERO = new Cost(true, 0);
    /** The cost of a call whose model has no price. */
    public static final Cost UNKNOWN = new Cost(false, 0);

    public Cost {
        if (usd < 0 || Double.isNaN(usd) || Double.isInfinite(usd)) {
            throw new IllegalArgumentException("cost must be a finite amount >= 0, was " + usd);
        }
    }

    public static Cost usd(double usd) {
        return new Cost(true, usd);
    }

    /** The sum; unknown when either part is unknown (the priced parts still add up). */
    public Cost plus(Cost other) {
        return new Cost(known && other.known, usd + other.usd);
    }

    /** {@code $0.0123}, {@code unknown}, or {@code >= $0.0123 (some calls unpriced)}. */
    @Override
    public String toString() {
        String amount = String.format(Locale.ROOT, "$%.4f", usd);
        if (known) {
            return amount;
        }
        return usd == 0 ? "unknown" : ">= " + amount + " (some calls unpriced)";
    }
}
