package io.jenkins.plugins.aiworkflow.engine.workspace;

import java.time.Instant;
import java.util.Objects;

/**
 * A regular file or a directory in a workspace.
 *
 * @param path         relative to the workspace root, with {@code /} ({@code ""} for the root)
 * @param size         bytes (for a directory: whatever the file system reports)
 * @param lastModified modification time
 * @param directory    true for a directory, false for a regular file
 */
public record WorkspaceFile(String path, long size, Instant lastModified, boolean directory) {
    public WorkspaceFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(lastModified, "lastModified");
    }

    /** A regular file. */
    public WorkspaceFile(String path, long size, Instant lastModified) {
        this(path, size, lastModified, false);
    }
}
