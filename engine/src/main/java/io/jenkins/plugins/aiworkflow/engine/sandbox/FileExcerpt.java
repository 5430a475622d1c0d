package io.jenkins.plugins.aiworkflow.engine.sandbox;

import java.util.Objects;

/**
 * Lines of a text file as the agent reads them.
 *
 * @param path           the normalised path
 * @param text           the lines {@code fromLine..toLine} with their line breaks, as head + tail
 *                       around a {@code [... N chars truncated ...]} marker when longer than the cap
 * @param fromLine       the first line returned, 1-based
 * @param toLine         the last line returned, inclusive ({@code 0} for an empty file)
 * @param totalLines     how many lines the file has (a last line without a line break counts)
 * @param truncatedChars how many characters the marker stands for ({@code 0}: nothing left out)
 */
public record FileExcerpt(String path, String text, int fromLine, int toLine, int totalLines, long truncatedChars) {
    public FileExcerpt {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(text, "text");
    }

    /** Whether the whole file is in {@link #text()}. */
    public boolean isWholeFile() {
        return fromLine <= 1 && toLine >= totalLines && truncatedChars == 0;
    }
}
