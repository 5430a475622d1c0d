package io.jenkins.plugins.aiworkflow.plugin;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.ClassLoaderSanityThreadFactory;
import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import io.jenkins.plugins.aiworkflow.engine.step.Step;
import java.io.Serial;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import jenkins.model.Jenkins;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.springframework.security.core.Authentication;

/**
 * The execution of a step of this plugin: its work runs off the CPS thread, on the controller (model calls) and,
 * through the workspace port, on the node (files, reports, commands). {@code stop()} (an abort, a
 * {@code timeout}) interrupts that thread: the engine then cancels a model call in flight and kills the command
 * that runs with its whole process tree. It interrupts once, and not while the step records what its run did
 * ({@link #recording}): an interrupt closes the file channel being written, and the build would lose its record.
 *
 * <p>Unlike {@code SynchronousNonBlockingStepExecution}, which ends the step as soon as it is stopped, the step
 * ends when that clean-up has ended (its row recorded, the command's processes gone), so that whatever runs after
 * the aborted step, or after the build, finds it done; a clean-up that takes longer than
 * {@value #STOP_GRACE_SECONDS} seconds no longer holds the abort up.
 *
 * <p>A controller restart cannot resume the step: the conversation with the model, the budget spent and the
 * command in flight live in the controller's memory. Jenkins waits for a running step before a safe restart; after
 * a hard one the step fails with a message that says so ({@link #onResume}), and {@code aiRefine} leaves its run
 * marker in the workspace, so that the next run restores or discards the interrupted attempt (docs/steps.md).
 */
abstract class AiStepExecution extends StepExecution {
    @Serial
    private static final long serialVersionUID = 1L;

    /** How long a stopped step may take to cancel its model call and kill its command before it ends anyway. */
    static final long STOP_GRACE_SECONDS = 30;

    /** As Jenkins makes its own: daemon threads, named, whose context class loader is not a build's. */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(new NamingThreadFactory(
            new ClassLoaderSanityThreadFactory(new DaemonThreadFactory()), "AI Workflow step"));

    private final Step step;
    /** The Jenkinsfile's values: plain, serializable, no secret (keys come from credentials at run time). */
    protected final TreeMap<String, Object> values;
    /** {@link #STOP_GRACE_SECONDS}, or what a test sets. */
    private long stopGraceSeconds = STOP_GRACE_SECONDS;

    /** The thread doing the work while it does it; guarded by this. */
    private transient Thread worker;
    /** Whether the work has ended (or will never start); guarded by this. */
    private transient boolean workEnded;
    /** Why the step was stopped; guarded by this. */
    private transient Throwable stopCause;
    /** Whether the work records what its run did, which a stop does not interrupt; guarded by this. */
    private transient boolean recording;
    private transient AtomicBoolean ended;

    AiStepExecution(StepContext context, Step step, Map<String, Object> values) {
        super(context);
        this.step = step;
        this.values = new TreeMap<>(values);
    }

    @Override
    public final boolean start() {
        ended = new AtomicBoolean();
        Authentication user = Jenkins.getAuthentication2();
        THREADS.execute(() -> work(user));
        return false;
    }

    private void work(Authentication user) {
        Throwable stoppedBeforeStart;
        synchronized (this) {
            stoppedBeforeStart = stopCause;
            if (stoppedBeforeStart == null) {
                worker = Thread.currentThread();
            } else {
                workEnded = true;
            }
        }
        if (stoppedBeforeStart != null) {
            end(stoppedBeforeStart, null);
            return;
        }
        Throwable failure = null;
        Map<String, Object> result = null;
        try (ACLContext ignored = ACL.as2(user)) {
            result = runStep();
        } catch (Throwable e) {
            failure = e;
        }
        Throwable stopped;
        synchronized (this) {
            worker = null;
            workEnded = true;
            // a stop's interrupt must not outlive this step on the pooled thread
            Thread.interrupted();
            stopped = stopCause;
        }
        if (stopped != null) {
            if (failure != null && failure != stopped) {
                stopped.addSuppressed(failure);
            }
            end(stopped, null);
        } else {
            end(failure, result);
        }
    }

    /** How long a stop waits for the work's clean-up before the step ends anyway. */
    void stopGraceSeconds(long seconds) {
        stopGraceSeconds = seconds;
    }

    /** The step's work, with the run around it; a test replaces it. */
    Map<String, Object> runStep() throws Exception {
        StepRun run = new StepRun(getContext(), step.functionName());
        try {
            return run(run);
        } finally {
            run.release();
        }
    }

    /**
     * Interrupts the work; the step ends with {@code cause} when the work has cleaned up, or after
     * {@value #STOP_GRACE_SECONDS} seconds.
     */
    @Override
    public void stop(@NonNull Throwable cause) {
        synchronized (this) {
            if (!workEnded) {
                if (stopCause == null) {
                    stopCause = cause;
                    // One interrupt (a parallel's failFast and the build's end may both stop a step), and none
                    // while the work records its run: an interrupt closes the file channel saving the build.
                    if (worker != null && !recording) {
                        worker.interrupt();
                    }
                }
                Timer.get().schedule(() -> end(cause, null), stopGraceSeconds, TimeUnit.SECONDS);
                return;
            }
        }
        end(cause, null);
    }

    /**
     * Records what the run did (files in the build's folder, rows, the build's save) without a stop's interrupt:
     * an interrupt closes the file channel being written, and the build would lose the record. An interrupt
     * pending from the run is cleared first; a stop before or meanwhile is delivered as an interrupt afterwards,
     * and still ends the step with its cause.
     */
    protected final <T> T recording(Callable<T> record) throws Exception {
        synchronized (this) {
            recording = true;
            Thread.interrupted();
        }
        try {
            return record.call();
        } finally {
            synchronized (this) {
                recording = false;
                if (stopCause != null) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Ends the step once: the first of the work's end, a stop after it and the stop's grace period. */
    private void end(Throwable failure, Map<String, Object> result) {
        AtomicBoolean once = ended;
        if (once != null && !once.compareAndSet(false, true)) {
            return;
        }
        if (failure != null) {
            getContext().onFailure(failure);
        } else {
            getContext().onSuccess(result);
        }
    }

    @Override
    public synchronized @NonNull String getStatus() {
        return workEnded ? "ended" : stopCause != null ? "stopping" : worker != null ? "running in " + worker.getName()
                : "not yet started";
    }

    @Override
    public synchronized boolean blocksRestart() {
        return worker != null;
    }

    protected abstract Map<String, Object> run(StepRun step) throws Exception;

    @Override
    public void onResume() {
        getContext().onFailure(new AbortException(step.functionName() + " was running when the controller restarted "
                + "and cannot resume: its conversation with the model and the command it ran lived in the "
                + "controller's memory. Run the build again"
                + (step == Step.REFINE ? "; the workspace may hold an unfinished attempt, which the next aiRefine "
                        + "restores or discards as its recover parameter says" : "") + "."));
    }
}
