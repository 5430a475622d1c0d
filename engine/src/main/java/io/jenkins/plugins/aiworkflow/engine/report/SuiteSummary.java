package io.jenkins.plugins.aiworkflow.engine.report;

import java.io.Serializable;
import java.util.Objects;

/**
 * Totals of one {@code <testsuite>} element, counted from its own test cases (not from
 * its attributes, which tools sometimes get wrong).
 *
 * @param name            suite name, empty when absent
 * @param file            report file it came from
 * @param counts          totals of its direct test cases
 * @param durationSeconds the suite's time attribute, NaN when absent or unreadable
 */
public record SuiteSummary(String name, String file, TestCounts counts, double durationSeconds)
        implements Serializable {
    public SuiteSummary {
        name = Objects.requireNonNullElse(name, "");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(counts, "counts");
    }
}
