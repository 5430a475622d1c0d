package io.jenkins.plugins.aiworkflow.engine.report;

/** Receives every test case of a report once, in document order, while the file streams past. */
@FunctionalInterface
public interface TestCaseListener {
    void testCase(TestCaseResult testCase);

    /**
     * Whether this listener would keep the texts (messages, stack traces, output) of the test case
     * being read, given a problem of this kind in it; when not, the parser skips them instead of
     * building them. Asked once per problem element and before a case's output.
     */
    default boolean wantsTexts(ProblemKind kind) {
        return true;
    }

    /** Called when a {@code <testsuite>} element ends, after its test cases. */
    default void suite(SuiteSummary suite) {
    }
}
