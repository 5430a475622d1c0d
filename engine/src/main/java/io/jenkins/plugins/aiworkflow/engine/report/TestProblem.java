package io.jenkins.plugins.aiworkflow.engine.report;

import java.io.Serializable;
import java.util.Objects;

/**
 * One failure, error, flaky or rerun record of a test case.
 *
 * @param kind    which element recorded it
 * @param type    the exception or assertion type, empty when the report has none
 * @param message the message attribute, truncated, empty when absent
 * @param details the element's text (usually a stack trace), truncated, empty when absent
 */
public record TestProblem(ProblemKind kind, String type, String message, String details)
        implements Serializable {
    public TestProblem {
        Objects.requireNonNull(kind, "kind");
        type = Objects.requireNonNullElse(type, "");
        message = Objects.requireNonNullElse(message, "");
        details = Objects.requireNonNullElse(details, "");
    }
}
