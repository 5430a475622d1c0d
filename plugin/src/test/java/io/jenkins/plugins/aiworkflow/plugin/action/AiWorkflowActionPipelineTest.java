package io.jenkins.plugins.aiworkflow.plugin.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlTable;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class AiWorkflowActionPipelineTest {
    @Test
    void shouldShowTheRecordsOfAPipelineBuildAlsoBeforeTheirFirstRow(JenkinsRule j) throws Exception {
        // given: a Pipeline build, a record with a row and one still without any
        WorkflowJob job = j.createProject(WorkflowJob.class, "pipeline");
        job.setDefinition(new CpsFlowDefinition("""
                echo 'built'
                """, true));
        WorkflowRun run = j.buildAndAssertSuccess(job);
        AiWorkflowAction action = AiWorkflowAction.forRun(run);
        action.newRecord("aiImplement", "Build").addRow(Row.builder("aiImplement", 0, "CHANGED").diff(12, 3)
                .tokens(5_000L, 400L).costUsd(0.004).build());
        StepRecord validate = action.newRecord("aiValidate", "Build");
        Files.writeString(validate.getDirectory().resolve("validation.json"), "{}");

        // when: Jenkins loads the build again and shows its page
        j.jenkins.reload();
        WorkflowRun loaded = j.jenkins.getItemByFullName("pipeline", WorkflowJob.class).getBuildByNumber(1);
        HtmlPage page = j.createWebClient().withJavaScriptEnabled(false).getPage(loaded, "ai-workflow");

        // then
        HtmlTable table = page.getHtmlElementById("ai-workflow-rows");
        assertThat(table.getRow(0).asNormalizedText()).contains("Diff (lines)", "Cost (USD)");
        assertThat(table.getRow(1).asNormalizedText()).contains("aiImplement", "Build", "CHANGED", "+12 -3",
                "5000 in / 400 out", "0.0040");
        assertThat(table.getRow(2).asNormalizedText()).contains("aiValidate", "Build", "validation.json");
        assertThat(page.getAnchorByText("validation.json").getHrefAttribute())
                .endsWith("/job/pipeline/1/ai-workflow/file/2-aiValidate/validation.json");
    }
}
