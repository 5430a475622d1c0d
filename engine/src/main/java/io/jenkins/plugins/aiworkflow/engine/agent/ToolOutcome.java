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
 * @param cannotProceed  for a {@code finish} call: true when the agent says the intent cannot be carried out
 */
public record ToolOutcome(String content, boolean error, boolean finish, CommandChanges commandChanges,
                          boolean cannotProceed) {
    public ToolOutcome {
        Objects.requireNonNull(content, "content");
        if (cannotProceed && !finish) {
            throw new IllegalArgumentException("only a finish can say that the agent cannot proceed");
        }
    }

    public ToolOutcome(String content, boolean error, boolean finish, CommandChanges commandChanges) {
        this(content, error, finish, commandChanges, false);
    }

    public ToolOutcome(String content, boolean error, boolean finish) {
        this(content, error, finish, null, false);
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

    static ToolOutcome cannotProceed(String summary) {
        return new ToolOutcome(summary, false, true, null, true);
    }
}
