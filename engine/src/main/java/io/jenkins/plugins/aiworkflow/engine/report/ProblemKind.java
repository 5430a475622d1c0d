package io.jenkins.plugins.aiworkflow.engine.report;

import java.util.Locale;

/** Which element of a test case recorded a problem; the names are the JUnit XML element names. */
public enum ProblemKind {
    FAILURE("failure"),
    ERROR("error"),
    /** Surefire: a failed run of a test that passed on a rerun. */
    FLAKY_FAILURE("flakyFailure"),
    FLAKY_ERROR("flakyError"),
    /** Surefire: a failed rerun of a test that never passed. */
    RERUN_FAILURE("rerunFailure"),
    RERUN_ERROR("rerunError"),
    /** A skipped test's reason (message attribute or text). */
    SKIPPED("skipped");

    private static final ProblemKind[] KINDS = values(); // values() copies the array on every call
    private final String elementName;

    ProblemKind(String elementName) {
        this.elementName = elementName;
    }

    public String elementName() {
        return elementName;
    }

    /** The kind for a JUnit XML element name, or null when the element is no problem element. */
    public static ProblemKind fromElementName(String name) {
        for (ProblemKind kind : KINDS) {
            if (kind.elementName.equals(name)) {
                return kind;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
