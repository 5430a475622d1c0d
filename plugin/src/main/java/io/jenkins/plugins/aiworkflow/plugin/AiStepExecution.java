package io.jenkins.plugins.aiworkflow.plugin;

import hudson.AbortException;
import io.jenkins.plugins.aiworkflow.engine.step.Step;
import java.io.Serial;
import java.util.Map;
import java.util.TreeMap;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * The execution of a step of this plugin: its work runs off the CPS thread, on the controller (model calls) and,
 * through the workspace port, on the node (files, reports, commands). {@code stop()} (an abort, a
 * {@code timeout}) interrupts that thread: the engine then cancels a model call in flight and kills the command
 * that runs with its whole process tree.
 *
 * <p>A controller restart cannot resume the step: the conversation with the model, the budget spent and the
 * command in flight live in the controller's memory. Jenkins waits for a running step before a safe restart; after
 * a hard one the step fails with a message that says so ({@link #onResume}), and {@code aiRefine} leaves its run
 * marker in the workspace, so that the next run restores or discards the interrupted attempt (docs/steps.md).
 */
abstract class AiStepExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    @Serial
    private static final long serialVersionUID = 1L;

    private final Step step;
    /** The Jenkinsfile's values: plain, serializable, no secret (keys come from credentials at run time). */
    protected final TreeMap<String, Object> values;

    AiStepExecution(StepContext context, Step step, Map<String, Object> values) {
        super(context);
        this.step = step;
        this.values = new TreeMap<>(values);
    }

    @Override
    protected final Map<String, Object> run() throws Exception {
        StepRun run = new StepRun(getContext(), step.functionName());
        try {
            return run(run);
        } finally {
            run.release();
        }
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
