package io.jenkins.plugins.aiworkflow.engine.workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link Workspace#find(List, SkipRule)} as a task: how a workspace on another machine carries a walk with its
 * skip rule to where the files are, in one call ({@code return new ArrayList<>(call(new FindTask(includes,
 * skip)))}), instead of listing everything and filtering here, which is what the port's default does.
 *
 * @param includes the Ant-style patterns
 * @param skip     the directories the walk does not enter
 */
public record FindTask(List<String> includes, SkipRule skip) implements WorkspaceTask<ArrayList<WorkspaceFile>> {
    public FindTask {
        includes = List.copyOf(includes);
        Objects.requireNonNull(skip, "skip");
    }

    @Override
    public ArrayList<WorkspaceFile> run(Workspace local) {
        return new ArrayList<>(local.find(includes, skip));
    }
}
