package io.jenkins.plugins.aiworkflow.engine.sandbox;

import java.io.Serializable;
import java.util.Objects;

/**
 * One line that matched a search.
 *
 * @param path the normalised path of the file
 * @param line the 1-based line number
 * @param text the line, without its line break, cut to a bounded length
 */
public record SearchMatch(String path, int line, String text) implements Serializable {
    public SearchMatch {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(text, "text");
    }

    /** {@code path:line: text}, the form grep users know. */
    @Override
    public String toString() {
        return path + ":" + line + ": " + text;
    }
}
