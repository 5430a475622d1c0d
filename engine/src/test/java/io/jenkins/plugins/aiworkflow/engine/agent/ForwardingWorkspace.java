package io.jenkins.plugins.aiworkflow.engine.agent;

import io.jenkins.plugins.aiworkflow.engine.workspace.CommandRequest;
import io.jenkins.plugins.aiworkflow.engine.workspace.CommandResult;
import io.jenkins.plugins.aiworkflow.engine.workspace.OperatingSystem;
import io.jenkins.plugins.aiworkflow.engine.workspace.RestoreResult;
import io.jenkins.plugins.aiworkflow.engine.workspace.SkipRule;
import io.jenkins.plugins.aiworkflow.engine.workspace.StateRequest;
import io.jenkins.plugins.aiworkflow.engine.workspace.Workspace;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceFile;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceState;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceTask;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A workspace that does what the one it wraps does; tests override the operation they change. */
class ForwardingWorkspace implements Workspace {
    private final Workspace workspace;

    ForwardingWorkspace(Workspace workspace) {
        this.workspace = workspace;
    }

    @Override
    public String describe() {
        return workspace.describe();
    }

    @Override
    public List<WorkspaceFile> find(List<String> includes) {
        return workspace.find(includes);
    }

    @Override
    public List<WorkspaceFile> find(List<String> includes, SkipRule skip) {
        return workspace.find(includes, skip);
    }

    @Override
    public <T extends Serializable> T call(WorkspaceTask<T> task) {
        return workspace.call(task);
    }

    @Override
    public WorkspaceFile stat(String path) {
        return workspace.stat(path);
    }

    @Override
    public String realPath(String path) {
        return workspace.realPath(path);
    }

    @Override
    public InputStream openRead(String path) throws IOException {
        return workspace.openRead(path);
    }

    @Override
    public void write(String path, byte[] content) {
        workspace.write(path, content);
    }

    @Override
    public boolean delete(String path) {
        return workspace.delete(path);
    }

    @Override
    public OperatingSystem operatingSystem() {
        return workspace.operatingSystem();
    }

    @Override
    public Map<String, String> environment() {
        return workspace.environment();
    }

    @Override
    public CommandResult run(CommandRequest request, Consumer<String> outputLines) {
        return workspace.run(request, outputLines);
    }

    @Override
    public WorkspaceState recordState(StateRequest request) {
        return workspace.recordState(request);
    }

    @Override
    public RestoreResult restoreState(WorkspaceState state) {
        return workspace.restoreState(state);
    }

    @Override
    public void discardStates(String store) {
        workspace.discardStates(store);
    }
}
