package io.jenkins.plugins.aiworkflow.engine.workspace;

import java.io.Serializable;

/**
 * Which directories a walk ({@link Workspace#find(java.util.List, SkipRule)}) does not enter: what makes a walk
 * that skips {@code node_modules/} or what git ignores cheaper than filtering afterwards. Asked where the files
 * are, once per directory, parents before children, so it may read files of the workspace walked (a
 * {@code .gitignore}) and remember what it read. Serializable data like a {@link WorkspaceTask}, a named class,
 * never a lambda: a workspace on another machine carries the rule there with the walk, and what the rule learns
 * while walking stays there; a caller that needs it afterwards walks inside a task.
 */
public interface SkipRule extends Serializable {
    /**
     * Whether the walk leaves out {@code directory} and everything below it.
     *
     * @param directory a normalised workspace-relative directory path, such as {@code src/main}
     * @param workspace the workspace being walked, where the files are
     */
    boolean skips(String directory, Workspace workspace);

    /** A rule that skips nothing. */
    static SkipRule none() {
        return Nothing.NOTHING;
    }

    /** The rule of {@link #none()}. */
    enum Nothing implements SkipRule {
        NOTHING;

        @Override
        public boolean skips(String directory, Workspace workspace) {
            return false;
        }
    }
}
