package io.jenkins.plugins.aiworkflow.engine.refine;

/**
 * Why a refine run stopped; every run names exactly one (docs/refine.md#stop-rules). The result's message says
 * more (which limit, what was used).
 */
public enum StopRule {
    /** The gate passed, at iteration 0 too (then no model was called and nothing was spent). */
    GATE_PASSED(Outcome.PASSED),
    /** {@code maxIterations} attempts were made and the gate did not pass after the last one. */
    MAX_ITERATIONS(Outcome.NOT_MET),
    /**
     * The same set of failing tests twice in a row (two iterations whose failing tests equal those of the
     * iteration before), or more failing tests than the iteration before, twice in a row.
     */
    NO_PROGRESS(Outcome.NOT_MET),
    /** The agent called {@code finish} with the outcome {@code cannot_proceed}; its summary says why. */
    CANNOT_PROCEED(Outcome.NOT_MET),
    /** {@code maxTokens}: the run's tokens (input plus output over all iterations) reached the limit. */
    MAX_TOKENS(Outcome.STOPPED),
    /**
     * {@code maxCostUsd}: the run's cost reached the limit, or it cannot be enforced because a model has no
     * price.
     */
    MAX_COST(Outcome.STOPPED),
    /** {@code timeout}: the run's wall time reached the limit (the test command was killed at it, or not started). */
    TIMEOUT(Outcome.STOPPED),
    /** The run was aborted: the thread was interrupted (a build abort, Ctrl-C). */
    ABORTED(Outcome.STOPPED),
    /**
     * The run could not go on: the model call failed after its retries, the model kept sending unusable replies,
     * or an internal error occurred; the message names it.
     */
    ERROR(Outcome.STOPPED);

    private final Outcome outcome;

    StopRule(Outcome outcome) {
        this.outcome = outcome;
    }

    /** The kind of end this rule is. */
    public Outcome outcome() {
        return outcome;
    }
}
