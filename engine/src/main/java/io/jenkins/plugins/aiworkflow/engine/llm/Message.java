package io.jenkins.plugins.aiworkflow.engine.llm;

/**
 * One message of a conversation with a model. Provider-neutral and immutable; {@link OpenAiModel}
 * translates it to the wire format of the chosen API.
 */
public sealed interface Message permits SystemMessage, UserMessage, AssistantMessage, ToolResultMessage {
}
