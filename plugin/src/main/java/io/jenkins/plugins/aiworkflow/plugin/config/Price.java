package io.jenkins.plugins.aiworkflow.plugin.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.aiworkflow.engine.llm.ModelPrice;
import java.util.Objects;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The price of one model of a provider in US dollars per one million tokens, as the engine's price files state it
 * ({@code input}, {@code cachedInput}, {@code output}; docs/models.md). Added to, or replacing, the engine's
 * default prices of OpenAI's models; needed for every model a build with a {@code maxCostUsd} or a cost cap uses.
 */
public final class Price extends AbstractDescribableImpl<Price> {
    private final String model;
    private final Double input;
    private final Double output;
    private Double cachedInput;

    /**
     * @param model the model name as the steps and the provider name it (Azure: the deployment name)
     * @param input USD per one million input tokens
     * @param output USD per one million output tokens (reasoning tokens count as output)
     */
    @DataBoundConstructor
    public Price(String model, Double input, Double output) {
        this.model = Util.fixEmptyAndTrim(model);
        this.input = input;
        this.output = output;
    }

    public String getModel() {
        return model;
    }

    public Double getInput() {
        return input;
    }

    public Double getOutput() {
        return output;
    }

    /** USD per one million cached input tokens; null: the input price. */
    @CheckForNull
    public Double getCachedInput() {
        return cachedInput;
    }

    @DataBoundSetter
    public void setCachedInput(@CheckForNull Double cachedInput) {
        this.cachedInput = cachedInput;
    }

    /**
     * The engine's price.
     *
     * @throws IllegalArgumentException naming the model and the refused field
     */
    ModelPrice toModelPrice() {
        String where = "price of model '" + model + "': ";
        if (model == null) {
            throw new IllegalArgumentException("a price needs the model name it is for");
        }
        if (input == null || output == null) {
            throw new IllegalArgumentException(where + (input == null ? "input" : "output") + " is missing; "
                    + "accepted: US dollars per one million tokens, such as 2.5");
        }
        try {
            return new ModelPrice(input, cachedInput == null ? input : cachedInput, output);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Price price && Objects.equals(model, price.model) && Objects.equals(input, price.input)
                && Objects.equals(output, price.output) && Objects.equals(cachedInput, price.cachedInput);
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, input, output, cachedInput);
    }

    @Override
    public String toString() {
        return "Price{model=" + model + ", input=" + input + ", cachedInput=" + cachedInput + ", output=" + output + "}";
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<Price> {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.Price_displayName();
        }

        @POST
        public FormValidation doCheckModel(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return Util.fixEmptyAndTrim(value) == null ? FormValidation.error(Messages.Price_modelRequired())
                    : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckInput(@QueryParameter String value) {
            return checkAmount(value, true);
        }

        @POST
        public FormValidation doCheckOutput(@QueryParameter String value) {
            return checkAmount(value, true);
        }

        @POST
        public FormValidation doCheckCachedInput(@QueryParameter String value) {
            return checkAmount(value, false);
        }

        private static FormValidation checkAmount(String value, boolean required) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            String problem = ProviderChecks.checkPriceAmount(value, required);
            return problem == null ? FormValidation.ok() : FormValidation.error(problem);
        }
    }
}
