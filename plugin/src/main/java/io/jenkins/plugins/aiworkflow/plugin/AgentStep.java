package io.jenkins.plugins.aiworkflow.plugin;

import hudson.model.Item;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.aiworkflow.engine.step.Step;
import java.io.Serial;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * What {@code aiImplement} and {@code aiRefine} share: the intent and the parameters of the agent and its model
 * (the engine's catalogue gives both steps the same ones; PluginStepsTest keeps these equal to it). Help files stay
 * per step, next to each step's class, since a parameter's help may say what it does in that step.
 */
public abstract class AgentStep extends AiStep {
    @Serial
    private static final long serialVersionUID = 1L;

    public String getIntent() {
        return text("intent");
    }

    // The optional parameters of the agent and its model, in the order of docs/steps.md.

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

    /** The descriptor of a step with an agent: also lists the job's Secret text credentials for the form. */
    public abstract static class AgentStepDescriptor extends AiStepDescriptor {
        protected AgentStepDescriptor(Step step) {
            super(step);
        }

        /** The Secret text credentials this job may use, for the Snippet Generator (a POST, permission checked). */
        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return StepCredentials.fill(item, credentialsId);
        }
    }
}
