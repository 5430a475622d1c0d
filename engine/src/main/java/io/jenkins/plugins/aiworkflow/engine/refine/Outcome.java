package io.jenkins.plugins.aiworkflow.engine.refine;

/**
 * How a refine run ended, in the three kinds an adapter tells apart (the CLI's exit codes 0, 1 and 4, see
 * docs/cli.md). Each {@link StopRule} belongs to one of them ({@link StopRule#outcome()}).
 */
public enum Outcome {
    /** The gate passed (exit code 0). */
    PASSED,
    /**
     * The loop ended without a passed gate by its own judgement: every iteration was spent, no progress was made,
     * or the agent said it cannot proceed (exit code 1).
     */
    NOT_MET,
    /** A limit or an event stopped the loop before it could finish: tokens, money, wall time, an abort, an error (exit code 4). */
    STOPPED
}
