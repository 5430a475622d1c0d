package io.jenkins.plugins.aiworkflow.engine.step;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * How step parameter values are written as text, the same in the CLI's options and a Pipeline step's strings:
 * whole numbers, decimals, durations ({@code 90s}, {@code 30m}, {@code 1h30m}, {@code PT1H}) and pass rates
 * ({@code 0.95}, {@code 95%}). Only the notation is checked here; whether a value is allowed is the request's
 * decision and message. Each method throws an {@link IllegalArgumentException} saying what is accepted, which
 * the caller reports with the parameter's or option's name. Plain loops, no regular expressions: the CLI reads a
 * duration at start-up ({@code docs/performance.md}).
 */
public final class Notation {
    private Notation() {
    }

    /** A whole number of the {@code int} range, such as {@code 3} or {@code -1}. */
    public static int parseInt(String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a whole number; accepted: an integer from "
                    + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + " such as 3", e);
        }
    }

    /** A whole number of the {@code long} range. */
    public static long parseLong(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a whole number; accepted: an integer such as 3",
                    e);
        }
    }

    /** A decimal number such as {@code 0.50}. */
    public static double parseDouble(String value) {
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a number; accepted: a decimal number such as "
                    + "0.50", e);
        }
    }

    /** {@code 90s}, {@code 30m}, {@code 2h}, {@code 1h30m}, {@code 500ms}, {@code 1d}, or ISO-8601 {@code PT1H}. */
    public static Duration parseDuration(String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        try {
            if (text.startsWith("p")) {
                return Duration.parse(text.toUpperCase(Locale.ROOT));
            }
            Duration total = unitsDuration(text);
            if (total != null) {
                return total;
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + value + "' is not a duration; accepted: a number with a unit "
                + "(ms, s, m, h, d) such as 90s, 30m, 2h or 1h30m, or ISO-8601 such as PT1H");
    }

    /** One or more parts of digits and a unit ({@code 1h30m}), or null for any other text. */
    private static Duration unitsDuration(String text) {
        if (text.isEmpty()) {
            return null;
        }
        Duration total = Duration.ZERO;
        int at = 0;
        while (at < text.length()) {
            int digits = at;
            while (digits < text.length() && text.charAt(digits) >= '0' && text.charAt(digits) <= '9') {
                digits++;
            }
            if (digits == at || digits == text.length()) {
                return null;
            }
            long amount = Long.parseLong(text.substring(at, digits));
            if (text.startsWith("ms", digits)) {
                total = total.plus(Duration.ofMillis(amount));
                at = digits + 2;
                continue;
            }
            char unit = text.charAt(digits);
            if (unit == 's') {
                total = total.plus(Duration.ofSeconds(amount));
            } else if (unit == 'm') {
                total = total.plus(Duration.ofMinutes(amount));
            } else if (unit == 'h') {
                total = total.plus(Duration.ofHours(amount));
            } else if (unit == 'd') {
                total = total.plus(Duration.ofDays(amount));
            } else {
                return null;
            }
            at = digits + 1;
        }
        return total;
    }

    /** The shortest of {@code 2h}, {@code 30m}, {@code 90s}, {@code 500ms} (or ISO-8601) that is exact. */
    public static String formatDuration(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return duration.toString();
        }
        long millis = duration.toMillis();
        if (!Duration.ofMillis(millis).equals(duration)) {
            return duration.toString();
        }
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return millis + "ms";
    }

    /** A share such as {@code 0.95}, or a percentage such as {@code 95%}. */
    public static double parsePassRate(String value) {
        String text = value.strip();
        boolean percent = text.endsWith("%");
        if (percent) {
            text = text.substring(0, text.length() - 1).strip();
        }
        try {
            BigDecimal number = new BigDecimal(text);
            return (percent ? number.movePointLeft(2) : number).doubleValue();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a pass rate; accepted: a share from 0 to 1 "
                    + "such as 0.95, or a percentage such as 95%");
        }
    }
}
