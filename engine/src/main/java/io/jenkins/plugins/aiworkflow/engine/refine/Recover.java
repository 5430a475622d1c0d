package io.jenkins.plugins.aiworkflow.engine.refine;

/**
 * What a refine run does when it finds the marker of an earlier run on the same workspace that did not end
 * (killed by SIGKILL, a crash, a lost agent): parameter {@code recover}. See docs/refine.md#recovery-after-a-killed-run.
 */
public enum Recover {
    /**
     * The default: change nothing and refuse to run, with a message that names the interrupted run, what it may
     * have left in the workspace and how to go on (with {@link #RESTORE} or {@link #DISCARD}).
     */
    REFUSE,
    /**
     * Put the workspace back as it was before the interrupted run (from the state it recorded, the user's own
     * changes from before that run included), discard its store, then run. Changes made to the selected files
     * after that run started, by anyone, are reverted.
     */
    RESTORE,
    /** Keep the workspace as it is, discard the interrupted run's marker and store, then run. */
    DISCARD
}
