package io.jenkins.plugins.aiworkflow.engine.refine;

/**
 * What the workspace holds when a refine run ends without a passed gate (parameter {@code keep}). A run whose
 * gate passed always keeps that iteration's work.
 */
public enum Keep {
    /**
     * The best iteration (the default): the gate's verdict first, then the fewest failing tests, then the smallest
     * diff against the start (lines added plus removed), then the earliest. Iteration 0, the untouched workspace,
     * takes part: when no attempt did better, the start is restored.
     */
    BEST,
    /** The last iteration's work, as the loop left it. */
    LAST,
    /** The workspace as it was before the run (the user's own uncommitted changes included). */
    NONE
}
