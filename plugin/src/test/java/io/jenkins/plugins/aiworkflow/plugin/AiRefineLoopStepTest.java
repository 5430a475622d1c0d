package io.jenkins.plugins.aiworkflow.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer;
import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer.Reply;
import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer.ToolCallReply;
import io.jenkins.plugins.aiworkflow.plugin.action.AiWorkflowAction;
import io.jenkins.plugins.aiworkflow.plugin.action.Row;
import io.jenkins.plugins.aiworkflow.plugin.action.StepRecord;
import java.util.List;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * aiRefineLoop runs its body again while the body's last aiValidate fails, with the engine deciding after each run
 * (RefineLoopTest); here: the wiring. The test command is a shell script whose test fails until a marker file
 * says that it ran before, so no model is needed but in the test of the feedback.
 */
@WithJenkins
class AiRefineLoopStepTest {
    /** Fails its one test on the first run, passes on the next ones. */
    private static final String PASSES_THE_SECOND_TIME = """
            if [ -f ran-once ]; then
              printf '<testsuite tests="1"><testcase classname="com.acme.PriceTest" name="shouldRoundHalfUp"/></testsuite>' > TEST-a.xml
            else
              touch ran-once
              printf '<testsuite tests="1" failures="1"><testcase classname="com.acme.PriceTest" name="shouldRoundHalfUp"><failure message="expected 3 but was 2"/></testcase></testsuite>' > TEST-a.xml
            fi
            """;
    /** Fails its one test every time, with another message each time (so that the loop sees no lack of progress). */
    private static final String ALWAYS_FAILS = """
            n=$(cat runs 2>/dev/null || echo 0); n=$((n+1)); echo $n > runs
            printf '<testsuite tests="1" failures="1"><testcase classname="com.acme.PriceTest" name="shouldRoundHalfUp"><failure message="run %s"/></testcase></testsuite>' $n > TEST-a.xml
            """;

