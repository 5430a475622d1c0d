package io.jenkins.plugins.aiworkflow.engine.workspace;

import java.nio.file.Path;

/** {@link LocalWorkspace} passes the recorded-state half of the port's contract. */
class LocalWorkspaceStateTest extends WorkspaceStateContract {
    @Override
    protected Workspace workspace(Path root) {
        return new LocalWorkspace(root);
    }
}
