package io.jenkins.plugins.aiworkflow.engine.sandbox;

import io.jenkins.plugins.aiworkflow.engine.workspace.CommandResult;
import java.util.Objects;

/**
 * A command the agent ran through {@link Sandbox#runTrackedCommand}: its result and what
 * it changed in the workspace.
 */
public record CommandRun(CommandResult result, CommandChanges changes) {
    public CommandRun {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(changes, "changes");
    }
}
