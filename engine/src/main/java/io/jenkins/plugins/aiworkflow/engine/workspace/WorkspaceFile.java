package io.jenkins.plugins.aiworkflow.engine.workspace;

import java.time.Instant;
import java.util.Objects;

/**
 * A regular file in a workspace.
 *
 * @param path         relative to the workspace root, with {@code /}
 * @param size         bytes
 * @param lastModified modification time
 */
public record WorkspaceFile(String path, long size, Instant lastModified) {
    public WorkspaceFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(lastModified, "lastModified");
    }
}
