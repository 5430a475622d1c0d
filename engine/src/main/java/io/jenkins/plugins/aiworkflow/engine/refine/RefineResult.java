package io.jenkins.plugins.aiworkflow.engine.refine;

import io.jenkins.plugins.aiworkflow.engine.ledger.Totals;
import io.jenkins.plugins.aiworkflow.engine.workspace.FileChange;
import io.jenkins.plugins.aiworkflow.engine.workspace.RestoreResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a refine run did: how it ended and why, every iteration, what the workspace was left with, and the
 * totals. {@link RefineListener#iterationFinished} gets one of these after every iteration (with the stop rule
 * still empty), so that reports written then are complete up to that iteration. Every text is masked.
 *
 * @param outcome       PASSED, NOT_MET or STOPPED; null while the run goes on
 * @param stopRule      why the run stopped; null while the run goes on
 * @param message       a sentence saying why it stopped (which limit, what was used ...); empty while it goes on
 * @param model         the model as messages name it ({@code OpenAI model gpt-4.1 ...}, {@code replay of ...})
 * @param maxIterations the run's {@code maxIterations}
 * @param iterations    iteration 0 (the untouched workspace) and every iteration that started, in order
 * @param kept          what {@code keep} chose and whether the workspace was put back to it; null while the run
 *                      goes on, and when the run ended before iteration 0 was recorded
 * @param usage         tokens, cost and time of all model calls of the run
 * @param started       when the run started (the run's clock)
 * @param duration      wall time of the run so far
 * @param recovery      what the run found of an earlier run that was interrupted, and did about it; null when
 *                      there was none
 */
public record RefineResult(Outcome outcome, StopRule stopRule, String message, String model, int maxIterations,
                           List<IterationRecord> iterations, Kept kept, Totals usage, Instant started,
                           Duration duration, Recovery recovery) {
    public RefineResult {
        if ((outcome == null) != (stopRule == null) || stopRule != null && stopRule.outcome() != outcome) {
            throw new IllegalArgumentException("outcome " + outcome + " does not go with stop rule " + stopRule);
        }
        message = Objects.requireNonNullElse(message, "");
        model = Objects.requireNonNullElse(model, "");
        iterations = List.copyOf(iterations);
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(duration, "duration");
    }

    /** Whether the run has ended (a final result) rather than being a partial one. */
    public boolean finished() {
        return stopRule != null;
    }

    /** Whether the gate passed. */
    public boolean passed() {
        return outcome == Outcome.PASSED;
    }

    /** The last iteration recorded, if any. */
    public Optional<IterationRecord> lastIteration() {
        return iterations.isEmpty() ? Optional.empty() : Optional.of(iterations.get(iterations.size() - 1));
    }

    /**
     * What the workspace was left with at the end.
     *
     * @param keep      the run's {@code keep}
     * @param iteration the iteration whose work the workspace holds: the passing one, the one {@code keep} chose
     *                  (0: the workspace as before the run)
     * @param restored  whether the workspace was put back to that iteration's recorded state (false when it
     *                  already held it, the last iteration)
     * @param restore   what the restore put back and could not; null when there was no restore
     * @param message   a sentence saying what was kept and why
     */
    public record Kept(Keep keep, int iteration, boolean restored, RestoreResult restore, String message) {
        public Kept {
            Objects.requireNonNull(keep, "keep");
            message = Objects.requireNonNullElse(message, "");
        }

        /** Paths a restore could not put back, with why; empty when all went back or there was no restore. */
        public List<RestoreResult.Failure> restoreFailures() {
            return restore == null ? List.of() : restore.failed();
        }
    }

    /**
     * An earlier run on the same workspace that did not end, found by its marker.
     *
     * @param runStarted  when that run started, as its marker says
     * @param action      what this run did about it: {@link Recover#RESTORE} or {@link Recover#DISCARD}
     * @param restored    what the restore put back (empty for DISCARD)
     * @param failed      paths the restore could not put back, with why (empty for DISCARD)
     * @param message     a sentence saying what was found and done
     */
    public record Recovery(Instant runStarted, Recover action, List<FileChange> restored,
                           List<RestoreResult.Failure> failed, String message) {
        public Recovery {
            Objects.requireNonNull(action, "action");
            restored = List.copyOf(restored);
            failed = List.copyOf(failed);
            message = Objects.requireNonNullElse(message, "");
        }
    }
}
