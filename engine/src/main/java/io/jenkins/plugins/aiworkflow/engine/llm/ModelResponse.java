package io.jenkins.plugins.aiworkflow.engine.llm;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to one {@link ModelRequest}.
 *
 * @param message      what the model said (text and tool calls); empty when there were no choices
 * @param finishReason why it stopped, as reported
 * @param refusal      the model's refusal text, or null when it did not refuse
 * @param usage        tokens of this call as reported by the provider (zero when it reported none)
 * @param latency      wall time of the whole call, including retries and waits
 * @param waited       the part of {@code latency} spent waiting before retries (backoff and Retry-After)
 * @param modelId      the model that answered, as reported (e.g. a dated snapshot)
 * @param attempts     HTTP attempts made (1 when the first one succeeded)
 */
public record ModelResponse(AssistantMessage message, FinishReason finishReason, String refusal, Usage usage,
                            Duration latency, Duration waited, String modelId, int attempts) {
    public ModelResponse {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(finishReason, "finishReason");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(waited, "waited");
        Objects.requireNonNull(modelId, "modelId");
        if (refusal != null && refusal.isEmpty()) {
            refusal = null;
        }
    }

    public Optional<String> refusalText() {
        return Optional.ofNullable(refusal);
    }
}
