package io.jenkins.plugins.aiworkflow.plugin.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.aiworkflow.engine.step.Caps;
import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorException;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration as Code: YAML in, the configuration as expected, exported YAML that reads back to the same. */
@WithJenkinsConfiguredWithCode
class AiWorkflowConfigurationCascTest {
    @TempDir
    Path temporary;

    @Test
    @ConfiguredWithCode("configuration-as-code.yaml")
    void shouldReadTheProvidersAndCapsFromYaml(JenkinsConfiguredWithCodeRule j) {
        assertConfiguredAsInTheYaml(AiWorkflowConfiguration.get());
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yaml")
    void shouldExportYamlThatReadsBackToTheSameConfiguration(JenkinsConfiguredWithCodeRule j) throws Exception {
        AiWorkflowConfiguration configuration = AiWorkflowConfiguration.get();
        List<Provider> before = configuration.getProviders();
        Caps capsBefore = configuration.caps();

        String exported = exportedYaml();
        assertThat(exported)
                .contains("id: \"azure-prod\"")
                .contains("type: \"azure\"")
                .contains("type: \"compatible\"")
                .contains("credentialsId: \"openai-key\"")
                .contains("maxCostUsdPerBuild: \"5.5\"")
                .contains("maxIterations: 8")
                .contains("maxTimeoutMinutes: 45")
                .doesNotContain("sk-casc-0123456789abcdef");

        configuration.setProviders(List.of());
        configuration.setMaxIterations(null);
        Path file = temporary.resolve("exported.yaml");
        Files.writeString(file, "unclassified:\n" + indent(exported), StandardCharsets.UTF_8);
        ConfigurationAsCode.get().configure(file.toUri().toString());

        assertThat(AiWorkflowConfiguration.get().getProviders()).isEqualTo(before);
        assertThat(AiWorkflowConfiguration.get().caps()).isEqualTo(capsBefore);
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yaml")
    void shouldRefuseYamlWithAProviderIdTwiceAndKeepTheConfiguration(JenkinsConfiguredWithCodeRule j) {
        List<Provider> before = AiWorkflowConfiguration.get().getProviders();

        assertThatThrownBy(() -> ConfigurationAsCode.get().configure(
                getClass().getResource("duplicate-ids.yaml").toExternalForm()))
                .isInstanceOf(ConfiguratorException.class)
                .hasStackTraceContaining("AI Workflow provider id 'local' is used twice");

        assertThat(AiWorkflowConfiguration.get().getProviders()).isEqualTo(before);
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yaml")
    void shouldRefuseYamlWithACapThatCannotBeACap(JenkinsConfiguredWithCodeRule j) {
        assertThatThrownBy(() -> ConfigurationAsCode.get().configure(
                getClass().getResource("bad-cap.yaml").toExternalForm()))
                .isInstanceOf(ConfiguratorException.class)
                .hasStackTraceContaining("maxIterations must be between 1 and 100, or empty for no cap, was 0");

        assertThat(AiWorkflowConfiguration.get().getMaxIterations()).isEqualTo(8);
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yaml")
    void shouldRefuseAPriceWhoseUnquotedDecimalsConfigurationAsCodeDrops(JenkinsConfiguredWithCodeRule j) {
        // Configuration as Code reads an unquoted decimal as nothing; a price then lacks its amounts, and says so
        assertThatThrownBy(() -> ConfigurationAsCode.get().configure(
                getClass().getResource("unquoted-price.yaml").toExternalForm()))
                .isInstanceOf(ConfiguratorException.class)
                .hasStackTraceContaining("AI Workflow provider 'local': price of model 'llama3.1': input is missing");
    }

    /** What configuration-as-code.yaml in this package configures. */
    static void assertConfiguredAsInTheYaml(AiWorkflowConfiguration configuration) {
        List<Provider> providers = configuration.getProviders();
        assertThat(providers).extracting(Provider::getId).containsExactly("openai", "azure-prod", "local");

        Provider openai = providers.get(0);
        assertThat(openai.getType()).isEqualTo("openai");
        assertThat(openai.getBaseUrl()).isNull();
        assertThat(openai.getCredentialsId()).isEqualTo("openai-key");
        assertThat(openai.getModel()).isEqualTo("gpt-4.1-mini");
        assertThat(openai.getApi()).isEqualTo("chat");
        Price price = new Price("gpt-4.1-mini", 0.4, 1.6);
        price.setCachedInput(0.1);
        assertThat(openai.getPrices()).containsExactly(price);

        Provider azure = providers.get(1);
        assertThat(azure.getType()).as("azure-openai is saved by its name").isEqualTo("azure");
        assertThat(azure.getBaseUrl()).isEqualTo("https://my-resource.openai.azure.com");
        assertThat(azure.getApi()).isEqualTo("responses");
        assertThat(azure.getAzureApiVersion()).isEqualTo("2024-10-21");

        Provider local = providers.get(2);
        assertThat(local.getType()).isEqualTo("compatible");
        assertThat(local.getCredentialsId()).isNull();
        assertThat(local.getModel()).isEqualTo("llama3.1");

        assertThat(configuration.caps()).isEqualTo(Caps.of(5.5, 8, 45));
    }

    private static String exportedYaml() throws Exception {
        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode node = Util.getUnclassifiedRoot(context).get("aiWorkflow");
        assertThat(node).isNotNull();
        return "aiWorkflow:\n" + indent(Util.toYamlString(node));
    }

    private static String indent(String yaml) {
        StringBuilder indented = new StringBuilder();
        for (String line : yaml.split("\n")) {
            if (!line.isBlank() && !line.equals("---")) {
                indented.append("  ").append(line).append('\n');
            }
        }
        return indented.toString();
    }
}
