package io.jenkins.plugins.aiworkflow.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.htmlunit.html.HtmlOption;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The Snippet Generator renders every step's form (its config.jelly, which no type check covers) with a field for
 * each parameter and the help links, so a Jenkinsfile author can use the steps from there.
 */
@WithJenkins
class SnippetGeneratorTest {
    @Test
    void shouldRenderTheFormOfEachStepWithItsFields(JenkinsRule j) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "app");
        JenkinsRule.WebClient client = j.createWebClient();

        Map<String, List<String>> fields = Map.of(
                "aiValidate", List.of("reports", "minPassRate", "onFailure", "acceptedExitCodes"),
                "aiImplement", List.of("intent", "writable", "commands", "credentialsId", "maxCostUsd"),
                "aiRefine", List.of("intent", "reports", "command", "maxIterations", "keep", "credentialsId"));
        for (Map.Entry<String, List<String>> step : fields.entrySet()) {
            HtmlPage page = client.goTo(job.getUrl() + "pipeline-syntax/");
            HtmlSelect select = page.getFirstByXPath("//select[option[starts-with(normalize-space(.), '"
                    + step.getKey() + ":')]]");
            assertThat(select).as("the Snippet Generator offers %s", step.getKey()).isNotNull();
            HtmlOption option = page.getFirstByXPath("//select/option[starts-with(normalize-space(.), '"
                    + step.getKey() + ":')]");
            select.setSelectedAttribute(option, true);
            client.waitForBackgroundJavaScript(10_000);

            String html = ((HtmlPage) client.getCurrentWindow().getEnclosedPage()).asXml();
            for (String field : step.getValue()) {
                assertThat(html).as("%s's form has %s", step.getKey(), field).contains("name=\"_." + field + "\"");
            }
            assertThat(html).doesNotContain("name=\"_.baseUrl\"");
        }
    }
}
