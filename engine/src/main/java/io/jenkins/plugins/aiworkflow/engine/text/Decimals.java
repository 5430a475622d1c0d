package io.jenkins.plugins.aiworkflow.engine.text;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A number with a fixed count of decimals, as {@code String.format(Locale.ROOT, "%.2f", value)}
 * writes it, without {@link java.util.Formatter}: its first use loads locale providers and
 * CLDR data, about a third of what a small {@code aiwf validate} run otherwise executes
 * (docs/performance.md). Like {@code %.Nf}, it rounds the shortest decimal form of the double
 * half up.
 */
public final class Decimals {
    private Decimals() {
    }

    /** {@code value} with {@code decimals} digits after the point; NaN and infinities as {@code %f} writes them. */
    public static String fixed(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        String text = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
        // %f keeps the sign of a negative value that rounds to zero ("-0.00"); so does this
        boolean negative = Double.doubleToRawLongBits(value) < 0; // -0.0 included, as %f writes it
        return negative && text.charAt(0) != '-' ? "-" + text : text;
    }
}
