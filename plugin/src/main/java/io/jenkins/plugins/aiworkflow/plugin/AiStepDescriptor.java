package io.jenkins.plugins.aiworkflow.plugin;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.aiworkflow.engine.step.Step;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;

/**
 * What the descriptors of {@code aiValidate}, {@code aiImplement} and {@code aiRefine} share: the function name of
 * the engine's step, the Jenkinsfile's arguments read by the engine ({@link AiStep#fromArguments}) and the context a
 * step needs (a workspace on a node: the step runs inside {@code node { }}).
 */
public abstract class AiStepDescriptor extends StepDescriptor {
    private final Step step;

    protected AiStepDescriptor(Step step) {
        this.step = step;
    }

    @Override
    public final String getFunctionName() {
        return step.functionName();
    }

    /** A step with no value set, for {@link #newInstance(Map)} to fill. */
    protected abstract AiStep emptyStep();

    /** The Jenkinsfile's arguments as docs/steps.md writes them ({@link AiStep#fromArguments}). */
    @Override
    public final org.jenkinsci.plugins.workflow.steps.Step newInstance(Map<String, Object> arguments)
            throws AbortException {
        return AiStep.fromArguments(emptyStep(), arguments);
    }

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        return Set.of(Run.class, FilePath.class, Launcher.class, TaskListener.class, EnvVars.class, FlowNode.class);
    }
}
