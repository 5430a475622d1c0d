package io.jenkins.plugins.aiworkflow.engine.sandbox;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.workspace.CommandRequest;
import io.jenkins.plugins.aiworkflow.engine.workspace.CommandResult;
import io.jenkins.plugins.aiworkflow.engine.workspace.OperatingSystem;
import io.jenkins.plugins.aiworkflow.engine.workspace.RestoreResult;
import io.jenkins.plugins.aiworkflow.engine.workspace.StateRequest;
import io.jenkins.plugins.aiworkflow.engine.workspace.Workspace;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceException;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceFile;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspacePaths;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceState;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A workspace as the agent may see it: hidden files, and symbolic links that lead to them, are
 * neither listed nor found by {@link #stat}, and reading or changing them (also through a
 * symbolic link) is refused. What the
 * engine reads on the agent's behalf without its tools (the context: instruction files, the
 * repository map, context globs) goes through this view, so that hidden means hidden there too.
 */
final class VisibleWorkspace implements Workspace {
    private final Workspace workspace;
    private final WorkspacePolicy policy;

    VisibleWorkspace(Workspace workspace, WorkspacePolicy policy) {
        this.workspace = workspace;
        this.policy = policy;
    }

    @Override
    public String describe() {
        return workspace.describe();
    }

    @Override
    public List<WorkspaceFile> find(List<String> includes) {
        return find(includes, dir -> false);
    }

    @Override
    public List<WorkspaceFile> find(List<String> includes, Predicate<String> skipDirectory) {
        List<WorkspaceFile> visible = new ArrayList<>();
        for (WorkspaceFile file : workspace.find(includes,
                dir -> policy.hidesEverythingBelow(dir) || skipDirectory.test(dir))) {
            if (!policy.isHidden(file.path()) && !(file.link() && leadsToHidden(file.path()))) {
                visible.add(file);
            }
        }
        return visible;
    }

    @Override
    public WorkspaceFile stat(String path) {
        String normalized = WorkspacePaths.normalize(path);
        if (policy.isHidden(normalized)) {
            return null;
        }
        WorkspaceFile file = workspace.stat(normalized);
        return file != null && file.link() && leadsToHidden(normalized) ? null : file;
    }

    /**
     * Whether a symbolic link leads to a hidden file: its size and time are that file's, so even
     * its name with them would tell about the hidden file. A link that cannot be followed counts.
     */
    private boolean leadsToHidden(String link) {
        try {
            return policy.isHidden(workspace.realPath(link));
        } catch (InvalidRequestException | WorkspaceException e) {
            return true;
        }
    }

    @Override
    public String realPath(String path) {
        return workspace.realPath(path);
    }

    @Override
    public InputStream openRead(String path) throws IOException {
        return workspace.openRead(visible(path));
    }

    @Override
    public void write(String path, byte[] content) {
        workspace.write(visible(path), content);
    }

    @Override
    public boolean delete(String path) {
        return workspace.delete(visible(path));
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

    /** The normalised path, refused when it or the file it leads to is hidden. */
    private String visible(String path) {
        String normalized = WorkspacePaths.normalize(path);
        policy.checkVisible(normalized);
        String real = workspace.realPath(normalized);
        if (!real.equals(normalized)) {
            policy.checkVisible(real);
        }
        return normalized;
    }

    @Override
    public WorkspaceState recordState(StateRequest request) {
        throw notInThisView();
    }

    @Override
    public RestoreResult restoreState(WorkspaceState state) {
        throw notInThisView();
    }

    @Override
    public void discardStates(String store) {
        throw notInThisView();
    }

    /** States are the caller's (the refine loop's), recorded on the workspace itself, not through the agent's view. */
    private static InvalidRequestException notInThisView() {
        return new InvalidRequestException("workspace", "workspace states are not recorded or restored through the "
                + "agent's view of the workspace; accepted: the workspace itself", null);
    }
}
