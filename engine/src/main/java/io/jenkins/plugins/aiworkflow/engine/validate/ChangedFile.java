package io.jenkins.plugins.aiworkflow.engine.validate;

import java.util.Objects;

/**
 * One file the agent changed so far, for the feedback's summary of the diff: the caller counts the lines
 * (from its own diff); the feedback only lists them.
 *
 * @param path         the file's path relative to the workspace root
 * @param linesAdded   lines added, at least 0
 * @param linesRemoved lines removed, at least 0
 */
public record ChangedFile(String path, long linesAdded, long linesRemoved) {
    public ChangedFile {
        Objects.requireNonNull(path, "path");
        if (linesAdded < 0 || linesRemoved < 0) {
            throw new IllegalArgumentException("line counts must be >= 0, were +" + linesAdded + " -" + linesRemoved
                    + " for " + path);
        }
    }
}
