package io.jenkins.plugins.aiworkflow.engine.validate;

/**
 * The conditions of a {@link QualityGate}. {@link #parameterName()} is the name of the
 * option that controls it, the same in the CLI, the Jenkins steps and the JSON result.
 */
public enum GateCondition {
    /** The test command must exit with an accepted exit code (0 by default) and in time. */
    EXIT_CODE("acceptedExitCodes"),
    /** Every report file must be read completely (no empty, truncated or malformed file). */
    REPORT_PROBLEMS("allowReportProblems"),
    /** At least one test must have run. */
    REQUIRE_TESTS("requireTests"),
    MAX_FAILURES("maxFailures"),
    MIN_PASS_RATE("minPassRate"),
    /** Fewer tests than the baseline. */
    TEST_DECREASE("allowTestDecrease"),
    /** More skipped tests than the baseline. */
    SKIP_INCREASE("allowSkipIncrease"),
    /** A test that ran in the baseline, by identity, neither ran nor was skipped: deleted or renamed. */
    MISSING_TESTS("allowMissingTests"),
    /** A test that ran in the baseline, by identity, was skipped and did not run. */
    NEWLY_SKIPPED_TESTS("allowNewlySkippedTests"),
    FLAKY("allowFlaky");

    private final String parameterName;

    GateCondition(String parameterName) {
        this.parameterName = parameterName;
    }

    public String parameterName() {
        return parameterName;
    }

    /**
     * True for the conditions that catch tests deleted or skipped against the baseline (the refine loop's
     * iteration 0): the tamper guard. The feedback shows their reasons first. A condition added for the guard
     * belongs here too.
     */
    public boolean isTamperGuard() {
        return this == TEST_DECREASE || this == SKIP_INCREASE || this == MISSING_TESTS || this == NEWLY_SKIPPED_TESTS;
    }
}
