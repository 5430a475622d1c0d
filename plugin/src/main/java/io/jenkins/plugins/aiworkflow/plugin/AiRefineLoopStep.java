package io.jenkins.plugins.aiworkflow.plugin;

import hudson.AbortException;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineLoop;
import io.jenkins.plugins.aiworkflow.engine.refine.StopRule;
import io.jenkins.plugins.aiworkflow.engine.step.OnFailure;
import io.jenkins.plugins.aiworkflow.engine.step.Step;
import io.jenkins.plugins.aiworkflow.engine.step.StepResults;
import io.jenkins.plugins.aiworkflow.engine.step.StepValues;
import io.jenkins.plugins.aiworkflow.plugin.action.AiWorkflowAction;
import io.jenkins.plugins.aiworkflow.plugin.action.Row;
import io.jenkins.plugins.aiworkflow.plugin.action.StepRecord;
import java.io.IOException;
import java.io.Serial;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code aiRefineLoop}: the block form of aiRefine. Runs its body (the Jenkinsfile's own aiImplement, commands and
 * aiValidate) with the engine's {@link RefineLoop} in the body's context, where the inner steps find it: aiValidate
 * records its verdict and feedback there instead of failing the build, aiImplement takes the feedback into its
 * prompt and adds what it spent. After each run the engine decides whether the body runs again; a row per
 * iteration goes to the build page. Returns the engine's map ({@link StepResults#refineLoop}). A step name of its
 * own because a Pipeline step either always takes a body or never does (docs/steps.md).
 */
public final class AiRefineLoopStep extends AiStep {
    @Serial
    private static final long serialVersionUID = 1L;

    @DataBoundConstructor
    public AiRefineLoopStep() {
    }

