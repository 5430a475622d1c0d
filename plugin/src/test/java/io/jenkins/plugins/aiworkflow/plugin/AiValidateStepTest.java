package io.jenkins.plugins.aiworkflow.plugin;

import static io.jenkins.plugins.aiworkflow.plugin.StepTestSupport.FAILING_REPORT;
import static io.jenkins.plugins.aiworkflow.plugin.StepTestSupport.PASSING_REPORT;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Label;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.aiworkflow.plugin.action.Row;
import java.util.List;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlTable;
import java.util.Map;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** aiValidate in a Pipeline: where it runs, what it returns, and what a failed gate does to the build. */
@WithJenkins
class AiValidateStepTest {
    private JenkinsRule j;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        j = rule;
    }

    @Test
    void shouldValidateOnTheAgentAndReturnTheMapAndARow() throws Exception {
        // given: an agent whose node properties set a marker the controller does not have
        DumbSlave agent = j.createOnlineSlave(Label.get("remote"), new EnvVars("AI_MARKER", "agent-marker-7"));
        WorkflowJob job = job("""
                node('remote') {
                  writeFile file: 'pass.xml', text: '''%s'''
                  def r = aiValidate reports: 'TEST-*.xml', command: 'cp pass.xml TEST-pass.xml && echo "on $AI_MARKER"'
                  echo "verdict=${r.verdict} passed=${r.passed} tests=${r.totals.tests} failures=${r.totals.failures} exit=${r.command.exitCode}"
                }
                """.formatted(PASSING_REPORT));

        // when
        WorkflowRun build = j.buildAndAssertSuccess(job);

        // then: the returned map, the prefixed console, a row on the build page
        j.assertLogContains("verdict=PASSED passed=true tests=2 failures=0 exit=0", build);
        j.assertLogContains("[aiValidate] ", build);
        j.assertLogContains("on agent-marker-7", build);
        assertThat(StepTestSupport.rows(build)).singleElement().satisfies(row -> {
            assertThat(row.getStep()).isEqualTo("aiValidate");
            assertThat(row.getVerdict()).isEqualTo("PASSED");
            assertThat(row.getTestsPassed()).isEqualTo(2L);
            assertThat(row.getTestsTotal()).isEqualTo(2L);
        });
        assertThat(StepTestSupport.records(build).get(0).getDirectory().resolve("validation.json")).exists();
        HtmlPage page = j.createWebClient().withJavaScriptEnabled(false).getPage(build, "ai-workflow");
        assertThat(page.<HtmlTable>getHtmlElementById("ai-workflow-rows").getRow(1).asNormalizedText())
                .contains("aiValidate", "PASSED", "validation.json");
        // and the files were on the agent: the report is in its workspace, the controller has none
        FilePath agentWorkspace = agent.getWorkspaceFor(job);
        assertThat(agentWorkspace.child("TEST-pass.xml").exists()).isTrue();
        assertThat(j.jenkins.getWorkspaceFor(job).exists()).isFalse();
    }

    @Test
    void shouldFailTheBuildAndMarkTheStepWhenTheGateFailsByDefault() throws Exception {
        // given
        WorkflowJob job = job("""
                node {
                  writeFile file: 'TEST-calc.xml', text: '''%s'''
                  aiValidate reports: 'TEST-*.xml'
                  echo 'after the gate'
                }
                """.formatted(FAILING_REPORT));

        // when
        WorkflowRun build = j.buildAndAssertStatus(Result.FAILURE, job);

        // then
        j.assertLogContains("[aiValidate] WARNING: the quality gate failed", build);
        j.assertLogNotContains("after the gate", build);
        j.assertLogNotContains("\tat ", build);
        assertThat(StepTestSupport.warnedNodes(build)).singleElement().satisfies(node -> {
            assertThat(node.getDisplayFunctionName()).isEqualTo("aiValidate");
            assertThat(node.getPersistentAction(WarningAction.class).getResult()).isEqualTo(Result.FAILURE);
            assertThat(node.getPersistentAction(WarningAction.class).getMessage())
                    .startsWith("the quality gate failed");
        });
        assertThat(StepTestSupport.rows(build)).extracting(Row::getVerdict).containsExactly("FAILED");
    }

    @Test
    void shouldMakeTheBuildUnstableAndGoOnWithOnFailureUnstable() throws Exception {
        // given
        WorkflowJob job = job("""
                node {
                  writeFile file: 'TEST-calc.xml', text: '''%s'''
                  def r = aiValidate reports: 'TEST-*.xml', onFailure: 'UNSTABLE'
                  echo "after the gate: passed=${r.passed} failures=${r.totals.failures} first=${r.failures[0].id}"
                }
                """.formatted(FAILING_REPORT));

        // when
        WorkflowRun build = j.buildAndAssertStatus(Result.UNSTABLE, job);

        // then
        j.assertLogContains("[aiValidate] WARNING: the quality gate failed", build);
        j.assertLogContains("after the gate: passed=false failures=1 first=demo.CalcTest.subtracts", build);
        assertThat(StepTestSupport.warnedNodes(build)).singleElement().satisfies(node -> assertThat(
                node.getPersistentAction(WarningAction.class).getResult()).isEqualTo(Result.UNSTABLE));
    }

    @Test
    void shouldOnlyWarnWithOnFailureNone() throws Exception {
        // given
        WorkflowJob job = job("""
                node {
                  writeFile file: 'TEST-calc.xml', text: '''%s'''
                  def r = aiValidate reports: 'TEST-*.xml', onFailure: 'NONE'
                  echo "the Jenkinsfile decides: passed=${r.passed} reason=${r.reasons[0].condition}"
                }
                """.formatted(FAILING_REPORT));

        // when
        WorkflowRun build = j.buildAndAssertSuccess(job);

        // then
        j.assertLogContains("[aiValidate] WARNING: the quality gate failed", build);
        j.assertLogContains("the Jenkinsfile decides: passed=false reason=maxFailures", build);
        assertThat(StepTestSupport.warnedNodes(build)).isEmpty();
    }

    @Test
    void shouldLetCatchErrorTurnAFailedGateIntoAnUnstableBuild() throws Exception {
        // given
        WorkflowJob job = job("""
                node {
                  writeFile file: 'TEST-calc.xml', text: '''%s'''
                  catchError(buildResult: 'UNSTABLE', stageResult: 'FAILURE') {
                    aiValidate reports: 'TEST-*.xml'
                  }
                  echo 'after catchError'
                }
                """.formatted(FAILING_REPORT));

        // when
        WorkflowRun build = j.buildAndAssertStatus(Result.UNSTABLE, job);

        // then
        j.assertLogContains("after catchError", build);
        j.assertLogContains("aiValidate: the quality gate failed", build);
        assertThat(StepTestSupport.warnedNodes(build)).extracting(FlowNode::getDisplayFunctionName)
                .contains("aiValidate");
    }

    @Test
    void shouldNeverMakeAFailedBuildBetter() throws Exception {
        // given: a build already failed by catchError, then an UNSTABLE gate
        WorkflowJob job = job("""
                node {
                  writeFile file: 'TEST-calc.xml', text: '''%s'''
                  catchError(buildResult: 'FAILURE', stageResult: 'FAILURE') { error 'earlier failure' }
                  aiValidate reports: 'TEST-*.xml', onFailure: 'UNSTABLE'
                }
                """.formatted(FAILING_REPORT));

        // when
        WorkflowRun build = j.buildAndAssertStatus(Result.FAILURE, job);

        // then: the gate ran and failed, and the build stayed FAILURE
        j.assertLogContains("[aiValidate] WARNING: the quality gate failed", build);
    }

    @Test
    void shouldKeepTheRecordsOfParallelBranchesApart() throws Exception {
        // given: two branches, each validating its own workspace
        j.jenkins.setNumExecutors(2);
        WorkflowJob job = job("""
                parallel passing: {
                  node {
                    writeFile file: 'TEST-calc.xml', text: '''%s'''
                    echo "passing=${aiValidate(reports: 'TEST-*.xml').verdict}"
                  }
                }, failing: {
                  node {
                    writeFile file: 'TEST-calc.xml', text: '''%s'''
                    echo "failing=${aiValidate(reports: 'TEST-*.xml', onFailure: 'NONE').verdict}"
                  }
                }
                """.formatted(PASSING_REPORT, FAILING_REPORT));

        // when
        WorkflowRun build = j.buildAndAssertSuccess(job);

        // then
        j.assertLogContains("passing=PASSED", build);
        j.assertLogContains("failing=FAILED", build);
        assertThat(StepTestSupport.records(build)).hasSize(2);
        assertThat(StepTestSupport.rows(build)).extracting(Row::getVerdict)
                .containsExactlyInAnyOrder("PASSED", "FAILED");
    }

    @Test
    void shouldTakeValuesAsDocsStepsMdWritesThem() throws Exception {
        // given: lists as Groovy lists, a rate as a percentage, an integer as a string (docs/steps.md, Values)
        WorkflowJob job = job("""
                node {
                  writeFile file: 'fixture.xml', text: '''%s'''
                  def r = aiValidate reports: ['none/*.xml', 'out/TEST-*.xml'], command: 'mkdir -p out && cp fixture.xml out/TEST-calc.xml && exit 1',
                      acceptedExitCodes: [0, 1], minPassRate: '50%%', maxFailures: '1'
                  echo "passed=${r.passed} exit=${r.command.exitCode}"
                }
                """.formatted(FAILING_REPORT));

        // when
        WorkflowRun build = j.buildAndAssertSuccess(job);

        // then
        j.assertLogContains("passed=true exit=1", build);
    }

    @Test
    void shouldRefuseAnUnknownParameterNamingTheClosestOne() throws Exception {
        // given
        WorkflowJob job = job("""
                node {
                  aiValidate reports: 'TEST-*.xml', maxFailure: 1
                }
                """);

        // when
        WorkflowRun build = j.buildAndAssertStatus(Result.FAILURE, job);

        // then
        j.assertLogContains("ERROR: aiValidate has no parameter 'maxFailure'; did you mean 'maxFailures'?", build);
        j.assertLogNotContains("\tat ", build);
    }

    @Test
    void shouldRefuseAMissingReportsParameter() throws Exception {
        // given
        WorkflowJob job = job("""
                node {
                  aiValidate command: 'true'
                }
                """);

        // when
        WorkflowRun build = j.buildAndAssertStatus(Result.FAILURE, job);

        // then
        j.assertLogContains("reports", build);
        j.assertLogNotContains("\tat ", build);
    }

    @Test
    void shouldTakeTheReportsAsTheSoleArgument() throws Exception {
        // given
        WorkflowJob job = job("""
                node {
                  writeFile file: 'TEST-calc.xml', text: '''%s'''
                  echo "verdict=${aiValidate('TEST-*.xml').verdict}"
                }
                """.formatted(PASSING_REPORT));

        // when
        WorkflowRun build = j.buildAndAssertSuccess(job);

        // then
        j.assertLogContains("verdict=PASSED", build);
    }

    @Test
    void shouldAnswerValuesGivenAsTheEngineReadsThemFromTheTypedProperties() throws Exception {
        // when: arguments as a Jenkinsfile writes them
        AiValidateStep step = AiStep.fromArguments(new AiValidateStep(null), Map.of("reports",
                List.of("a/*.xml", "b/*.xml"), "minPassRate", "95%", "maxFailures", "2", "requireTests", "false",
                "acceptedExitCodes", List.of(0, 1)));

        // then: what the Snippet Generator and the engine see
        assertThat(step.getReports()).isEqualTo("a/*.xml, b/*.xml");
        assertThat(step.getMinPassRate()).isEqualTo(0.95);
        assertThat(step.getMaxFailures()).isEqualTo(2L);
        assertThat(step.getRequireTests()).isFalse();
        assertThat(step.getAcceptedExitCodes()).isEqualTo("0, 1");
        assertThat(step.values()).containsEntry("reports", List.of("a/*.xml", "b/*.xml"))
                .containsEntry("minPassRate", 0.95);
    }

    @Test
    void shouldRunTheCommandWithTheStepsEnvironmentInASubdirectory() throws Exception {
        // given: withEnv and dir around the step, as around sh
        WorkflowJob job = job("""
                node {
                  withEnv(['GREETING=from-withEnv']) {
                    dir('module') {
                      writeFile file: 'fixture.xml', text: '''%s'''
                      def r = aiValidate reports: 'TEST-*.xml', command: 'cp fixture.xml TEST-calc.xml && echo "greeting=$GREETING in $(basename "$PWD")"'
                      echo "passed=${r.passed}"
                    }
                  }
                }
                """.formatted(PASSING_REPORT));

        // when
        WorkflowRun build = j.buildAndAssertSuccess(job);

        // then
        j.assertLogContains("greeting=from-withEnv in module", build);
        j.assertLogContains("passed=true", build);
        assertThat(j.jenkins.getWorkspaceFor(job).child("module/TEST-calc.xml").exists()).isTrue();
    }

    @Test
    void shouldReadTheBaselineFromTheAgentsWorkspace() throws Exception {
        // given: a first build's validation.json (one failing test) put in the agent's workspace as the baseline
        DumbSlave agent = j.createOnlineSlave(Label.get("remote"));
        WorkflowJob first = job("""
                node('remote') {
                  writeFile file: 'TEST-calc.xml', text: '''%s'''
                  aiValidate reports: 'TEST-*.xml', onFailure: 'NONE'
                }
                """.formatted(FAILING_REPORT));
        WorkflowRun baseline = j.buildAndAssertSuccess(first);
        WorkflowJob second = job("""
                node('remote') {
                  writeFile file: 'TEST-calc.xml', text: '''%s'''
                  def r = aiValidate reports: 'TEST-*.xml', baseline: 'baseline/validation.json', newFailuresOnly: true, minPassRate: 0.5
                  echo "passed=${r.passed} newFailures=${r.newFailures}"
                }
                """.formatted(FAILING_REPORT));
        agent.getWorkspaceFor(second).child("baseline/validation.json").copyFrom(new FilePath(
                StepTestSupport.records(baseline).get(0).getDirectory().resolve("validation.json").toFile()));

        // when
        WorkflowRun build = j.buildAndAssertSuccess(second);

        // then: the failure is not new, so the gate passes
        j.assertLogContains("passed=true newFailures=[]", build);
    }

    @Test
    void shouldRefuseAMissingBaselineNamingIt() throws Exception {
        // given
        WorkflowJob job = job("""
                node {
                  aiValidate reports: 'TEST-*.xml', baseline: 'no/such.json'
                }
                """);

        // when
        WorkflowRun build = j.buildAndAssertStatus(Result.FAILURE, job);

        // then
        j.assertLogContains("baseline", build);
        j.assertLogContains("no/such.json", build);
        j.assertLogNotContains("\tat ", build);
    }

    @Test
    void shouldRunTheCommandThatWritesTheReport() throws Exception {
        // given: the test command writes the report the gate reads
        WorkflowJob job = job("""
                node {
                  writeFile file: 'fixture.xml', text: '''%s'''
                  def r = aiValidate reports: 'out/TEST-*.xml', command: 'mkdir -p out && cp fixture.xml out/TEST-calc.xml'
                  echo "passed=${r.passed} command=${r.command.command}"
                }
                """.formatted(PASSING_REPORT));

        // when
        WorkflowRun build = j.buildAndAssertSuccess(job);

        // then
        j.assertLogContains("passed=true command=mkdir -p out && cp fixture.xml out/TEST-calc.xml", build);
    }

    @Test
    void shouldRefuseAnOutOfRangeMinPassRateNamingIt() throws Exception {
        // given
        WorkflowJob job = job("""
                node {
                  aiValidate reports: 'TEST-*.xml', minPassRate: 2
                }
                """);

        // when
        WorkflowRun build = j.buildAndAssertStatus(Result.FAILURE, job);

        // then: a clean message naming the parameter, no stack trace
        j.assertLogContains("ERROR: aiValidate: minPassRate must be between 0.0 and 1.0", build);
        j.assertLogNotContains("\tat ", build);
        j.assertLogNotContains("Exception", build);
    }

    @Test
    void shouldRefuseAnUnknownOnFailureNamingWhatIsAccepted() throws Exception {
        // given
        WorkflowJob job = job("""
                node {
                  aiValidate reports: 'TEST-*.xml', onFailure: 'SOMETIMES'
                }
                """);

        // when
        WorkflowRun build = j.buildAndAssertStatus(Result.FAILURE, job);

        // then
        j.assertLogContains("ERROR: aiValidate parameter onFailure: 'SOMETIMES' is not a choice of onFailure; "
                + "accepted: one of FAILURE, UNSTABLE, NONE", build);
        j.assertLogNotContains("\tat ", build);
        j.assertLogNotContains("Exception", build);
    }

    @Test
    void shouldSayThatItNeedsANode() throws Exception {
        // given
        WorkflowJob job = job("aiValidate reports: 'TEST-*.xml'");

        // when
        WorkflowRun build = j.buildAndAssertStatus(Result.FAILURE, job);

        // then: Pipeline's own check of the step's context (it prints its stack trace, as for every step)
        j.assertLogContains("Perhaps you forgot to surround the aiValidate step with a step that provides this, such "
                + "as: node", build);
    }

    private WorkflowJob job(String script) throws Exception {
        return StepTestSupport.job(j, script);
    }
}
