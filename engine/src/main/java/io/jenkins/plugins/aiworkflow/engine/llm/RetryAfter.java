package io.jenkins.plugins.aiworkflow.engine.llm;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * The wait a server asks for before a retry, read like openai-java reads it: {@code Retry-After-Ms}
 * (milliseconds) first, then {@code Retry-After} as seconds or as an HTTP date.
 */
final class RetryAfter {
    private RetryAfter() {
    }

    static Optional<Duration> parse(String retryAfterMs, String retryAfter, Clock clock) {
        if (retryAfterMs != null) {
            Optional<Double> millis = number(retryAfterMs);
            if (millis.isPresent()) {
                return Optional.of(Duration.ofNanos((long) (millis.get() * 1_000_000d)));
            }
        }
        if (retryAfter == null || retryAfter.isBlank()) {
            return Optional.empty();
        }
        Optional<Double> seconds = number(retryAfter);
        if (seconds.isPresent()) {
            return Optional.of(Duration.ofNanos((long) (seconds.get() * 1_000_000_000d)));
        }
        try {
            OffsetDateTime at = OffsetDateTime.parse(retryAfter.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration until = Duration.between(OffsetDateTime.now(clock), at);
            return Optional.of(until.isNegative() ? Duration.ZERO : until);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Double> number(String text) {
        try {
            double value = Double.parseDouble(text.strip());
            return value >= 0 && !Double.isInfinite(value) && !Double.isNaN(value) ? Optional.of(value)
                    : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code 9 s}, {@code 0.4 s}, {@code 1.25 s}: a duration as people read it in a log. */
    static String seconds(Duration duration) {
        double seconds = duration.toNanos() / 1_000_000_000d;
        String text = String.format(Locale.ROOT, "%.2f", seconds);
        text = text.replaceAll("0+$", "").replaceAll("\\.$", "");
        return text + " s";
    }
}
