package io.jenkins.plugins.aiworkflow.engine.validate;

import java.util.Objects;

/**
 * Why a gate failed: the condition and a sentence with the numbers and the tests.
 *
 * @param condition the condition that failed
 * @param message   e.g. "2 tests failed, maxFailures is 0: com.acme.FooTest.shouldBar, ..."
 */
public record Reason(GateCondition condition, String message) {
    public Reason {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return message;
    }
}
