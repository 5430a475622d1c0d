package io.jenkins.plugins.aiworkflow.plugin;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ListBoxModel;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code aiImplement}: a coding agent changes the workspace to fulfil the intent, with the model of a configured
 * provider (called from the controller) and the files and commands of the node; returns the engine's map
 * ({@link StepResults#implementation}). Parameters, defaults and returned keys: docs/steps.md.
 */
public final class AiImplementStep extends AiStep {
    @Serial
    private static final long serialVersionUID = 1L;

    @DataBoundConstructor
    public AiImplementStep(String intent) {
        set("intent", intent);
    }

    public String getIntent() {
        return text("intent");
    }

    @Override
    protected Step step() {
        return Step.IMPLEMENT;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, values());
    }

    // The optional parameters, in the order of docs/steps.md (generated from it; PluginStepsTest keeps them equal to
    // the engine's catalogue).

    @DataBoundSetter
    public void setContext(String context) {
        set("context", context);
    }

    public String getContext() {
        return text("context");
    }

    @DataBoundSetter
    public void setInstructions(String instructions) {
        set("instructions", instructions);
    }

    public String getInstructions() {
        return text("instructions");
    }

    @DataBoundSetter
    public void setDefaultInstructions(Boolean defaultInstructions) {
        set("defaultInstructions", defaultInstructions);
    }

    public Boolean getDefaultInstructions() {
        return bool("defaultInstructions");
    }

    @DataBoundSetter
    public void setWritable(String writable) {
        set("writable", writable);
    }

    public String getWritable() {
        return text("writable");
    }

    @DataBoundSetter
    public void setReadOnly(String readOnly) {
        set("readOnly", readOnly);
    }

    public String getReadOnly() {
        return text("readOnly");
    }

    @DataBoundSetter
    public void setHidden(String hidden) {
        set("hidden", hidden);
    }

    public String getHidden() {
        return text("hidden");
    }

    @DataBoundSetter
    public void setCommands(String commands) {
        set("commands", commands);
    }

    public String getCommands() {
        return text("commands");
    }

    @DataBoundSetter
    public void setCommandTimeout(String commandTimeout) {
        set("commandTimeout", commandTimeout);
    }

    public String getCommandTimeout() {
        return text("commandTimeout");
    }

    @DataBoundSetter
    public void setModel(String model) {
        set("model", model);
    }

    public String getModel() {
        return text("model");
    }

    @DataBoundSetter
    public void setProvider(String provider) {
        set("provider", provider);
    }

    public String getProvider() {
        return text("provider");
    }

    @DataBoundSetter
    public void setApi(String api) {
        set("api", api);
    }

    public String getApi() {
        return text("api");
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        set("credentialsId", credentialsId);
    }

    public String getCredentialsId() {
        return text("credentialsId");
    }

    @DataBoundSetter
    public void setStream(Boolean stream) {
        set("stream", stream);
    }

    public Boolean getStream() {
        return bool("stream");
    }

    @DataBoundSetter
    public void setAzureApiVersion(String azureApiVersion) {
        set("azureApiVersion", azureApiVersion);
    }

    public String getAzureApiVersion() {
        return text("azureApiVersion");
    }

    @DataBoundSetter
    public void setRequestTimeout(String requestTimeout) {
        set("requestTimeout", requestTimeout);
    }

    public String getRequestTimeout() {
        return text("requestTimeout");
    }

    @DataBoundSetter
    public void setMaxRetries(Integer maxRetries) {
        set("maxRetries", maxRetries);
    }

    public Integer getMaxRetries() {
        return integer("maxRetries");
    }

    @DataBoundSetter
    public void setMaxRetryAfter(String maxRetryAfter) {
        set("maxRetryAfter", maxRetryAfter);
    }

    public String getMaxRetryAfter() {
        return text("maxRetryAfter");
    }

    @DataBoundSetter
    public void setMaxTurns(Integer maxTurns) {
        set("maxTurns", maxTurns);
    }

    public Integer getMaxTurns() {
        return integer("maxTurns");
    }

    @DataBoundSetter
    public void setMaxTokens(Long maxTokens) {
        set("maxTokens", maxTokens);
    }

    public Long getMaxTokens() {
        return longValue("maxTokens");
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
    public void setMaxOutputTokens(Integer maxOutputTokens) {
        set("maxOutputTokens", maxOutputTokens);
    }

    public Integer getMaxOutputTokens() {
        return integer("maxOutputTokens");
    }

    @DataBoundSetter
    public void setMaxConsecutiveErrors(Integer maxConsecutiveErrors) {
        set("maxConsecutiveErrors", maxConsecutiveErrors);
    }

    public Integer getMaxConsecutiveErrors() {
        return integer("maxConsecutiveErrors");
    }

    @DataBoundSetter
    public void setTokenBudget(Integer tokenBudget) {
        set("tokenBudget", tokenBudget);
    }

    public Integer getTokenBudget() {
        return integer("tokenBudget");
    }

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
            // an aborted run leaves the interrupt flag set: what it did is still reported, then the abort goes on
            boolean interrupted = Thread.interrupted();
            try {
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
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Extension
    @Symbol("aiImplement")
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return Step.IMPLEMENT.functionName();
        }

        @Override
        public String getDisplayName() {
            return Messages.AiImplementStep_displayName();
        }

        /** The Secret text credentials this job may use, for the Snippet Generator (a POST, permission checked). */
        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return StepCredentials.fill(item, credentialsId);
        }

        /** The Jenkinsfile's arguments as docs/steps.md writes them ({@link AiStep#fromArguments}). */
        @Override
        public org.jenkinsci.plugins.workflow.steps.Step newInstance(Map<String, Object> arguments)
                throws AbortException {
            return AiStep.fromArguments(new AiImplementStep(null), arguments);
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, Launcher.class, TaskListener.class, EnvVars.class,
                    FlowNode.class);
        }
    }
}
