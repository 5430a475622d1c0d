package io.jenkins.plugins.aiworkflow.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer;
import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer.Reply;
import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer.ToolCallReply;
import io.jenkins.plugins.aiworkflow.plugin.action.Row;
import io.jenkins.plugins.aiworkflow.plugin.config.AiWorkflowConfiguration;
import java.time.Duration;
import java.util.regex.Pattern;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The global caps as a Jenkinsfile meets them: money per build and wall time per step. */
@WithJenkins
class AiStepCapsTest {
    private JenkinsRule j;
    private ScriptedModelServer server;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        server = ScriptedModelServer.start();
        StepTestSupport.configureScriptedProvider(server, "sk-caps-SECRET-0c1d2e3f");
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    /** A finish call whose usage costs 0.80 USD (two million input tokens of gpt-4.1-mini). */
    private static Reply expensiveFinish(String id) {
        return Reply.toolCalls(new ToolCallReply(id, "finish", "{\"summary\":\"done\"}"))
                .withUsage(2_000_000, 0, 0, 0);
    }

    @Test
    void shouldRefuseAMaxCostUsdAboveTheBuildsCapNamingIt() throws Exception {
        // given
        AiWorkflowConfiguration.get().setMaxCostUsdPerBuild(1.0);
        WorkflowJob job = job("""
                node {
                  aiImplement intent: 'Anything', maxCostUsd: 2
                }
                """);

        // when
        WorkflowRun build = j.buildAndAssertStatus(Result.FAILURE, job);

        // then
        j.assertLogContains("ERROR: aiImplement: maxCostUsd 2 USD exceeds the cap maxCostUsdPerBuild of 1 USD that the AI Workflow "
                + "configuration sets", build);
        j.assertLogNotContains("\tat ", build);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void shouldHoldTheStepsOfABuildToWhatIsLeftOfItsCostCap() throws Exception {
        // given: a cap of 1 USD and model calls of 0.80 USD each
        AiWorkflowConfiguration.get().setMaxCostUsdPerBuild(1.0);
        server.enqueue(expensiveFinish("c1"), Reply.toolCalls(new ToolCallReply("c2", "write_file",
                "{\"path\":\"notes.txt\",\"content\":\"new\\n\"}")).withUsage(2_000_000, 0, 0, 0));
        WorkflowJob job = job("""
                node {
                  def first = aiImplement intent: 'First', maxRetries: 0
                  echo "first=${first.status} cost=${first.usage.costUsd}"
                  def second = aiImplement intent: 'Second', maxRetries: 0
                  echo "second=${second.status} limit=${second.stopReason.limit}"
                  aiImplement intent: 'Third', maxRetries: 0
                  echo 'after the third'
                }
                """);

        // when
        WorkflowRun build = j.buildAndAssertStatus(Result.FAILURE, job);

        // then: the first runs within the cap, the second stops at what was left (after its first call, which the
        // engine cannot price before it is made), the third may not start
        j.assertLogContains("first=NO_CHANGE cost=0.8", build);
        j.assertLogContains("second=LIMIT limit=COST", build);
        j.assertLogContains("ERROR: aiImplement: this build has spent 1.6 USD on models, the cap maxCostUsdPerBuild of the AI Workflow "
                + "configuration is 1 USD; no further model calls are allowed in this build", build);
        j.assertLogNotContains("after the third", build);
        assertThat(server.requests()).hasSize(2);
        assertThat(StepTestSupport.rows(build)).extracting(Row::getCostUsd).containsExactly(0.8, 0.8);
    }

    @Test
    void shouldLetParallelStepsShareTheBuildsCostCapInsteadOfEachSpendingAllOfIt() throws Exception {
        // given: a cap of 1 USD and two branches without maxCostUsd; whichever starts first holds the whole cap
        // while its model call is in flight (the answer comes only after five minutes)
        AiWorkflowConfiguration.get().setMaxCostUsdPerBuild(1.0);
        server.enqueue(expensiveFinish("c1").withDelay(Duration.ofMinutes(5)));
        WorkflowJob job = job("""
                node {
                  parallel failFast: true,
                    a: { aiImplement intent: 'Branch a', maxRetries: 0 },
                    b: { aiImplement intent: 'Branch b', maxRetries: 0 }
                }
                """);

        // when
        WorkflowRun build = j.buildAndAssertStatus(Result.FAILURE, job);

        // then: the other is refused before any model call, naming what the running one holds (and failFast stops
        // the first)
        String log = JenkinsRule.getLog(build);
        String refusal = "ERROR: aiImplement: this build has spent 0 USD on models and its running steps may spend "
                + "1 USD, the cap maxCostUsdPerBuild of the AI Workflow configuration is 1 USD; no further model calls "
                + "are allowed in this build until they end (give parallel steps a maxCostUsd each to share it)";
        assertThat(log.split(Pattern.quote(refusal), -1)).as("one branch refused").hasSize(2);
        assertThat(server.requests()).as("only the branch holding the cap may have called the model")
                .hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void shouldHoldAiValidatesTestCommandToTheWallTimeCap() throws Exception {
        // given
        AiWorkflowConfiguration.get().setMaxTimeoutMinutes(10);
        WorkflowJob job = job("""
                node {
                  aiValidate reports: 'TEST-*.xml', command: 'echo never', commandTimeout: '1h'
                }
                """);

        // when
        WorkflowRun build = j.buildAndAssertStatus(Result.FAILURE, job);

        // then: refused before the command runs
        j.assertLogContains("ERROR: aiValidate: commandTimeout 60 min exceeds the cap maxTimeoutMinutes of 10 min",
                build);
        j.assertLogNotContains("Running test command", build);
        j.assertLogNotContains("\tat ", build);
    }

    @Test
    void shouldRefuseATimeoutAboveTheWallTimeCapNamingIt() throws Exception {
        // given
        AiWorkflowConfiguration.get().setMaxTimeoutMinutes(10);
        WorkflowJob job = job("""
                node {
                  aiImplement intent: 'Anything', timeout: '1h'
                }
                """);

        // when
        WorkflowRun build = j.buildAndAssertStatus(Result.FAILURE, job);

        // then
        j.assertLogContains("ERROR: aiImplement: timeout 60 min exceeds the cap maxTimeoutMinutes of 10 min that the AI Workflow "
                + "configuration sets", build);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void shouldRefuseAnUnreadableTimeoutNamingTheParameter() throws Exception {
        // given
        WorkflowJob job = job("""
                node {
                  aiImplement intent: 'Anything', timeout: '90'
                }
                """);

        // when
        WorkflowRun build = j.buildAndAssertStatus(Result.FAILURE, job);

        // then
        j.assertLogContains("ERROR: aiImplement parameter timeout: '90' is not a duration; accepted: a number with a unit", build);
        j.assertLogNotContains("\tat ", build);
        assertThat(server.requests()).isEmpty();
    }

    private WorkflowJob job(String script) throws Exception {
        return StepTestSupport.job(j, script);
    }
}
