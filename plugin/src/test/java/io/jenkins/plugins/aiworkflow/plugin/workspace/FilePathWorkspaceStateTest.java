package io.jenkins.plugins.aiworkflow.plugin.workspace;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.TaskListener;
import io.jenkins.plugins.aiworkflow.engine.workspace.Workspace;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceStateContract;
import java.nio.charset.Charset;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The engine's {@link WorkspaceStateContract} for the plugin's workspace, over a real remoting channel. */
class FilePathWorkspaceStateTest extends WorkspaceStateContract {
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
    protected Workspace workspace(Path root) {
        TaskListener listener = TaskListener.NULL;
        return new FilePathWorkspace(new FilePath(agent.channel(), root.toString()), agent.launcher(listener),
                new EnvVars(System.getenv()), listener, Charset.defaultCharset());
    }
}
