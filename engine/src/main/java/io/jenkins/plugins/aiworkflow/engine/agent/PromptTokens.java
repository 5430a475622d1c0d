package io.jenkins.plugins.aiworkflow.engine.agent;

import io.jenkins.plugins.aiworkflow.engine.context.TokenCounter;
import io.jenkins.plugins.aiworkflow.engine.llm.AssistantMessage;
import io.jenkins.plugins.aiworkflow.engine.llm.Message;
import io.jenkins.plugins.aiworkflow.engine.llm.SystemMessage;
import io.jenkins.plugins.aiworkflow.engine.llm.ToolCall;
import io.jenkins.plugins.aiworkflow.engine.llm.ToolResultMessage;
import io.jenkins.plugins.aiworkflow.engine.llm.ToolSpec;
import io.jenkins.plugins.aiworkflow.engine.llm.UserMessage;
import java.util.List;

/**
 * About how many input tokens the next call's prompt takes, so that the budget can refuse a call whose prompt
 * alone would break a limit and cap its answer to what is left ({@code Budget.checkCall}, {@code outputCap}).
 * The server's count of the last prompt is the base once there is one, and only the messages added since are
 * counted (each once, with the model's tokenizer); before the first call, the messages and the tools' specs are
 * counted. The chat format's own tokens per message are added as an allowance. Not thread-safe: one per run.
 */
final class PromptTokens {
    /** What the chat format adds per message (role, separators), a little above what OpenAI's models use. */
    static final int PER_MESSAGE = 8;

    private final TokenCounter counter;
    /** Tokens of the messages before {@link #counted}, the tools' specs included. */
    private long known;
    private int counted;

    PromptTokens(TokenCounter counter, List<ToolSpec> tools) {
        this.counter = counter;
        for (ToolSpec tool : tools) {
            known += counter.count(tool.name()) + counter.count(tool.description())
                    + counter.count(tool.parametersJsonSchema()) + PER_MESSAGE;
        }
    }

    /** The estimate for a call that sends {@code messages}. */
    long estimate(List<Message> messages) {
        for (int i = counted; i < messages.size(); i++) {
            known += count(messages.get(i));
        }
        counted = messages.size();
        return known;
    }

    /**
     * What the server counted for the prompt of the call that sent the first {@code sent} messages: the base of
     * the next estimate. A server that reports no input tokens (0) leaves the estimate as it is.
     */
    void reported(long inputTokens, int sent) {
        if (inputTokens > 0 && sent <= counted) {
            known = inputTokens;
            counted = sent;
        }
    }

    private long count(Message message) {
        long tokens = PER_MESSAGE;
        if (message instanceof SystemMessage system) {
            tokens += counter.count(system.text());
        } else if (message instanceof UserMessage user) {
            tokens += counter.count(user.text());
        } else if (message instanceof ToolResultMessage result) {
            tokens += counter.count(result.content()) + counter.count(result.toolCallId());
        } else if (message instanceof AssistantMessage assistant) {
            tokens += counter.count(assistant.text());
            for (ToolCall call : assistant.toolCalls()) {
                tokens += counter.count(call.id()) + counter.count(call.name()) + counter.count(call.argumentsJson())
                        + PER_MESSAGE;
            }
        }
        return tokens;
    }
}
