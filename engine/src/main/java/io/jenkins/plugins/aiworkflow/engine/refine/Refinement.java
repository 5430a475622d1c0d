package io.jenkins.plugins.aiworkflow.engine.refine;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.log.EngineLog;
import io.jenkins.plugins.aiworkflow.engine.workspace.Workspace;
import java.time.Clock;
import java.util.Objects;

/**
 * The one entry point behind {@code aiwf refine} and {@code aiRefine}: a {@link RefineRequest} in, a
 * {@link RefineResult} out (docs/refine.md). Iteration 0 validates the untouched workspace (its failures are
 * pre-existing, its tests the baseline); then each iteration records the state of what the agent may change, lets
 * the agent implement (from the second iteration with the feedback of the last failed validation), runs the test
 * command and applies the gate, until the gate passes or a {@link StopRule} fires. At the end the workspace holds
 * what {@link Keep} says. The model is opened once per run (a replay continues across iterations) and one ledger
 * holds the whole run's calls, so the run's budget is checked before every model call and every test run.
 */
public final class Refinement {
    private final Clock clock;

    /** A refinement on the system's clock. */
    public Refinement() {
        this(Clock.systemUTC());
    }

    /** @param clock what every time of the run is taken from: the ledger's wall time, iteration starts, durations */
    public Refinement(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@link #run(RefineRequest, Workspace, EngineLog, RefineListener)} without a listener. */
    public RefineResult run(RefineRequest request, Workspace workspace, EngineLog log) {
        return run(request, workspace, log, RefineListener.NONE);
    }

    /**
     * Runs the loop to its stop. Whatever stops it (a limit, an abort, a failed model), a result comes back, the
     * workspace holds what {@link RefineResult#kept()} says and the run marker is gone.
     *
     * @param log      where the run's progress goes, masked
     * @param listener told of every iteration as it starts and ends, and of the end
     * @throws InvalidRequestException before anything changed: an interrupted earlier run was found and
     *                                 {@code recover} is {@link Recover#REFUSE} (or could not be recovered; parameter
     *                                 {@code recover}), the model cannot be opened ({@code model}), or the state
     *                                 store or selection is refused ({@code stateStore}, {@code maxFiles}). Anything that
     *                                 fails later ends the run with {@link StopRule#ERROR} and a result.
     */
    public RefineResult run(RefineRequest request, Workspace workspace, EngineLog log, RefineListener listener) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(listener, "listener");
        return new RefineRun(request, workspace, log, listener, clock).run();
    }
}
