package io.jenkins.plugins.aiworkflow.engine.validate;

import java.util.List;
import java.util.Objects;

/**
 * The gate's decision. FAILED always carries at least one reason; notes are facts worth
 * reading that did not fail the gate (flaky tests, stale reports ignored).
 */
public record Verdict(Status status, List<Reason> reasons, List<String> notes) {
    /** PASSED or FAILED; nothing in between, a gate is a gate. */
    public enum Status { PASSED, FAILED }

    public Verdict {
        Objects.requireNonNull(status, "status");
        reasons = List.copyOf(reasons);
        notes = List.copyOf(notes);
        if (status == Status.FAILED && reasons.isEmpty()) {
            throw new IllegalArgumentException("a FAILED verdict needs at least one reason");
        }
        if (status == Status.PASSED && !reasons.isEmpty()) {
            throw new IllegalArgumentException("a PASSED verdict has no failure reasons, got " + reasons);
        }
    }

    public static Verdict of(List<Reason> reasons, List<String> notes) {
        return new Verdict(reasons.isEmpty() ? Status.PASSED : Status.FAILED, reasons, notes);
    }

    public boolean passed() {
        return status == Status.PASSED;
    }
}
