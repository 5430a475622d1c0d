package io.jenkins.plugins.aiworkflow.engine.workspace;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Workspace#restoreState} did. Every path the restore found different from the recorded
 * state is in exactly one of the lists: put back ({@link #restored()}) or not ({@link #failed()}, with why);
 * a path in neither was as recorded. A failed path was left as it was before the restore (each path is
 * replaced in one step), so the workspace holds the recorded state except for the failed paths. Restoring
 * the same state again retries them. Serializable.
 *
 * @param restored what the restore put back, each with how the path had differed from the recorded state:
 *                 {@code CREATED} since (now deleted), {@code MODIFIED} (content, permissions, link target or
 *                 kind put back), {@code DELETED} (re-created); in the order they were done
 * @param failed   the paths it could not put back, in path order
 */
public record RestoreResult(List<FileChange> restored, List<Failure> failed) implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * A path not put back.
     *
     * @param path   the normalised path
     * @param reason why, a sentence
     */
    public record Failure(String path, String reason) implements Serializable {
        private static final long serialVersionUID = 1L;

        public Failure {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String toString() {
            return path + ": " + reason;
        }
    }

    public RestoreResult {
        restored = List.copyOf(restored);
        failed = List.copyOf(failed);
    }

    /** Whether the workspace is back in the recorded state (within the state's selection). */
    public boolean complete() {
        return failed.isEmpty();
    }
}
