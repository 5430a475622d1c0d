package io.jenkins.plugins.aiworkflow.engine.report;

import java.util.Objects;

/**
 * A report file that could not be read completely: empty, truncated, not well-formed,
 * not a JUnit XML report, or refused for safety (DOCTYPE). Test cases read before the
 * problem still count.
 *
 * @param file    the report file, as given to the parser (usually workspace-relative)
 * @param message what was wrong, with line and column where known
 */
public record ReportProblem(String file, String message) {
    public ReportProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return file + ": " + message;
    }
}
