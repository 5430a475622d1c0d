package io.jenkins.plugins.aiworkflow.engine.workspace;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A workspace that forwards every method of the port to another one, for tests that change or
 * watch one of them. Like an implementation that only has what the port requires, it keeps the
 * port's default {@link Workspace#find(List, SkipRule)}. A task it forwards too, as a workspace on
 * another machine sends it there: what the task does runs on the other workspace, unseen here; a
 * test that watches what a task does overrides {@link #call} to run the task on this workspace.
 */
public class ForwardingWorkspace implements Workspace {
    private final Workspace delegate;

    public ForwardingWorkspace(Workspace delegate) {
        this.delegate = delegate;
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public List<WorkspaceFile> find(List<String> includes) {
        return delegate.find(includes);
    }

    @Override
    public <T extends Serializable> T call(WorkspaceTask<T> task) {
        return delegate.call(task);
    }

    @Override
    public WorkspaceFile stat(String path) {
        return delegate.stat(path);
    }

    @Override
    public String realPath(String path) {
        return delegate.realPath(path);
    }

    @Override
    public InputStream openRead(String path) throws IOException {
        return delegate.openRead(path);
    }

    @Override
    public void write(String path, byte[] content) {
        delegate.write(path, content);
    }

    @Override
    public boolean delete(String path) {
        return delegate.delete(path);
    }

    @Override
    public OperatingSystem operatingSystem() {
        return delegate.operatingSystem();
    }

    @Override
    public Map<String, String> environment() {
        return delegate.environment();
    }

    @Override
    public CommandResult run(CommandRequest request, Consumer<String> outputLines) {
        return delegate.run(request, outputLines);
    }

    @Override
    public WorkspaceState recordState(StateRequest request) {
        return delegate.recordState(request);
    }

    @Override
    public RestoreResult restoreState(WorkspaceState state) {
        return delegate.restoreState(state);
    }

    @Override
    public void discardStates(String store) {
        delegate.discardStates(store);
    }
}
