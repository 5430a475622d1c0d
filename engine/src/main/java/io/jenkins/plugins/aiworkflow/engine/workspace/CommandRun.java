package io.jenkins.plugins.aiworkflow.engine.workspace;

import java.util.Objects;

/**
 * A command the agent ran through {@link SandboxedWorkspace#runTrackedCommand}: its result and what
 * it changed in the workspace.
 */
public record CommandRun(CommandResult result, CommandChanges changes) {
    public CommandRun {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(changes, "changes");
    }
}
