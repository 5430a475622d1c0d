package io.jenkins.plugins.aiworkflow.plugin.config;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.llm.ApiKey;
import io.jenkins.plugins.aiworkflow.engine.llm.OpenAiModelConfig;
import io.jenkins.plugins.aiworkflow.engine.llm.PriceTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A model provider the steps call by its {@code id} ({@code provider: 'id'}; the first one when a step names
 * none): its type, endpoint, the Secret text credential holding its API key, its default model, API and prices.
 * Values are kept as given; {@link AiWorkflowConfiguration} checks a list of them ({@link ProviderChecks}) before it
 * takes it, from the form or from Configuration as Code.
 */
public final class Provider extends AbstractDescribableImpl<Provider> {
    private final String id;
    private final String type;
    private String baseUrl;
    private String credentialsId;
    private String model;
    private String api = ProviderChecks.API_CHAT;
    private String azureApiVersion;
    private List<Price> prices = new ArrayList<>();

    /**
     * @param id the name steps give as {@code provider}
     * @param type {@code openai}, {@code azure} or {@code compatible} ({@code azure-openai} and
     *     {@code openai-compatible} are read as {@code azure} and {@code compatible})
     */
    @DataBoundConstructor
    public Provider(String id, String type) {
        this.id = Util.fixEmptyAndTrim(id);
        // saved by the name the docs and the CLI use; an unknown type is kept as given for the check to report
        ProviderType known = ProviderChecks.typeOrNull(type);
        this.type = known == null ? Util.fixEmptyAndTrim(type) : known.id();
    }

    public String getId() {
        return id;
    }

    public String getType() {
        return type;
    }

    /** The API's base URL; null: OpenAI's own (type openai only). */
    @CheckForNull
    public String getBaseUrl() {
        return baseUrl;
    }

    @DataBoundSetter
    public void setBaseUrl(@CheckForNull String baseUrl) {
        this.baseUrl = Util.fixEmptyAndTrim(baseUrl);
    }

