package io.jenkins.plugins.aiworkflow.engine.refine;

/**
 * How a refine run ended, in the three kinds an adapter tells apart: gate passed, gate not met, stopped (the CLI's
 * exit codes follow from the {@link StopRule}, docs/cli.md). Each stop rule belongs to one of them
 * ({@link StopRule#outcome()}).
 */
public enum Outcome {
    /** The gate passed. */
    PASSED,
    /**
     * The loop ended without a passed gate by its own judgement: every iteration was spent, no progress was made,
     * or the agent said it cannot proceed.
     */
    NOT_MET,
    /** A limit or an event stopped the loop before it could finish: tokens, money, wall time, an abort, an error. */
    STOPPED
}
