package io.jenkins.plugins.aiworkflow.engine.workspace;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;

/**
 * The port through which the engine touches files and runs commands: everything is
 * relative to one root and checked by {@link WorkspacePaths}. {@link LocalWorkspace}
 * works on the local file system; the Jenkins plugin implements it on the build agent.
 */
public interface Workspace {
    /** A human-readable description of the root, for messages. */
    String describe();

    /**
     * Regular files matching any of the Ant-style patterns, sorted by path. Symbolic links
     * that lead outside the root and {@code .git} directories are never listed.
     */
    List<WorkspaceFile> find(List<String> includes);

    /** Opens a file for reading. */
    InputStream openRead(String path) throws IOException;

    /**
     * Runs a command in the root and waits for it, killing its whole process tree at the
     * timeout or when the calling thread is interrupted.
     *
     * @param outputLines receives each output line as it comes (may be a no-op)
     */
    CommandResult run(CommandRequest request, Consumer<String> outputLines);
}
