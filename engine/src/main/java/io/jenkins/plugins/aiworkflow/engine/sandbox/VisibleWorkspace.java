package io.jenkins.plugins.aiworkflow.engine.sandbox;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.workspace.CommandRequest;
import io.jenkins.plugins.aiworkflow.engine.workspace.CommandResult;
import io.jenkins.plugins.aiworkflow.engine.workspace.OperatingSystem;
import io.jenkins.plugins.aiworkflow.engine.workspace.PathRules;
import io.jenkins.plugins.aiworkflow.engine.workspace.RestoreResult;
import io.jenkins.plugins.aiworkflow.engine.workspace.SkipRule;
import io.jenkins.plugins.aiworkflow.engine.workspace.StateRequest;
import io.jenkins.plugins.aiworkflow.engine.workspace.Workspace;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceException;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceFile;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspacePaths;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceState;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceTask;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A workspace as the agent may see it: hidden files, and symbolic links that lead to them, are
 * neither listed nor found by {@link #stat}, and reading or changing them (also through a
 * symbolic link) is refused. What the
 * engine reads on the agent's behalf without its tools (the context: instruction files, the
 * repository map, context globs) goes through this view, so that hidden means hidden there too.
 *
 * <p>Tasks too: {@link #call} sends a task wrapped with the hidden globs ({@link PathRules}, never the rest
 * of the policy), and where the files are it runs against this view of the workspace there. A listing is
 * such a task, so that the links among the files found are followed there, not one call each.
 */
final class VisibleWorkspace implements Workspace {
    private final Workspace workspace;
    /** The agent's hidden globs, as rules. */
    private final PathRules policy;

    VisibleWorkspace(Workspace workspace, WorkspacePolicy policy) {
        this(workspace, policy.hiddenRules());
    }

    private VisibleWorkspace(Workspace workspace, PathRules rules) {
        this.workspace = workspace;
        this.policy = rules;
    }

    @Override
    public String describe() {
        return workspace.describe();
    }

    @Override
    public List<WorkspaceFile> find(List<String> includes) {
        return find(includes, SkipRule.none());
    }

    @Override
    public List<WorkspaceFile> find(List<String> includes, SkipRule skip) {
        return workspace.call(new VisibleFind(policy, List.copyOf(includes), skip));
    }

    /**
     * The view's listing where the files are: hidden directories not entered, hidden files and links to them left
     * out.
     */
    private record VisibleFind(PathRules rules, List<String> includes, SkipRule skip)
            implements WorkspaceTask<ArrayList<WorkspaceFile>> {
        @Override
        public ArrayList<WorkspaceFile> run(Workspace local) {
            VisibleWorkspace view = new VisibleWorkspace(local, rules);
            ArrayList<WorkspaceFile> visible = new ArrayList<>();
            for (WorkspaceFile file : local.find(includes, new HiddenOrSkipped(rules, skip))) {
                if (!rules.isHidden(file.path()) && !(file.link() && view.leadsToHidden(file.path()))) {
                    visible.add(file);
                }
            }
            return visible;
        }
    }

    /**
     * Skips what is hidden as a whole, and what the caller's rule skips (asked with the view, so that it sees no
     * hidden file).
     */
    private record HiddenOrSkipped(PathRules rules, SkipRule skip) implements SkipRule {
        @Override
        public boolean skips(String directory, Workspace workspace) {
            return rules.hidesEverythingBelow(directory)
                    || skip.skips(directory, new VisibleWorkspace(workspace, rules));
        }
    }

    /** Runs a task against this view where the files are. */
    @Override
    public <T extends Serializable> T call(WorkspaceTask<T> task) {
        return workspace.call(new HidingTask<>(policy, task));
    }

    /** A task that runs against the agent's view of the workspace where it arrives. */
    private record HidingTask<T extends Serializable>(PathRules rules, WorkspaceTask<T> task)
            implements WorkspaceTask<T> {
        @Override
        public T run(Workspace local) {
            return task.run(new VisibleWorkspace(local, rules));
        }
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
        WorkspacePolicy.checkVisible(policy, normalized);
        String real = workspace.realPath(normalized);
        if (!real.equals(normalized)) {
            WorkspacePolicy.checkVisible(policy, real);
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
