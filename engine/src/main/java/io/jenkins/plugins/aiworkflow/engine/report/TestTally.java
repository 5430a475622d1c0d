package io.jenkins.plugins.aiworkflow.engine.report;

/**
 * Counts test cases as they stream past: plain counters rather than a {@link TestCounts} per
 * case, since this runs for every test read. Not thread-safe.
 */
final class TestTally {
    private long passed;
    private long failures;
    private long errors;
    private long skipped;
    private long flaky;

    void add(TestCaseResult testCase) {
        switch (testCase.status()) {
            case PASSED -> {
                passed++;
                if (testCase.flaky()) {
                    flaky++;
                }
            }
            case FAILED -> failures++;
            case ERRORED -> errors++;
            case SKIPPED -> skipped++;
        }
    }

    void add(TestCounts counts) {
        passed += counts.passed();
        failures += counts.failures();
        errors += counts.errors();
        skipped += counts.skipped();
        flaky += counts.flaky();
    }

    TestCounts counts() {
        return new TestCounts(passed + failures + errors + skipped, passed, failures, errors, skipped, flaky);
    }
}
