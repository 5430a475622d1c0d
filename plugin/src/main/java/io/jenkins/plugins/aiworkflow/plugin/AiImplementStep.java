package io.jenkins.plugins.aiworkflow.plugin;

import hudson.AbortException;
import hudson.Extension;
import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.agent.AgentResult;
import io.jenkins.plugins.aiworkflow.engine.agent.Implementation;
import io.jenkins.plugins.aiworkflow.engine.agent.ImplementationRequest;
import io.jenkins.plugins.aiworkflow.engine.output.AgentConsoleSummary;
import io.jenkins.plugins.aiworkflow.engine.refine.DiffLines;
import io.jenkins.plugins.aiworkflow.engine.output.AgentMarkdownSummary;
import io.jenkins.plugins.aiworkflow.engine.output.AgentResultJson;
import io.jenkins.plugins.aiworkflow.engine.output.AtomicFile;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineLoop;
import io.jenkins.plugins.aiworkflow.engine.step.ImplementParameters;
import io.jenkins.plugins.aiworkflow.engine.step.Step;
import io.jenkins.plugins.aiworkflow.engine.step.StepResults;
import io.jenkins.plugins.aiworkflow.plugin.action.Row;
import io.jenkins.plugins.aiworkflow.plugin.action.StepRecord;
import java.io.OutputStream;
import java.io.Serial;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code aiImplement}: a coding agent changes the workspace to fulfil the intent, with the model of a configured
 * provider (called from the controller) and the files and commands of the node; returns the engine's map
 * ({@link StepResults#implementation}). Parameters, defaults and returned keys: docs/steps.md.
 */
public final class AiImplementStep extends AgentStep {
    @Serial
    private static final long serialVersionUID = 1L;

    @DataBoundConstructor
    public AiImplementStep(String intent) {
        set("intent", intent);
    }

    @Override
    protected Step step() {
        return Step.IMPLEMENT;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, values());
    }

    // Its optional parameters are the agent's and its model's: AgentStep.

    static final class Execution extends AiStepExecution {
        @Serial
        private static final long serialVersionUID = 1L;

        Execution(StepContext context, Map<String, Object> values) {
            super(context, Step.IMPLEMENT, values);
        }

        @Override
        protected Map<String, Object> run(StepRun step) throws Exception {
            Map<String, Object> capped = new TreeMap<>(values);
            RefineLoop loop = getContext().get(RefineLoop.class);
            if (loop != null) {
                // inside aiRefineLoop: this agent may spend at most what the loop has left
                try {
                    loop.capImplement(capped);
                } catch (InvalidRequestException e) {
                    throw new AbortException(step.stepName + ": " + e.getMessage());
                }
            }
            // then the build's caps, which also hold this step's budget for the build while it runs
            step.capBudget(capped, false);
            ImplementParameters parameters;
            try {
                parameters = ImplementParameters.of(capped);
            } catch (InvalidRequestException e) {
                throw step.refused(e);
            }
            // inside aiRefineLoop, from its second iteration: the last failed validation's feedback goes into the prompt
            ImplementationRequest request;
            try {
                ImplementationRequest given = parameters.toRequest(step.model(parameters.provider(),
                        parameters.credentialsId(), parameters::applyModelOptions));
                String feedback = loop == null ? null : loop.feedback();
                request = feedback == null ? given
                        : given.toBuilder().feedback(feedback, loop.feedbackTokens()).build();
            } catch (InvalidRequestException e) {
                throw step.refused(e);
            }
            if (request.agentRequest().context().feedback() != null) {
                step.console.println("with the feedback of iteration " + (loop.iteration() - 1) + " of aiRefineLoop");
            }
            UnaryOperator<String> redactor = request::redact;
            StepRecord record = step.record(null);
            AgentResult result;
            try (OutputStream transcript = Files.newOutputStream(record.getDirectory().resolve("transcript.jsonl"))) {
                result = new Implementation().run(request.withTranscript(transcript), step.workspace(),
                        step.log(redactor));
            }
            if (loop != null) {
                loop.spent(result.usage().cost().known() ? result.usage().cost().usd() : 0,
                        result.usage().cost().known());
            }
            // an aborted run still reports what it did, then the abort goes on
            return recording(() -> {
                AgentConsoleSummary.render(result, redactor).forEach(step.console::println);
                AtomicFile.replace(record.getDirectory().resolve("implementation.json"),
                        out -> AgentResultJson.write(result, request.modelDescription(), redactor, out));
                AtomicFile.replace(record.getDirectory().resolve("implementation.md"),
                        out -> out.write(AgentMarkdownSummary.render(result, redactor).getBytes(StandardCharsets.UTF_8)));
                AtomicFile.replace(record.getDirectory().resolve("changes.diff"),
                        out -> out.write(redactor.apply(result.diff()).getBytes(StandardCharsets.UTF_8)));
                long[] lines = DiffLines.addedAndRemoved(result.diff());
                record.addRow(Row.builder(step.stepName, 0, result.status().name())
                        .diff(lines[0], lines[1])
                        .tokens(result.usage().usage().inputTokens(), result.usage().usage().outputTokens())
                        .costUsd(result.usage().cost().known() ? result.usage().cost().usd() : null)
                        .stopReason(redactor.apply(result.stopReason().toString()))
                        .build());
                return StepResults.implementation(result, redactor);
            });
        }
    }

    @Extension
    @Symbol("aiImplement")
    public static final class DescriptorImpl extends AgentStepDescriptor {
        public DescriptorImpl() {
            super(Step.IMPLEMENT);
        }

        @Override
        public String getDisplayName() {
            return Messages.AiImplementStep_displayName();
        }

        @Override
        protected AiStep emptyStep() {
            return new AiImplementStep(null);
        }
    }
}
