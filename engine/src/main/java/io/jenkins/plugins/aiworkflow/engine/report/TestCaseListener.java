package io.jenkins.plugins.aiworkflow.engine.report;

/** Receives every test case of a report once, in document order, while the file streams past. */
@FunctionalInterface
public interface TestCaseListener {
    void testCase(TestCaseResult testCase);

    /** Called when a {@code <testsuite>} element ends, after its test cases. */
    default void suite(SuiteSummary suite) {
    }
}
