package io.jenkins.plugins.aiworkflow.engine.refine;

/**
 * Follows a refine run as it goes, for live progress and for reports written after every iteration (so that an
 * abort or a kill loses nothing already done). Called on the run's thread; a listener that throws does not stop
 * the run (what it threw is logged). All methods do nothing by default.
 */
public interface RefineListener {
    /** A listener that does nothing. */
    RefineListener NONE = new RefineListener() {
    };

    /**
     * An iteration starts: 0 for the validation of the untouched workspace, then 1 to {@code maxIterations}.
     *
     * @param number        the iteration starting
     * @param maxIterations the run's {@code maxIterations}
     */
    default void iterationStarted(int number, int maxIterations) {
    }

    /**
     * An iteration has ended, its validation included.
     *
     * @param record the iteration
     * @param soFar  the run up to and including it: a consistent partial result (not {@link RefineResult#finished()
     *               finished}, no kept iteration yet) that reports can be written from
     */
    default void iterationFinished(IterationRecord record, RefineResult soFar) {
    }

    /** The run has ended and the workspace holds what {@link RefineResult#kept()} says; the last call. */
    default void finished(RefineResult result) {
    }
}
