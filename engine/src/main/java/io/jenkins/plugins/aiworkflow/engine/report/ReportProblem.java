package io.jenkins.plugins.aiworkflow.engine.report;

import java.io.Serializable;
import java.util.Objects;

/**
 * A report file that could not be read completely, or that is no JUnit XML report at all.
 * Test cases read before the problem still count.
 *
 * @param file    the report file, as given to the parser (usually workspace-relative)
 * @param kind    what kind of problem
 * @param message what was wrong, with line and column where known
 */
public record ReportProblem(String file, Kind kind, String message) implements Serializable {
    /** What went wrong with a report file. */
    public enum Kind {
        /** 0 bytes: a crashed or unfinished test run. */
        EMPTY,
        /** Ends before the document does: a crashed or unfinished test run. */
        TRUNCATED,
        /** Not well-formed XML. */
        MALFORMED,
        /** Refused for safety: it declares a DOCTYPE. */
        REFUSED,
        /** Could not be opened or decoded. */
        UNREADABLE,
        /**
         * Holds a part that cannot be read within the memory bounds: a tag or processing instruction
         * longer than 1 MiB, or a part longer than 1 MiB in a UTF-16 report. Long texts and attribute
         * values are no such part: they are read in pieces or cut.
         */
        TOO_LARGE,
        /**
         * Well-formed XML whose root is neither {@code testsuites} nor {@code testsuite},
         * such as Failsafe's {@code failsafe-summary.xml} caught by a broad pattern. A crash
         * cannot produce one, so it is reported but never fails a gate.
         */
        NOT_A_REPORT;

        /** True for the kinds that may hide lost test results. */
        public boolean losesResults() {
            return this != NOT_A_REPORT;
        }
    }

    public ReportProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return file + ": " + message;
    }
}
