package io.jenkins.plugins.aiworkflow.engine.workspace;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.pattern.GitIgnore;
import java.io.IOException;
import java.io.InputStream;

/** The {@code .gitignore} files of a workspace, read through the port for {@link GitIgnore}. */
public final class GitIgnoreFiles {
    private GitIgnoreFiles() {
    }

    /** The workspace's .gitignore files as the source of a {@link GitIgnore}. */
    public static GitIgnore.Source of(Workspace workspace) {
        return dir -> read(workspace, dir);
    }

    /**
     * The first {@link GitIgnore#MAX_FILE_BYTES} bytes of the .gitignore of {@code dir} in {@code workspace},
     * null when there is none.
     *
     * @throws IOException when it cannot be read, also when the workspace refuses it (a symbolic link leading
     *                     outside): git goes on without it, and so does {@link GitIgnore}
     */
    public static byte[] read(Workspace workspace, String dir) throws IOException {
        String file = dir.isEmpty() ? ".gitignore" : dir + "/.gitignore";
        try {
            WorkspaceFile stat = workspace.stat(file);
            if (stat == null || stat.directory()) {
                return null;
            }
            try (InputStream in = workspace.openRead(file)) {
                return in.readNBytes(GitIgnore.MAX_FILE_BYTES);
            }
        } catch (InvalidRequestException | WorkspaceException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
