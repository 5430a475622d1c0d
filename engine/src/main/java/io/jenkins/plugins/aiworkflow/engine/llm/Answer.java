package io.jenkins.plugins.aiworkflow.engine.llm;

/** What one API returned, before timing and attempts are added; {@code usage} is null when none was reported. */
record Answer(AssistantMessage message, FinishReason finishReason, String refusal, Usage usage, String modelId) {
}
