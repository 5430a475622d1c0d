package io.jenkins.plugins.aiworkflow.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.Item;
import hudson.util.Secret;
import java.net.URL;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The Snippet Generator's list of a step's {@code credentialsId}: the Secret text credentials in the job's
 * context, for someone who may configure the job; someone who may only read it gets nothing listed; a GET finds
 * no method.
 */
@WithJenkins
class StepCredentialsTest {
    private static final String FILL = "job/app/descriptorByName/" + AiImplementStep.class.getName()
            + "/fillCredentialsIdItems";

    private JenkinsRule j;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        j.createProject(WorkflowJob.class, "app");
        SystemCredentialsProvider.getInstance().getDomainCredentialsMap().get(Domain.global())
                .add(new StringCredentialsImpl(CredentialsScope.GLOBAL, "openai-key", "OpenAI key",
                        Secret.fromString("sk-test-not-listed")));
        SystemCredentialsProvider.getInstance().save();
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE).everywhere().to("configurer")
                .grant(Jenkins.READ, Item.READ).everywhere().to("reader"));
    }

    @Test
    void shouldListTheJobsSecretTextCredentialsToWhoMayConfigureIt() throws Exception {
        WebResponse response = post("configurer");

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getContentAsString()).contains("openai-key").doesNotContain("sk-test-not-listed");
    }

    @Test
    void shouldListNothingToWhoMayOnlyReadTheJob() throws Exception {
        WebResponse response = post("reader");

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getContentAsString()).doesNotContain("openai-key");
    }

    @Test
    void shouldRefuseAGet() throws Exception {
        JenkinsRule.WebClient client = j.createWebClient().withThrowExceptionOnFailingStatusCode(false)
                .login("configurer");

        WebResponse response = client.loadWebResponse(new WebRequest(new URL(j.getURL(), FILL), HttpMethod.GET));

        assertThat(response.getStatusCode()).isNotEqualTo(200);
        assertThat(response.getContentAsString()).doesNotContain("openai-key");
    }

    private WebResponse post(String user) throws Exception {
        JenkinsRule.WebClient client = j.createWebClient().withThrowExceptionOnFailingStatusCode(false).login(user);
        WebRequest request = new WebRequest(new URL(j.getURL(), FILL), HttpMethod.POST);
        request.setRequestParameters(List.of(new NameValuePair("credentialsId", "")));
        return client.loadWebResponse(client.addCrumb(request));
    }
}
