package io.jenkins.plugins.aiworkflow.engine.llm;

/** Why the model stopped producing output, as the provider reported it. */
public enum FinishReason {
    /** A natural end of the answer. */
    STOP,
    /** The model asked to call tools. */
    TOOL_CALLS,
    /** The output was cut at the output-token limit; the answer is truncated. */
    LENGTH,
    /** The provider's content filter removed or stopped the output. */
    CONTENT_FILTER,
    /** The answer had no choices (Chat Completions) or no output items (Responses). */
    NO_CHOICES,
    /** Anything else, including a missing finish reason. */
    OTHER
}
