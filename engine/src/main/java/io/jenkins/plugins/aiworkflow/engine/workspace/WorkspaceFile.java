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
 * @param link         true when the path itself is a symbolic link (inside the workspace); size and time are then its
 *                     target's. Comparing snapshots needs it: a link's content is its target's, shown under the
 *                     target's own path, never under the link's
 */
public record WorkspaceFile(String path, long size, Instant lastModified, boolean directory, boolean link) {
    public WorkspaceFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(lastModified, "lastModified");
    }

    /** A regular file or a directory, not a link. */
    public WorkspaceFile(String path, long size, Instant lastModified, boolean directory) {
        this(path, size, lastModified, directory, false);
    }

    /** A regular file, not a link. */
    public WorkspaceFile(String path, long size, Instant lastModified) {
        this(path, size, lastModified, false, false);
    }
}
