package io.jenkins.plugins.aiworkflow.plugin.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.util.Secret;
import io.jenkins.plugins.aiworkflow.engine.step.Caps;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The configuration page and its web methods: a form round trip, and who may call the checks and lists. */
@WithJenkins
class AiWorkflowConfigurationFormTest {
    private static final String PROVIDER = "descriptorByName/" + Provider.class.getName() + "/";
    private static final String CONFIGURATION = "descriptorByName/" + AiWorkflowConfiguration.class.getName() + "/";

    private JenkinsRule j;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        SystemCredentialsProvider.getInstance().getDomainCredentialsMap().get(Domain.global()).add(
                new StringCredentialsImpl(CredentialsScope.GLOBAL, "openai-key", "OpenAI key",
                        Secret.fromString("sk-form-0123456789")));
        SystemCredentialsProvider.getInstance().getDomainCredentialsMap().get(Domain.global()).add(
                new StringCredentialsImpl(CredentialsScope.SYSTEM, "system-only-key", "not for builds",
                        Secret.fromString("sk-system-0123456789")));
        SystemCredentialsProvider.getInstance().save();
    }

    @Test
    void shouldKeepEveryFieldThroughTheConfigurationPage() throws Exception {
        Provider openai = new Provider("openai", "openai");
        openai.setCredentialsId("openai-key");
        openai.setModel("gpt-4.1-mini");
        Price price = new Price("my-model", 0.4, 1.6);
        price.setCachedInput(0.1);
        openai.setPrices(List.of(price));
        Provider azure = new Provider("azure-prod", "azure");
        azure.setBaseUrl("https://my-resource.openai.azure.com");
        azure.setCredentialsId("openai-key");
        azure.setApi("responses");
        azure.setAzureApiVersion("2024-10-21");
        AiWorkflowConfiguration configuration = AiWorkflowConfiguration.get();
        configuration.setProviders(List.of(openai, azure));
        configuration.setMaxCostUsdPerBuild(2.5);
        configuration.setMaxIterations(7);
        configuration.setMaxTimeoutMinutes(90);

        j.configRoundtrip();

        assertThat(AiWorkflowConfiguration.get().getProviders()).containsExactly(openai, azure);
        assertThat(AiWorkflowConfiguration.get().caps()).isEqualTo(Caps.of(2.5, 7, 90));
    }

    @Test
    void shouldKeepAnEmptyConfigurationEmptyThroughTheConfigurationPage() throws Exception {
        j.configRoundtrip();

        assertThat(AiWorkflowConfiguration.get().getProviders()).isEmpty();
        assertThat(AiWorkflowConfiguration.get().caps()).isEqualTo(Caps.none());
    }

    @Test
    void shouldRefuseAMistypedCapOnSaveAndKeepTheConfiguration() throws Exception {
        AiWorkflowConfiguration.get().setMaxIterations(7);
        JenkinsRule.WebClient client = j.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        HtmlForm form = client.goTo("configure").getFormByName("config");
        form.getInputByName("_.maxIterations").setValue("many");

        HtmlPage result = j.submit(form);

        assertThat(result.getWebResponse().getStatusCode()).isEqualTo(400);
        assertThat(result.getWebResponse().getContentAsString())
                .contains("maxIterations 'many' is not a whole number; accepted: a whole number such as 10");
        assertThat(AiWorkflowConfiguration.get().getMaxIterations()).isEqualTo(7);
    }

    @Test
    void shouldListSecretTextCredentialsBuildsMayUseToAnAdministratorOnly() throws Exception {
        secure();

        WebResponse admin = post("admin", PROVIDER + "fillCredentialsIdItems", "credentialsId", "");
        WebResponse reader = post("reader", PROVIDER + "fillCredentialsIdItems", "credentialsId", "");
        WebResponse readerWithValue = post("reader", PROVIDER + "fillCredentialsIdItems", "credentialsId", "kept-id");

        assertThat(admin.getStatusCode()).isEqualTo(200);
        assertThat(admin.getContentAsString()).contains("openai-key").doesNotContain("system-only-key");
        assertThat(reader.getStatusCode()).isEqualTo(200);
        assertThat(reader.getContentAsString()).doesNotContain("openai-key");
        assertThat(readerWithValue.getContentAsString()).as("the current value only").contains("kept-id")
                .doesNotContain("openai-key");
    }

    @Test
    void shouldRefuseTheChecksToAUserWithOnlyOverallRead() throws Exception {
        secure();

        assertThat(post("reader", PROVIDER + "checkCredentialsId", "value", "openai-key").getStatusCode())
                .isEqualTo(403);
        assertThat(post("reader", PROVIDER + "checkId", "value", "x").getStatusCode()).isEqualTo(403);
        assertThat(post("reader", PROVIDER + "checkBaseUrl", "value", "http://x").getStatusCode()).isEqualTo(403);
        assertThat(post("reader", CONFIGURATION + "checkMaxIterations", "value", "5").getStatusCode()).isEqualTo(403);
        assertThat(post("reader", "descriptorByName/" + Price.class.getName() + "/checkInput", "value", "1")
                .getStatusCode()).isEqualTo(403);
    }

    @Test
    void shouldCheckFieldsForAnAdministrator() throws Exception {
        secure();

        assertThat(post("admin", PROVIDER + "checkId", "value", "my provider").getContentAsString())
                .contains("is not accepted");
        assertThat(post("admin", PROVIDER + "checkCredentialsId", "value", "system-only-key").getContentAsString())
                .contains("No global Secret text credential with id system-only-key that builds may use");
        assertThat(post("admin", PROVIDER + "checkCredentialsId", "value", "openai-key").getContentAsString())
                .doesNotContain("No global Secret text credential");
        assertThat(post("admin", CONFIGURATION + "checkMaxIterations", "value", "many").getContentAsString())
                .contains("is not a whole number");
    }

    @Test
    void shouldRefuseTheWebMethodsOverGet() throws Exception {
        secure();
        JenkinsRule.WebClient client = j.createWebClient().withThrowExceptionOnFailingStatusCode(false).login("admin");

        WebResponse response = client.loadWebResponse(new WebRequest(
                new java.net.URL(j.getURL(), PROVIDER + "fillCredentialsIdItems?credentialsId="), HttpMethod.GET));

        assertThat(response.getStatusCode()).as("Stapler finds no GET method").isEqualTo(404);
        assertThat(response.getContentAsString()).doesNotContain("openai-key");
    }

    private void secure() {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ).everywhere().to("reader"));
    }

    private WebResponse post(String user, String path, String parameter, String value) throws Exception {
        JenkinsRule.WebClient client = j.createWebClient().withThrowExceptionOnFailingStatusCode(false).login(user);
        WebRequest request = new WebRequest(new java.net.URL(j.getURL(), path), HttpMethod.POST);
        request.setRequestParameters(List.of(new NameValuePair(parameter, value)));
        return client.loadWebResponse(client.addCrumb(request));
    }
}
