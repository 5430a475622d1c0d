package io.jenkins.plugins.aiworkflow.plugin.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.model.Run;
import hudson.util.FormValidation;
import io.jenkins.plugins.aiworkflow.engine.step.Caps;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * "AI Workflow" under Manage Jenkins » System, {@code unclassified: aiWorkflow:} in Configuration as Code: the model
 * providers the steps call and the caps no Jenkinsfile can exceed (docs/configuration.md).
 *
 * <p>What the steps call, on the controller:
 * <pre>{@code
 * AiWorkflowConfiguration configuration = AiWorkflowConfiguration.get();
 * ProviderModel model = configuration.model(run, providerParameter, modelParameter, credentialsIdParameter);
 * Caps caps = configuration.caps();
 * caps.apply(stepValues, spentInBuild, heldByRunningSteps, takesMaxIterations);   // or CostReservations
 * }</pre>
 *
 * <p>Every list or cap it takes is checked first ({@link ProviderChecks}, {@link Caps}): a refused one is a form
 * error on save, an error of the Configuration as Code import, and leaves the configuration as it was.
 */
@Extension
@Symbol("aiWorkflow")
public class AiWorkflowConfiguration extends GlobalConfiguration {
    private List<Provider> providers = new ArrayList<>();
    private Double maxCostUsdPerBuild;
    private Integer maxIterations;
    private Integer maxTimeoutMinutes;

    public AiWorkflowConfiguration() {
        load();
    }

    /** The configuration of this controller. */
    public static AiWorkflowConfiguration get() {
        return ExtensionList.lookupSingleton(AiWorkflowConfiguration.class);
    }

    @NonNull
    @Override
    public String getDisplayName() {
        return Messages.AiWorkflowConfiguration_displayName();
    }

    public List<Provider> getProviders() {
        return providers == null ? List.of() : List.copyOf(providers);
    }

    /**
     * @throws IllegalArgumentException naming the first refused provider and field, or an id used twice
     */
    @DataBoundSetter
    public void setProviders(@CheckForNull List<Provider> providers) {
        List<Provider> checked = providers == null ? List.of() : List.copyOf(providers);
        ProviderChecks.checkProviders(checked);
        this.providers = new ArrayList<>(checked);
        save();
    }

    /** US dollars all AI Workflow steps of one build may spend together; null: no cap. */
    @CheckForNull
    public Double getMaxCostUsdPerBuild() {
        return maxCostUsdPerBuild;
    }

    @DataBoundSetter
    public void setMaxCostUsdPerBuild(@CheckForNull Double maxCostUsdPerBuild) {
        refuse(Caps.problemOfMaxCostUsdPerBuild(maxCostUsdPerBuild));
        this.maxCostUsdPerBuild = maxCostUsdPerBuild;
        save();
    }

    /** The most {@code maxIterations} an {@code aiRefine} may run; null: no cap. */
    @CheckForNull
    public Integer getMaxIterations() {
        return maxIterations;
    }

    @DataBoundSetter
    public void setMaxIterations(@CheckForNull Integer maxIterations) {
        refuse(Caps.problemOfMaxIterations(maxIterations));
        this.maxIterations = maxIterations;
        save();
    }

    /** The most wall time, in minutes, of one step ({@code timeout}); null: no cap. */
    @CheckForNull
    public Integer getMaxTimeoutMinutes() {
        return maxTimeoutMinutes;
    }

    @DataBoundSetter
    public void setMaxTimeoutMinutes(@CheckForNull Integer maxTimeoutMinutes) {
        refuse(Caps.problemOfMaxTimeoutMinutes(maxTimeoutMinutes));
        this.maxTimeoutMinutes = maxTimeoutMinutes;
        save();
    }

    private static void refuse(@CheckForNull String problem) {
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /**
     * Takes the submitted form whole or not at all: the providers and caps are read and checked before any is set.
     * The caps are read from the form's text here, so that a mistyped number is an error rather than no cap.
     */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        List<Provider> submitted = req.bindJSONToList(Provider.class, json.opt("providers"));
        Caps caps;
        try {
            ProviderChecks.checkProviders(submitted);
        } catch (IllegalArgumentException e) {
            throw new FormException(e.getMessage(), "providers");
        }
        String field = "maxCostUsdPerBuild";
        try {
            Double cost = ProviderChecks.parseDecimal(field, json.optString(field));
            field = "maxIterations";
            Integer iterations = ProviderChecks.parseWhole(field, json.optString(field));
            field = "maxTimeoutMinutes";
            Integer minutes = ProviderChecks.parseWhole(field, json.optString(field));
            caps = Caps.of(cost, iterations, minutes);
        } catch (IllegalArgumentException e) {
            throw new FormException(e.getMessage(), field);
        }
        providers = new ArrayList<>(submitted);
        maxCostUsdPerBuild = caps.maxCostUsdPerBuild();
        maxIterations = caps.maxIterations();
        maxTimeoutMinutes = caps.maxTimeoutMinutes();
        save();
        return true;
    }

    /** The caps as one serializable value, for a step to check its values against. */
    public Caps caps() {
        return Caps.of(maxCostUsdPerBuild, maxIterations, maxTimeoutMinutes);
    }

    /**
     * The provider named {@code id}; when {@code id} is null or empty, the first one configured.
     *
     * @throws AbortException when none is configured or none has that id, listing the ids there are
     */
    public Provider provider(@CheckForNull String id) throws AbortException {
        List<Provider> all = getProviders();
        if (all.isEmpty()) {
            throw new AbortException("no AI Workflow provider is configured; an administrator adds one under Manage "
                    + "Jenkins » System » AI Workflow (or unclassified: aiWorkflow: providers: in Configuration as "
                    + "Code)");
        }
        String wanted = Util.fixEmptyAndTrim(id);
        if (wanted == null) {
            return all.get(0);
        }
        List<String> ids = new ArrayList<>();
        for (Provider provider : all) {
            if (wanted.equals(provider.getId())) {
                return provider;
            }
            ids.add(provider.getId());
        }
        throw new AbortException("provider '" + wanted + "' is not configured; accepted: " + String.join(", ", ids)
                + " (the ids under Manage Jenkins » System » AI Workflow)");
    }

    /**
     * The model a step calls: {@link #provider(String) the provider} {@code providerId} resolved for the build
     * ({@link Provider#model}).
     *
     * @throws AbortException naming what is missing or wrong: the provider, the credential, the model
     */
    public ProviderModel model(Run<?, ?> run, @CheckForNull String providerId, @CheckForNull String model,
                               @CheckForNull String credentialsId) throws AbortException {
        return provider(providerId).model(run, model, credentialsId);
    }

    @POST
    public FormValidation doCheckMaxCostUsdPerBuild(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        try {
            return result(Caps.problemOfMaxCostUsdPerBuild(ProviderChecks.parseDecimal("maxCostUsdPerBuild", value)));
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    @POST
    public FormValidation doCheckMaxIterations(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        try {
            return result(Caps.problemOfMaxIterations(ProviderChecks.parseWhole("maxIterations", value)));
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    @POST
    public FormValidation doCheckMaxTimeoutMinutes(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        try {
            return result(Caps.problemOfMaxTimeoutMinutes(ProviderChecks.parseWhole("maxTimeoutMinutes", value)));
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    private static FormValidation result(@CheckForNull String problem) {
        return problem == null ? FormValidation.ok() : FormValidation.error(problem);
    }
}
