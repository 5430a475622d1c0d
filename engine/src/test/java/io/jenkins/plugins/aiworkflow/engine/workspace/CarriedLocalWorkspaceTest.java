package io.jenkins.plugins.aiworkflow.engine.workspace;

import java.nio.file.Path;
import java.util.Map;

/**
 * {@link LocalWorkspace} behind Java serialization, as the plugin carries its calls to a build agent
 * ({@link SerializingWorkspace}): the contract holds with every task, result and exception carried.
 */
class CarriedLocalWorkspaceTest extends WorkspaceContract {
    @Override
    protected Workspace workspace(Path root, Map<String, String> environment) {
        return new SerializingWorkspace(new LocalWorkspace(root, environment));
    }
}
