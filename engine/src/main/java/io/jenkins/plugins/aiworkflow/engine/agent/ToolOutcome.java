package io.jenkins.plugins.aiworkflow.engine.agent;

import java.util.Objects;

/**
 * What a tool call gives back to the model.
 *
 * @param content the text sent back as the tool result
 * @param error   true when the call was refused or failed; the content says why
 * @param finish  true for a successful {@code finish} call; the content is the summary
 */
public record ToolOutcome(String content, boolean error, boolean finish) {
    public ToolOutcome {
        Objects.requireNonNull(content, "content");
    }

    static ToolOutcome ok(String content) {
        return new ToolOutcome(content, false, false);
    }

    static ToolOutcome error(String content) {
        return new ToolOutcome("ERROR: " + content, true, false);
    }

    static ToolOutcome finished(String summary) {
        return new ToolOutcome(summary, false, true);
    }
}
