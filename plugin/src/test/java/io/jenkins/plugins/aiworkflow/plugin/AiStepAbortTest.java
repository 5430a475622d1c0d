package io.jenkins.plugins.aiworkflow.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.FilePath;
import hudson.model.Label;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer;
import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer.Reply;
import io.jenkins.plugins.aiworkflow.plugin.action.Row;
import io.jenkins.plugins.aiworkflow.plugin.config.AiWorkflowConfiguration;
import io.jenkins.plugins.aiworkflow.plugin.config.Provider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** An abort (the build's stop button, a timeout) during a model call and during a test command. */
@WithJenkins
class AiStepAbortTest {
    private JenkinsRule j;
    private ScriptedModelServer server;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        j = rule;
        server = ScriptedModelServer.start();
        Provider local = new Provider("local", "compatible");
        local.setBaseUrl(server.baseUrl());
        local.setModel("llama3.1");
        AiWorkflowConfiguration.get().setProviders(List.of(local));
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void shouldCancelTheModelCallWhenTheBuildIsAborted() throws Exception {
        // given: a model that answers only after five minutes
        server.enqueue(Reply.text("far too late").withDelay(Duration.ofMinutes(5)));
        WorkflowJob job = job("""
                node {
                  aiImplement intent: 'Wait for the model', maxRetries: 0
                  echo 'after the step'
                }
                """);
        WorkflowRun build = job.scheduleBuild2(0).waitForStart();
        assertThat(server.awaitRequests(1)).as("the model call is in flight").isTrue();

        // when
        build.doStop();

        // then: the build is aborted, and the call was given up (its row reports it) rather than waited for
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(build));
        j.assertLogNotContains("after the step", build);
        assertThat(StepTestSupport.rows(build)).as("the step ended after recording its cancelled run").singleElement().extracting(Row::getStopReason).asString()
                .containsIgnoringCase("cancel");
        assertThat(server.requests()).as("no retry after the abort").hasSize(1);
    }

    @Test
    @EnabledOnOs({OS.LINUX})
    void shouldKillTheTestCommandsProcessTreeOnTheAgentWhenTheBuildIsAborted() throws Exception {
        // given: a test command whose child sleeps for five minutes and leaves its process id in the workspace
        DumbSlave agent = j.createOnlineSlave(Label.get("remote"));
        WorkflowJob job = job("""
                node('remote') {
                  aiValidate reports: 'TEST-*.xml', command: 'sleep 300 & echo $! > sleeper.pid; echo sleeper "run"ning; wait'
                  echo 'after the step'
                }
                """);
        WorkflowRun build = job.scheduleBuild2(0).waitForStart();
        // (the command line is logged too: its quotes keep it from matching)
        j.waitForMessage("sleeper running", build);
        FilePath pidFile = agent.getWorkspaceFor(job).child("sleeper.pid");
        Path process = Path.of("/proc", pidFile.readToString().trim());
        assertThat(process).as("the sleeper runs").exists();

        // when
        build.doStop();

        // then
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(build));
        j.assertLogNotContains("after the step", build);
        assertThat(process).as("the step ended after killing the sleeper").doesNotExist();
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void shouldEndTheTestCommandWhenATimeoutStepExpires() throws Exception {
        // given: a test command far longer than the timeout around the step
        WorkflowJob job = job("""
                node {
                  timeout(time: 3, unit: 'SECONDS') {
                    aiValidate reports: 'TEST-*.xml', command: 'sleep 300 & echo $! > sleeper.pid; wait'
                  }
                  echo 'after the timeout'
                }
                """);

        // when
        WorkflowRun build = j.buildAndAssertStatus(Result.ABORTED, job);

        // then
        j.assertLogContains("Timeout has been exceeded", build);
        j.assertLogNotContains("after the timeout", build);
        Path process = Path.of("/proc", j.jenkins.getWorkspaceFor(job).child("sleeper.pid").readToString().trim());
        assertThat(process).as("the step ended after killing the sleeper").doesNotExist();
    }

    private WorkflowJob job(String script) throws Exception {
        return StepTestSupport.job(j, script);
    }
}
