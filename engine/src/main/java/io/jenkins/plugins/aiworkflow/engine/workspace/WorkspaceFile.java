package io.jenkins.plugins.aiworkflow.engine.workspace;

import java.io.Serializable;
import java.time.Duration;
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
 * @param executable   true for a regular file its owner may execute (what git records as mode {@code 100755});
 *                     for a link, its target's; always false for a directory and where the file system has no
 *                     POSIX permissions
 */
public record WorkspaceFile(String path, long size, Instant lastModified, boolean directory, boolean link,
                            boolean executable) implements Serializable {
    /**
     * A file modified this close to the moment it was looked at may change again within the same tick of a
     * coarse file-system clock: its size and modification time vouch for its content only when it was
     * modified longer ago, so a later look reads such a file again, whatever its size and time say.
     */
    public static final Duration RACY_WINDOW = Duration.ofSeconds(2);

    public WorkspaceFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(lastModified, "lastModified");
        executable = executable && !directory;
    }

    /** A file or a directory that is not executable. */
    public WorkspaceFile(String path, long size, Instant lastModified, boolean directory, boolean link) {
        this(path, size, lastModified, directory, link, false);
    }

    /** A regular file or a directory, not a link, not executable. */
    public WorkspaceFile(String path, long size, Instant lastModified, boolean directory) {
        this(path, size, lastModified, directory, false, false);
    }

    /** A regular file, not a link, not executable. */
    public WorkspaceFile(String path, long size, Instant lastModified) {
        this(path, size, lastModified, false, false, false);
    }
}
