package io.jenkins.plugins.aiworkflow.cli;

import io.jenkins.plugins.aiworkflow.engine.llm.OpenAiModelConfig;
import io.jenkins.plugins.aiworkflow.engine.step.Notation;
import java.time.Duration;
import java.util.Locale;

/**
 * Turns option text into values. Only the notation is checked here (is it a duration, a
 * number); whether a value is allowed is the engine's decision and message. Each method throws an
 * {@link IllegalArgumentException} saying what is accepted, which {@link OptionParser} reports
 * with the option's name. Numbers, durations and pass rates are written as a Pipeline step's values are,
 * so their notation is the engine's ({@link Notation}); provider and API names are the CLI's own.
 */
final class Converters {
    private Converters() {
    }

    /** A whole number of the {@code int} range, such as {@code 3} or {@code -1}. */
    static int parseInt(String value) {
        return Notation.parseInt(value);
    }

    /** A whole number of the {@code long} range. */
    static long parseLong(String value) {
        return Notation.parseLong(value);
    }

    /** A decimal number such as {@code 0.50}. */
    static double parseDouble(String value) {
        return Notation.parseDouble(value);
    }

    /** {@code openai}, {@code azure} or {@code compatible}, in any letter case. */
    static OpenAiModelConfig.Provider parseProvider(String value) {
        String text = value.strip().toUpperCase(Locale.ROOT);
        for (OpenAiModelConfig.Provider provider : OpenAiModelConfig.Provider.values()) {
            if (provider.name().equals(text)) {
                return provider;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not a provider; accepted: openai, azure, compatible "
                + "(any OpenAI-compatible server such as Ollama, vLLM or LiteLLM)");
    }

    /** {@code chat} (also {@code chat-completions}) or {@code responses}, in any letter case. */
    static OpenAiModelConfig.Api parseApi(String value) {
        String text = value.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (text) {
            case "chat", "chat-completions" -> OpenAiModelConfig.Api.CHAT_COMPLETIONS;
            case "responses" -> OpenAiModelConfig.Api.RESPONSES;
            default -> throw new IllegalArgumentException("'" + value + "' is not an API; accepted: chat (Chat "
                    + "Completions, also chat-completions) or responses (the Responses API)");
        };
    }

    /** The option value of an API: {@code chat} or {@code responses}. */
    static String formatApi(OpenAiModelConfig.Api api) {
        return api == OpenAiModelConfig.Api.CHAT_COMPLETIONS ? "chat" : "responses";
    }

    /** {@code 90s}, {@code 30m}, {@code 2h}, {@code 1h30m}, {@code 500ms}, {@code 1d}, or ISO-8601 {@code PT1H}. */
    static Duration parseDuration(String value) {
        return Notation.parseDuration(value);
    }

    /** The shortest of {@code 2h}, {@code 30m}, {@code 90s}, {@code 500ms} (or ISO-8601) that is exact. */
    static String formatDuration(Duration duration) {
        return Notation.formatDuration(duration);
    }

    /** A share such as {@code 0.95}, or a percentage such as {@code 95%}. */
    static double parsePassRate(String value) {
        return Notation.parsePassRate(value);
    }
}