    /** The id of the Secret text credential holding the API key; null for a compatible server without one. */
    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(@CheckForNull String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    /** The model a step calls when it names none (Azure: the deployment name); null: steps must name one. */
    @CheckForNull
    public String getModel() {
        return model;
    }

    @DataBoundSetter
    public void setModel(@CheckForNull String model) {
        this.model = Util.fixEmptyAndTrim(model);
    }

    /** {@code chat} (Chat Completions, the default) or {@code responses}. */
    public String getApi() {
        return api;
    }

    @DataBoundSetter
    public void setApi(@CheckForNull String api) {
        String given = Util.fixEmptyAndTrim(api);
        if (given == null) {
            this.api = ProviderChecks.API_CHAT;
        } else if (ProviderChecks.checkApi(given) == null) {
            this.api = ProviderChecks.parseApi(given) == OpenAiModelConfig.Api.RESPONSES ? ProviderChecks.API_RESPONSES
                    : ProviderChecks.API_CHAT;
        } else {
            this.api = given;
        }
    }

    /** Azure's {@code api-version}; null: the SDK's latest stable version. */
    @CheckForNull
    public String getAzureApiVersion() {
        return azureApiVersion;
    }

    @DataBoundSetter
    public void setAzureApiVersion(@CheckForNull String azureApiVersion) {
        this.azureApiVersion = Util.fixEmptyAndTrim(azureApiVersion);
    }

    /** Prices of models, added to or replacing the engine's defaults. */
    public List<Price> getPrices() {
        return prices == null ? List.of() : List.copyOf(prices);
    }

    @DataBoundSetter
    public void setPrices(@CheckForNull List<Price> prices) {
        this.prices = prices == null ? new ArrayList<>() : new ArrayList<>(prices);
    }

    /** The engine's default prices with this provider's added or replacing them. */
    public PriceTable priceTable() {
        return ProviderChecks.priceTable(getPrices());
    }

    /**
     * The model a step calls, with the key of the Secret text credential looked up as the build sees it and tracked
     * as used by it.
     *
     * @param run the build the step runs in: the credential is looked up in its context
     * @param model the step's {@code model}; null or empty: the provider's default model
     * @param credentialsId the step's {@code credentialsId}; null or empty: the provider's credential. The key is
     *     sent to this provider's endpoint only, whichever credential it comes from.
     * @throws AbortException naming what is missing or wrong (the credential, the model) and what is accepted;
     *     never the key
     */
    public ProviderModel model(Run<?, ?> run, @CheckForNull String model, @CheckForNull String credentialsId)
            throws AbortException {
        String modelName = Util.fixEmptyAndTrim(model);
        if (modelName == null && this.model == null) {
            throw new AbortException(where() + "no default model, and the step names none; accepted: the step's "
                    + "model parameter, such as model: 'gpt-4.1-mini', or a default model in the provider's "
                    + "configuration");
        }
        String credential = credentialsId(credentialsId);
        OpenAiModelConfig.Builder config = configWithKey(run, credential);
        if (modelName != null) {
            config.model(modelName);
        }
        PriceTable table;
        try {
            table = priceTable();
        } catch (IllegalArgumentException e) {
            throw new AbortException(where() + e.getMessage());
        }
        try {
            return new ProviderModel(id, credential, config.build(), table);
        } catch (InvalidRequestException e) {
            // the engine's messages name the parameter and never hold the key
            throw new AbortException(where() + e.getMessage());
        }
    }

    /**
     * This provider's model configuration with the key of its credential (or of {@code credentialsId}), as a builder
     * on which a step can set its own model options (model, API, streaming, request timeout ...) before it builds it.
     * The provider's type, base URL and key are the provider's only, so a Jenkinsfile cannot send a key elsewhere.
     *
     * @throws AbortException when the credential is missing, not Secret text, empty or not visible to the build
     */
    public OpenAiModelConfig.Builder configWithKey(Run<?, ?> run, @CheckForNull String credentialsId)
            throws AbortException {
        ProviderType known = ProviderChecks.typeOrNull(type);
        if (known == null) {
            throw new AbortException(where() + ProviderChecks.checkType(type));
        }
        String credential = credentialsId(credentialsId);
        ApiKey key = null;
        if (credential != null) {
            key = apiKey(Objects.requireNonNull(run, "run"), credential);
        } else if (known.needsKey()) {
            throw new AbortException(where() + "no credentialsId; accepted: the id of a Secret text credential "
                    + "holding the API key, in the provider's configuration or as the step's credentialsId");
        }
        return OpenAiModelConfig.builder()
                .provider(known.engineProvider())
                .api(ProviderChecks.parseApi(api))
                .baseUrl(baseUrl)
                .azureApiVersion(azureApiVersion)
                .model(this.model)
                .apiKey(key);
    }

    private String credentialsId(@CheckForNull String override) {
        String given = Util.fixEmptyAndTrim(override);
        return given != null ? given : credentialsId;
    }

    /** The key of the Secret text credential {@code credentialId} as the build {@code run} sees it. */
    private ApiKey apiKey(Run<?, ?> run, String credentialId) throws AbortException {
        StringCredentials credential = CredentialsProvider.findCredentialById(credentialId, StringCredentials.class, run);
        if (credential == null) {
            StandardCredentials other = CredentialsProvider.findCredentialById(credentialId, StandardCredentials.class,
                    run);
            if (other != null) {
                throw new AbortException(where() + "credential '" + credentialId + "' is of kind '"
                        + other.getDescriptor().getDisplayName() + "'; accepted: a Secret text credential holding "
                        + "the API key");
            }
            throw new AbortException(where() + "no credential '" + credentialId + "' is visible to this build; "
                    + "accepted: the id of a Secret text credential holding the API key that this job may use (in "
                    + "the global credentials or a folder's above the job)");
        }
        CredentialsProvider.track(run, credential);
        try {
            return ApiKey.of(credential.getSecret().getPlainText());
        } catch (IllegalArgumentException e) {
            throw new AbortException(where() + "credential '" + credentialId + "' holds an empty secret; accepted: "
                    + "a Secret text credential holding the API key");
        }
    }

    private String where() {
        return "AI Workflow provider '" + id + "': ";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Provider provider && Objects.equals(id, provider.id)
                && Objects.equals(type, provider.type) && Objects.equals(baseUrl, provider.baseUrl)
                && Objects.equals(credentialsId, provider.credentialsId) && Objects.equals(model, provider.model)
                && Objects.equals(api, provider.api) && Objects.equals(azureApiVersion, provider.azureApiVersion)
                && Objects.equals(getPrices(), provider.getPrices());
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, type, baseUrl, credentialsId, model, api, azureApiVersion, getPrices());
    }

