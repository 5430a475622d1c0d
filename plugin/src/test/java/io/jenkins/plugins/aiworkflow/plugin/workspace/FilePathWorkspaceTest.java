package io.jenkins.plugins.aiworkflow.plugin.workspace;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.TaskListener;
import io.jenkins.plugins.aiworkflow.engine.workspace.Workspace;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceContract;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The engine's shared {@link WorkspaceContract} for the plugin's workspace: every file operation crosses a
 * real remoting channel to an agent end ({@link InProcessAgent}) and every command starts through a remote
 * launcher, so the engine's requests, results and exceptions are serialized both ways.
 */
class FilePathWorkspaceTest extends WorkspaceContract {
    private static InProcessAgent agent;

    @BeforeAll
    static void connectAgent() throws Exception {
        agent = new InProcessAgent();
    }

    @AfterAll
    static void disconnectAgent() throws Exception {
        agent.close();
    }

    @Override
    protected Workspace workspace(Path root, Map<String, String> environment) {
        TaskListener listener = TaskListener.NULL;
        return new FilePathWorkspace(new FilePath(agent.channel(), root.toString()), agent.launcher(listener),
                new EnvVars(environment), listener, Charset.defaultCharset());
    }
}
