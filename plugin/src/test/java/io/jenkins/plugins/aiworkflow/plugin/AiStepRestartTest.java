package io.jenkins.plugins.aiworkflow.plugin;

import hudson.model.Result;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/** What a controller restart does to a running step: it fails with a message that says why (AiStepExecution). */
class AiStepRestartTest {
    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void shouldFailARunningStepWithAMessageAfterARestart() throws Throwable {
        // given: a build whose aiValidate waits in its test command (for a file, at most a minute)
        sessions.then(j -> {
            WorkflowJob job = j.createProject(WorkflowJob.class, "restarted");
            job.setDefinition(new CpsFlowDefinition("""
                    node {
                      aiValidate reports: 'TEST-*.xml', command: 'echo wait"ing" for go; for i in $(seq 1 600); do [ -f go ] && break; sleep 0.1; done'
                      echo 'after the step'
                    }
                    """, true));
            WorkflowRun build = job.scheduleBuild2(0).waitForStart();
            j.waitForMessage("waiting for go", build);
            // when: the controller stops here and starts again
        });
        sessions.then(j -> {
            WorkflowJob job = j.jenkins.getItemByFullName("restarted", WorkflowJob.class);
            WorkflowRun build = job.getBuildByNumber(1);
            try {
                // then
                j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(build));
                j.assertLogContains("aiValidate was running when the controller restarted and cannot resume", build);
                j.assertLogNotContains("after the step", build);
            } finally {
                // the first session's command (same process in a test) may end now
                j.jenkins.getWorkspaceFor(job).child("go").touch(0);
            }
        });
    }
}
