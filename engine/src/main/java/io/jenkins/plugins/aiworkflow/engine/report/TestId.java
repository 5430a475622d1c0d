package io.jenkins.plugins.aiworkflow.engine.report;

import java.io.Serializable;
import java.util.Objects;

/**
 * Identity of a test across runs, used to compare with a baseline: the class name (or the
 * suite name when the report has no class name) and the test name.
 *
 * @param scope class name, else suite name, else empty
 * @param name  test case name
 */
public record TestId(String scope, String name) implements Comparable<TestId>, Serializable {
    public TestId {
        scope = Objects.requireNonNullElse(scope, "");
        name = Objects.requireNonNullElse(name, "");
    }

    @Override
    public int compareTo(TestId other) {
        int byScope = scope.compareTo(other.scope);
        return byScope != 0 ? byScope : name.compareTo(other.name);
    }

    /** {@code scope.name}, or just the name when there is no scope. */
    @Override
    public String toString() {
        return scope.isEmpty() ? name : scope + "." + name;
    }
}