    @Override
    public String toString() {
        return "Provider{id=" + id + ", type=" + type + ", baseUrl=" + baseUrl + ", credentialsId=" + credentialsId
                + ", model=" + model + ", api=" + api + ", azureApiVersion=" + azureApiVersion + ", prices="
                + getPrices() + "}";
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<Provider> {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.Provider_displayName();
        }

        // The lists of types and APIs reveal nothing; they stay open to the form of any user who sees it.
        public ListBoxModel doFillTypeItems() {
            ListBoxModel items = new ListBoxModel();
            items.add(Messages.Provider_type_openai(), ProviderType.OPENAI.id());
            items.add(Messages.Provider_type_azure(), ProviderType.AZURE.id());
            items.add(Messages.Provider_type_compatible(), ProviderType.COMPATIBLE.id());
            return items;
        }

        public ListBoxModel doFillApiItems() {
            ListBoxModel items = new ListBoxModel();
            items.add(Messages.Provider_api_chat(), ProviderChecks.API_CHAT);
            items.add(Messages.Provider_api_responses(), ProviderChecks.API_RESPONSES);
            return items;
        }

        /**
         * The Secret text credentials a provider can use: those of the global store that builds may use (not
         * those of scope SYSTEM, which builds never see), and the current value. An administrator's only: others
         * get the current value and nothing else.
         */
        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
            StandardListBoxModel items = new StandardListBoxModel();
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return items.includeCurrentValue(Util.fixNull(credentialsId));
            }
            items.includeEmptyValue()
                    .includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), StringCredentials.class, List.of(),
                            CredentialsMatchers.not(CredentialsMatchers.withScope(CredentialsScope.SYSTEM)))
                    .includeCurrentValue(Util.fixNull(credentialsId));
            return items;
        }

        @POST
        public FormValidation doCheckId(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return result(ProviderChecks.checkId(value));
        }

        @POST
        public FormValidation doCheckType(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return result(ProviderChecks.checkType(value));
        }

        @POST
        public FormValidation doCheckBaseUrl(@QueryParameter String value, @QueryParameter String type) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return result(ProviderChecks.checkBaseUrl(value, ProviderChecks.typeOrNull(type)));
        }

        @POST
        public FormValidation doCheckApi(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return result(ProviderChecks.checkApi(value));
        }

        @POST
        public FormValidation doCheckAzureApiVersion(@QueryParameter String value, @QueryParameter String type) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return result(ProviderChecks.checkAzureApiVersion(value, ProviderChecks.typeOrNull(type)));
        }

        /**
         * Required for openai and azure; a warning when no global Secret text credential builds may use has the id
         * (a folder's credential of that id still serves the builds in that folder).
         */
        @POST
        public FormValidation doCheckCredentialsId(@QueryParameter String value, @QueryParameter String type) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            String problem = ProviderChecks.checkCredentialsId(value, ProviderChecks.typeOrNull(type));
            if (problem != null) {
                return FormValidation.error(problem);
            }
            String id = Util.fixEmptyAndTrim(value);
            if (id != null && CredentialsProvider.listCredentialsInItemGroup(StringCredentials.class, Jenkins.get(),
                    ACL.SYSTEM2, List.of(), CredentialsMatchers.allOf(CredentialsMatchers.withId(id),
                            CredentialsMatchers.not(CredentialsMatchers.withScope(CredentialsScope.SYSTEM))))
                    .isEmpty()) {
                return FormValidation.warning(Messages.Provider_credentialNotFound(id));
            }
            return FormValidation.ok();
        }

        private static FormValidation result(@CheckForNull String problem) {
            return problem == null ? FormValidation.ok() : FormValidation.error(problem);
        }
    }
}
