package io.jenkins.plugins.aiworkflow.engine.report;

/** Final outcome of one test case. A flaky test is PASSED with {@link TestCaseResult#flaky()} set. */
public enum TestStatus {
    PASSED,
    FAILED,
    ERRORED,
    SKIPPED;

    /** True for FAILED and ERRORED: the outcomes a gate counts as failures. */
    public boolean isFailure() {
        return this == FAILED || this == ERRORED;
    }
}
