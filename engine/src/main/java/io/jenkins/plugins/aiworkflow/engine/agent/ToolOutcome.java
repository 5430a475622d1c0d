package io.jenkins.plugins.aiworkflow.engine.agent;

import io.jenkins.plugins.aiworkflow.engine.sandbox.CommandChanges;
import java.util.Objects;
import java.util.Optional;

/**
 * What a tool call gives back to the model.
 *
 * @param content        the text sent back as the tool result
 * @param error          true when the call was refused or failed; the content says why
 * @param finish         true for a successful {@code finish} call; the content is the summary
 * @param commandChanges for {@code run_command}: what the command changed in the workspace; null otherwise
 */
public record ToolOutcome(String content, boolean error, boolean finish, CommandChanges commandChanges) {
    public ToolOutcome {
        Objects.requireNonNull(content, "content");
    }

    public ToolOutcome(String content, boolean error, boolean finish) {
        this(content, error, finish, null);
    }

    /** What a command changed, for a {@code run_command} call that ran. */
    public Optional<CommandChanges> changes() {
        return Optional.ofNullable(commandChanges);
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