    @Override
    protected Step step() {
        return Step.REFINE_LOOP;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, values());
    }

    // The parameters, in the order of docs/steps.md (PluginStepsTest keeps them equal to the engine's catalogue).

    @DataBoundSetter
    public void setMaxIterations(Integer maxIterations) {
        set("maxIterations", maxIterations);
    }

    public Integer getMaxIterations() {
        return integer("maxIterations");
    }

    @DataBoundSetter
    public void setMaxCostUsd(Double maxCostUsd) {
        set("maxCostUsd", maxCostUsd);
    }

    public Double getMaxCostUsd() {
        return decimal("maxCostUsd");
    }

    @DataBoundSetter
    public void setTimeout(String timeout) {
        set("timeout", timeout);
    }

    public String getTimeout() {
        return text("timeout");
    }

    @DataBoundSetter
    public void setFeedbackTokens(Integer feedbackTokens) {
        set("feedbackTokens", feedbackTokens);
    }

    public Integer getFeedbackTokens() {
        return integer("feedbackTokens");
    }

    @DataBoundSetter
    public void setOnFailure(String onFailure) {
        set("onFailure", onFailure);
    }

    public String getOnFailure() {
        return text("onFailure");
    }

    /**
     * Starts the first run of the body; the {@link Loop} callback starts the next ones. No work of its own runs
     * here, so nothing needs a thread: an abort or a {@code timeout} around the step cancels the running body
     * (Pipeline's body cancellation), whose failure ends the loop.
     */
    static final class Execution extends StepExecution {
        @Serial
        private static final long serialVersionUID = 1L;

        private final TreeMap<String, Object> values;

        Execution(StepContext context, Map<String, Object> values) {
            super(context);
            this.values = new TreeMap<>(values);
        }

        @Override
        public boolean start() throws Exception {
            StepRun step = new StepRun(getContext(), Step.REFINE_LOOP.functionName());
            Map<String, Object> capped = new TreeMap<>(values);
            step.checkCaps(capped, true);
            RefineLoop loop;
            OnFailure onFailure;
            try {
                StepValues given = StepValues.of(Step.REFINE_LOOP, capped);
                loop = RefineLoop.start(given.integer("maxIterations"), given.decimal("maxCostUsd"),
                        given.duration("timeout"), given.integer("feedbackTokens"));
                String choice = given.choice("onFailure");
                onFailure = choice == null ? OnFailure.FAILURE : OnFailure.valueOf(choice);
            } catch (InvalidRequestException e) {
                throw step.refused(e);
            }
            StepRecord record = step.record(null);
            step.console.println("iteration 1 of " + loop.maxIterations() + ": running the body");
            Loop callback = new Loop(getContext(), loop, onFailure, record.getId(), System.currentTimeMillis());
            callback.runBody();
            return false;
        }

        @Override
        public void onResume() {
            // nothing to resume here: the body's steps fail after a restart (AiStepExecution), and that ends the loop
        }
    }

    /**
     * What follows a run of the body: again, with the state of the loop (the engine's decision), or the loop's
     * end. A static class, serializable with the program: it holds the step's context, the loop, plain values.
     */
    static final class Loop extends BodyExecutionCallback {
        @Serial
        private static final long serialVersionUID = 1L;

        private final StepContext context;
        private final RefineLoop loop;
        private final OnFailure onFailure;
        private final String recordId;
        /** When the loop started, by the controller's clock: its {@code timeout} is wall time. */
        private final long startMillis;
        private double costBefore;

        Loop(StepContext context, RefineLoop loop, OnFailure onFailure, String recordId, long startMillis) {
            this.context = context;
            this.loop = loop;
            this.onFailure = onFailure;
            this.recordId = recordId;
            this.startMillis = startMillis;
        }

        void runBody() {
            context.newBodyInvoker().withContext(loop).withCallback(this).start();
        }

        @Override
        public void onSuccess(StepContext bodyContext, Object result) {
            try {
                StepRun step = new StepRun(context, Step.REFINE_LOOP.functionName());
                int iteration = loop.iteration();
                boolean validated = loop.hasValidation();
                boolean passed = loop.passed();
                double cost = loop.costUsd() - costBefore;
                costBefore = loop.costUsd();
                RefineLoop.Decision decision = loop.endIteration(
                        Duration.ofMillis(Math.max(0, System.currentTimeMillis() - startMillis)));
                addRow(step, Row.builder(step.stepName, iteration, !validated ? "NOT_VALIDATED"
                                : passed ? "PASSED" : "FAILED").costUsd(cost > 0 ? cost : null)
                        .stopReason(decision.again() ? null : decision.stopRule().name() + ": " + decision.message())
                        .build());
                if (decision.again()) {
                    step.console.println(decision.message() + ": running the body again");
                    runBody();
                    return;
                }
                step.console.println("stopped (" + decision.stopRule() + "): " + decision.message());
                if (decision.stopRule() == StopRule.ERROR) {
                    // a body that cannot be judged is the Jenkinsfile's mistake, whatever onFailure says
                    throw new AbortException(step.stepName + ": " + decision.message());
                }
                Map<String, Object> map = StepResults.refineLoop(loop, decision, UnaryOperator.identity());
                if (decision.stopRule() != StopRule.GATE_PASSED) {
                    step.gateFailed(onFailure, loop.reasons().isEmpty() ? List.of(decision.message())
                            : loop.reasons());
                }
                context.onSuccess(map);
            } catch (Exception e) {
                context.onFailure(e);
            }
        }

        @Override
        public void onFailure(StepContext bodyContext, Throwable t) {
            // an error or an abort inside the body ends the loop as it is: nothing is rerun
            context.onFailure(t);
        }

        private void addRow(StepRun step, Row row) {
            AiWorkflowAction action = step.run.getAction(AiWorkflowAction.class);
            if (action == null) {
                return;
            }
            for (StepRecord record : action.getRecords()) {
                if (record.getId().equals(recordId)) {
                    try {
                        record.addRow(row);
                    } catch (IOException e) {
                        step.console.println("the build page's row could not be saved: " + e.getMessage());
                    }
                    return;
                }
            }
        }
    }

    @Extension
    @Symbol("aiRefineLoop")
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return Step.REFINE_LOOP.functionName();
        }

        @Override
        public String getDisplayName() {
            return Messages.AiRefineLoopStep_displayName();
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FlowNode.class);
        }
    }
}