    private JenkinsRule j;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        j = rule;
    }

    private WorkflowRun run(String script, String pipeline) throws Exception {
        WorkflowJob job = StepTestSupport.job(j, pipeline);
        j.jenkins.getWorkspaceFor(job).child("check.sh").write(script, "UTF-8");
        return job.scheduleBuild2(0).get();
    }

    @Test
    void shouldRunTheBodyAgainUntilItsValidationPassesAndReturnTheMap() throws Exception {
        WorkflowRun build = run(PASSES_THE_SECOND_TIME, """
                node {
                    def loop = aiRefineLoop(maxIterations: 3) {
                        aiValidate command: 'sh check.sh', reports: 'TEST-*.xml'
                    }
                    echo "loop: passed=${loop.passed} stopRule=${loop.stopRule} iterations=${loop.iterations} outcome=${loop.outcome} reasons=${loop.reasons}"
                }
                """);

        j.assertBuildStatusSuccess(build);
        j.assertLogContains("loop: passed=true stopRule=GATE_PASSED iterations=2 outcome=PASSED reasons=[]", build);
        j.assertLogContains("[aiValidate] WARNING: the quality gate failed", build);
        j.assertLogContains("[aiRefineLoop] iteration 2 of 3 with the feedback of iteration 1: running the body again",
                build);
        StepRecord record = AiWorkflowAction.forRun(build).getRecords().stream()
                .filter(r -> r.getStepName().equals("aiRefineLoop")).findFirst().orElseThrow();
        assertThat(record.getRows()).extracting(Row::getIteration, Row::getVerdict)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "FAILED"),
                        org.assertj.core.groups.Tuple.tuple(2, "PASSED"));
    }

    @Test
    void shouldFailTheBuildWithAWarningWhenMaxIterationsAreSpent() throws Exception {
        WorkflowRun build = run(ALWAYS_FAILS, """
                node {
                    aiRefineLoop(maxIterations: 2) {
                        aiValidate command: 'sh check.sh', reports: 'TEST-*.xml'
                    }
                    echo 'not reached'
                }
                """);

        j.assertBuildStatus(Result.FAILURE, build);
        j.assertLogContains("[aiRefineLoop] stopped (MAX_ITERATIONS): maxIterations reached: 2", build);
        j.assertLogContains("[aiRefineLoop] WARNING: the quality gate failed", build);
        j.assertLogContains("aiRefineLoop: the quality gate failed", build);
        j.assertLogNotContains("not reached", build);
        assertThat(readRuns(build)).isEqualTo("2");
        assertThat(warnings(build)).containsExactly(Result.FAILURE);
    }

    @Test
    void shouldMarkTheBuildUnstableAndGoOnWithOnFailureUnstable() throws Exception {
        WorkflowRun build = run(ALWAYS_FAILS, """
                node {
                    def loop = aiRefineLoop(maxIterations: 2, onFailure: 'UNSTABLE') {
                        aiValidate command: 'sh check.sh', reports: 'TEST-*.xml'
                    }
                    echo "went on: passed=${loop.passed} stopRule=${loop.stopRule} outcome=${loop.outcome}"
                }
                """);

        j.assertBuildStatus(Result.UNSTABLE, build);
        j.assertLogContains("went on: passed=false stopRule=MAX_ITERATIONS outcome=NOT_MET", build);
        assertThat(warnings(build)).containsExactly(Result.UNSTABLE);
    }

    @Test
    void shouldEndTheLoopAtOnceWhenTheBodyFails() throws Exception {
        WorkflowRun build = run(ALWAYS_FAILS, """
                node {
                    aiRefineLoop(maxIterations: 3) {
                        aiValidate command: 'sh check.sh', reports: 'TEST-*.xml'
                        error 'the body broke'
                    }
                }
                """);

        j.assertBuildStatus(Result.FAILURE, build);
        j.assertLogContains("the body broke", build);
        j.assertLogNotContains("running the body again", build);
        assertThat(readRuns(build)).isEqualTo("1");
    }

    @Test
    void shouldRefuseABodyWithoutValidation() throws Exception {
        WorkflowRun build = run(ALWAYS_FAILS, """
                node {
                    aiRefineLoop(onFailure: 'NONE') {
                        echo 'no gate here'
                    }
                }
                """);

        j.assertBuildStatus(Result.FAILURE, build);
        j.assertLogContains("aiRefineLoop: iteration 1 ran no aiValidate", build);
    }

    @Test
    void shouldRefuseAMaxIterationsOutOfRangeNamingIt() throws Exception {
        WorkflowRun build = run(ALWAYS_FAILS, """
                node {
                    aiRefineLoop(maxIterations: 0) {
                        aiValidate command: 'sh check.sh', reports: 'TEST-*.xml'
                    }
                }
                """);

        j.assertBuildStatus(Result.FAILURE, build);
        j.assertLogContains("maxIterations", build);
        assertThat(readRuns(build)).isNull();
    }

    private void configureProvider(ScriptedModelServer server) throws Exception {
        StepTestSupport.configureScriptedProvider(server, "sk-loop-test-0123");
    }

    @Test
    void shouldHoldTheBodysAgentToWhatIsLeftOfTheLoopsMaxCost() throws Exception {
        try (ScriptedModelServer server = ScriptedModelServer.start()) {
            configureProvider(server);
            server.enqueue(Reply.toolCalls(new ToolCallReply("c1", "finish", "{\"summary\":\"tried\"}")));

            WorkflowRun build = run(ALWAYS_FAILS, """
                    node {
                        aiRefineLoop(maxIterations: 1, maxCostUsd: 0.000001, onFailure: 'NONE') {
                            aiImplement intent: 'Make PriceTest pass', provider: 'scripted'
                            aiValidate command: 'sh check.sh', reports: 'TEST-*.xml'
                        }
                    }
                    """);

            // then: the agent got the loop's tiny budget, too small for its first call
            j.assertBuildStatusSuccess(build);
            j.assertLogContains("maxCostUsd reached", build);
            j.assertLogContains("[aiImplement]", build);
            assertThat(server.requests()).isEmpty();
        }
    }

    @Test
    void shouldGiveTheNextAiImplementTheFeedbackOfTheFailedValidation() throws Exception {
        try (ScriptedModelServer server = ScriptedModelServer.start()) {
            configureProvider(server);
            server.enqueue(Reply.toolCalls(new ToolCallReply("c1", "finish", "{\"summary\":\"tried\"}")),
                    Reply.toolCalls(new ToolCallReply("c2", "finish", "{\"summary\":\"tried again\"}")));

            WorkflowRun build = run(PASSES_THE_SECOND_TIME, """
                    node {
                        def loop = aiRefineLoop(maxIterations: 2) {
                            aiImplement intent: 'Make PriceTest pass', provider: 'scripted'
                            aiValidate command: 'sh check.sh', reports: 'TEST-*.xml'
                        }
                        echo "loop: ${loop.stopRule} after ${loop.iterations}"
                    }
                    """);

            j.assertBuildStatusSuccess(build);
            j.assertLogContains("loop: GATE_PASSED after 2", build);
            j.assertLogContains("[aiImplement] with the feedback of iteration 1 of aiRefineLoop", build);
            assertThat(server.requests()).hasSize(2);
            assertThat(server.requests().get(0).body()).doesNotContain("shouldRoundHalfUp");
            assertThat(server.requests().get(1).body()).contains("com.acme.PriceTest.shouldRoundHalfUp",
                    "expected 3 but was 2");
        }
    }

    @Test
    void shouldEndTheLoopWhenTheBuildIsAborted() throws Exception {
        // given: the body's test command waits until the build is aborted
        WorkflowJob job = j.createProject(WorkflowJob.class);
        j.jenkins.getWorkspaceFor(job).child("check.sh").write("echo waiting-for-abort\nsleep 600\n", "UTF-8");
        job.setDefinition(new CpsFlowDefinition("""
                node {
                    aiRefineLoop(maxIterations: 3) {
                        aiValidate command: 'sh check.sh', reports: 'TEST-*.xml'
                    }
                }
                """, true));
        WorkflowRun build = job.scheduleBuild2(0).waitForStart();
        j.waitForMessage("waiting-for-abort", build);

        // when
        build.doStop();

        // then
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(build));
        j.assertLogNotContains("running the body again", build);
    }

    private String readRuns(WorkflowRun build) throws Exception {
        hudson.FilePath runs = j.jenkins.getWorkspaceFor(build.getParent()).child("runs");
        return runs.exists() ? runs.readToString().strip() : null;
    }

    /** The results of the WarningActions on the build's flow nodes. */
    private static List<Result> warnings(WorkflowRun build) {
        List<Result> results = new java.util.ArrayList<>();
        for (FlowNode node : new org.jenkinsci.plugins.workflow.graph.FlowGraphWalker(build.getExecution())) {
            WarningAction warning = node.getPersistentAction(WarningAction.class);
            if (warning != null) {
                results.add(warning.getResult());
            }
        }
        return results;
    }
}
