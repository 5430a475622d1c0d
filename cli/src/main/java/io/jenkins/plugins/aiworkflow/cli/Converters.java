package io.jenkins.plugins.aiworkflow.cli;

import io.jenkins.plugins.aiworkflow.engine.llm.OpenAiModelConfig;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Turns option text into values. Only the notation is checked here (is it a duration, a
 * number); whether a value is allowed is the engine's decision and message.
 */
final class Converters {
    private static final Pattern DURATION = Pattern.compile("(?:\\d+(?:ms|s|m|h|d))+");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Converters() {
    }

    /** {@code 90s}, {@code 30m}, {@code 2h}, {@code 1h30m}, {@code 500ms}, {@code 1d}, or ISO-8601 {@code PT1H}. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return parseDuration(value);
        }
    }

    /** A share such as {@code 0.95}, or a percentage such as {@code 95%}. */
    static final class PassRateConverter implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            return parsePassRate(value);
        }
    }

    /** {@code openai}, {@code azure} or {@code compatible}, in any letter case. */
    static final class ProviderConverter implements ITypeConverter<OpenAiModelConfig.Provider> {
        @Override
        public OpenAiModelConfig.Provider convert(String value) {
            return parseProvider(value);
        }
    }

    /** {@code chat} (also {@code chat-completions}) or {@code responses}, in any letter case. */
    static final class ApiConverter implements ITypeConverter<OpenAiModelConfig.Api> {
        @Override
        public OpenAiModelConfig.Api convert(String value) {
            return parseApi(value);
        }
    }

    static OpenAiModelConfig.Provider parseProvider(String value) {
        String text = value.strip().toUpperCase(Locale.ROOT);
        for (OpenAiModelConfig.Provider provider : OpenAiModelConfig.Provider.values()) {
            if (provider.name().equals(text)) {
                return provider;
            }
        }
        throw new TypeConversionException("'" + value + "' is not a provider; accepted: openai, azure, compatible "
                + "(any OpenAI-compatible server such as Ollama, vLLM or LiteLLM)");
    }

    static OpenAiModelConfig.Api parseApi(String value) {
        String text = value.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (text) {
            case "chat", "chat-completions" -> OpenAiModelConfig.Api.CHAT_COMPLETIONS;
            case "responses" -> OpenAiModelConfig.Api.RESPONSES;
            default -> throw new TypeConversionException("'" + value + "' is not an API; accepted: chat (Chat "
                    + "Completions, also chat-completions) or responses (the Responses API)");
        };
    }

    /** The option value of an API: {@code chat} or {@code responses}. */
    static String formatApi(OpenAiModelConfig.Api api) {
        return api == OpenAiModelConfig.Api.CHAT_COMPLETIONS ? "chat" : "responses";
    }

    static Duration parseDuration(String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        try {
            if (text.startsWith("p")) {
                return Duration.parse(text.toUpperCase(Locale.ROOT));
            }
            if (DURATION.matcher(text).matches()) {
                Duration total = Duration.ZERO;
                Matcher part = DURATION_PART.matcher(text);
                while (part.find()) {
                    long amount = Long.parseLong(part.group(1));
                    total = total.plus(switch (part.group(2)) {
                        case "ms" -> Duration.ofMillis(amount);
                        case "s" -> Duration.ofSeconds(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        case "h" -> Duration.ofHours(amount);
                        default -> Duration.ofDays(amount);
                    });
                }
                return total;
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            // reported below
        }
        throw new TypeConversionException("'" + value + "' is not a duration; accepted: a number with a unit "
                + "(ms, s, m, h, d) such as 90s, 30m, 2h or 1h30m, or ISO-8601 such as PT1H");
    }

    /** The shortest of {@code 2h}, {@code 30m}, {@code 90s}, {@code 500ms} (or ISO-8601) that is exact. */
    static String formatDuration(Duration duration) {
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

    static double parsePassRate(String value) {
        String text = value.strip();
        boolean percent = text.endsWith("%");
        if (percent) {
            text = text.substring(0, text.length() - 1).strip();
        }
        try {
            BigDecimal number = new BigDecimal(text);
            return (percent ? number.movePointLeft(2) : number).doubleValue();
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a pass rate; accepted: a share from 0 to 1 "
                    + "such as 0.95, or a percentage such as 95%");
        }
    }
}
