package io.jenkins.plugins.aiworkflow.engine.workspace;

import java.io.Serializable;
import java.util.Objects;

/**
 * A file that differs from an earlier state of it: what the agent changed, compared with its content
 * before the first change, or what a restore put back ({@link RestoreResult}).
 *
 * @param path the normalised path
 * @param kind created, modified or deleted
 */
public record FileChange(String path, Kind kind) implements Serializable {
    private static final long serialVersionUID = 1L;

    public FileChange {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
    }

    /** How a file differs from its original. */
    public enum Kind {
        CREATED, MODIFIED, DELETED
    }
}
