package io.jenkins.plugins.aiworkflow.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Label;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer;
import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer.Reply;
import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer.ToolCallReply;
import io.jenkins.plugins.aiworkflow.plugin.action.Row;
import io.jenkins.plugins.aiworkflow.plugin.action.StepRecord;
import io.jenkins.plugins.aiworkflow.plugin.config.AiWorkflowConfiguration;
import java.time.Duration;
import org.htmlunit.Page;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * aiRefine (parameter form) in a Pipeline: a tiny shell test suite whose one test passes only when answer.txt says
 * "fixed", the scripted model fixing it, the rows and reports of the loop, and the global caps.
 */
@WithJenkins
class AiRefineStepTest {
    private static final String SECRET = "sk-refine-SECRET-77d1e0b2";
    /** Writes out/TEST-answer.xml: one test, passing only when answer.txt holds the line "fixed". */
    private static final String CHECK_SH = """
            if grep -q '^fixed$' answer.txt; then
              failures=0; body='<testcase classname="demo.AnswerTest" name="holds"/>'
            else
              failures=1; body='<testcase classname="demo.AnswerTest" name="holds"><failure message="answer.txt does not say fixed"/></testcase>'
            fi
            mkdir -p out
            printf '<testsuite name="demo.AnswerTest" tests="1" failures="%s">%s</testsuite>\\n' "$failures" "$body" > out/TEST-answer.xml
            """;

    private JenkinsRule j;
    private ScriptedModelServer server;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        server = ScriptedModelServer.start();
        StepTestSupport.configureScriptedProvider(server, SECRET);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private static Reply call(String id, String tool, String arguments) {
        return Reply.toolCalls(new ToolCallReply(id, tool, arguments));
    }

    @Test
    void shouldFixTheTestInIterationOneAndShowTheLoopOnTheBuildPage() throws Exception {
        // given: a failing suite, and a model that writes the answer and finishes
        WorkflowJob job = job("""
                node {
                  def r = aiRefine intent: 'Make AnswerTest pass', command: 'sh check.sh', reports: 'out/TEST-*.xml', writable: 'answer.txt', maxRetries: 0
                  echo "passed=${r.passed} outcome=${r.outcome} stopRule=${r.stopRule} iterations=${r.iterations.size()} first=${r.iterations[0].verdict} last=${r.iterations[1].verdict}"
                }
                """);
        FilePath workspace = workspace(job);
        server.enqueue(call("c1", "write_file", "{\"path\":\"answer.txt\",\"content\":\"fixed\\n\"}"),
                call("c2", "finish", "{\"summary\":\"answered\"}"));

        // when
        WorkflowRun build = j.buildAndAssertSuccess(job);

        // then
        j.assertLogContains("passed=true outcome=PASSED stopRule=GATE_PASSED iterations=2 first=FAILED last=PASSED",
                build);
        j.assertLogContains("[aiRefine] ", build);
        assertThat(workspace.child("answer.txt").readToString()).isEqualTo("fixed\n");
        assertThat(StepTestSupport.rows(build)).extracting(Row::getIteration).containsExactly(0, 1);
        assertThat(StepTestSupport.rows(build)).extracting(Row::getVerdict).containsExactly("FAILED", "PASSED");
        StepRecord record = StepTestSupport.records(build).get(0);
        assertThat(record.getDirectory().resolve("refine.html")).isNotEmptyFile();
        Page page = j.createWebClient().withJavaScriptEnabled(false)
                .goTo(build.getUrl() + "ai-workflow/file/" + record.getId() + "/refine.html", null);
        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(page.getWebResponse().getContentType()).isEqualTo("text/html");
        assertThat(page.getWebResponse().getContentAsString()).contains("Make AnswerTest pass");
        j.assertLogNotContains(SECRET, build);
        assertThat(StepTestSupport.filesHolding(SECRET, build.getRootDir().toPath())).isEmpty();
    }

    @Test
    void shouldRefuseMoreIterationsThanTheGlobalCapNamingIt() throws Exception {
        // given
        AiWorkflowConfiguration.get().setMaxIterations(2);
        WorkflowJob job = job("""
                node {
                  aiRefine intent: 'Make AnswerTest pass', command: 'sh check.sh', reports: 'out/TEST-*.xml', maxIterations: 5
                }
                """);
        workspace(job);

        // when
        WorkflowRun build = j.buildAndAssertStatus(Result.FAILURE, job);

        // then
        j.assertLogContains("ERROR: aiRefine: maxIterations 5 exceeds the cap maxIterations of 2 that the AI Workflow configuration "
                + "sets", build);
        j.assertLogNotContains("\tat ", build);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void shouldRunAtMostTheCappedIterationsWhenTheJenkinsfileGivesNone() throws Exception {
        // given: a cap of 1 and a model that does not fix anything
        AiWorkflowConfiguration.get().setMaxIterations(1);
        WorkflowJob job = job("""
                node {
                  def r = aiRefine intent: 'Make AnswerTest pass', command: 'sh check.sh', reports: 'out/TEST-*.xml', onFailure: 'NONE', maxRetries: 0
                  echo "passed=${r.passed} maxIterations=${r.maxIterations} iterations=${r.iterations.size()}"
                }
                """);
        workspace(job);
        server.enqueue(call("c1", "write_file", "{\"path\":\"answer.txt\",\"content\":\"still wrong\\n\"}"),
                call("c2", "finish", "{\"summary\":\"tried\"}"));

        // when
        WorkflowRun build = j.buildAndAssertSuccess(job);

        // then
        j.assertLogContains("passed=false maxIterations=1 iterations=2", build);
        j.assertLogContains("[aiRefine] WARNING: ", build);
    }

    @Test
    void shouldRefineOnTheAgentKeepingTheKeyOutOfTheTestCommandsEnvironment() throws Exception {
        // given: an agent whose environment holds the key under another name; the suite saves its environment
        DumbSlave agent = j.createOnlineSlave(Label.get("remote"),
                new EnvVars("GREETING", "hello-from-agent", "DEPLOY_NOTE", "deployed with " + SECRET));
        WorkflowJob job = job("""
                node('remote') {
                  writeFile file: 'check.sh', text: '''env > test-env.txt
                %s'''
                  writeFile file: 'answer.txt', text: 'wrong\\n'
                  def r = aiRefine intent: 'Make AnswerTest pass', command: 'sh check.sh', reports: 'out/TEST-*.xml', writable: 'answer.txt', maxRetries: 0
                  echo "passed=${r.passed} iterations=${r.iterations.size()}"
                }
                """.formatted(CHECK_SH));
        server.enqueue(call("c1", "write_file", "{\"path\":\"answer.txt\",\"content\":\"fixed\\n\"}"),
                call("c2", "finish", "{\"summary\":\"answered\"}"));

        // when
        WorkflowRun build = j.buildAndAssertSuccess(job);

        // then: the work was on the agent, and the test command saw the agent's environment without the key
        j.assertLogContains("passed=true iterations=2", build);
        FilePath workspace = agent.getWorkspaceFor(job);
        assertThat(workspace.child("answer.txt").readToString()).isEqualTo("fixed\n");
        assertThat(workspace.child("test-env.txt").readToString()).contains("GREETING=hello-from-agent")
                .doesNotContain(SECRET);
        j.assertLogNotContains(SECRET, build);
        assertThat(StepTestSupport.filesHolding(SECRET, build.getRootDir().toPath())).isEmpty();
    }

    @Test
    void shouldMakeTheBuildUnstableAndMarkTheStepWhenTheLoopEndsUnmetWithOnFailureUnstable() throws Exception {
        // given: one attempt that does not fix the test
        WorkflowJob job = job("""
                node {
                  def r = aiRefine intent: 'Make AnswerTest pass', command: 'sh check.sh', reports: 'out/TEST-*.xml', maxIterations: 1, onFailure: 'UNSTABLE', maxRetries: 0
                  echo "after the loop: outcome=${r.outcome} stopRule=${r.stopRule}"
                }
                """);
        workspace(job);
        server.enqueue(call("c1", "write_file", "{\"path\":\"answer.txt\",\"content\":\"still wrong\\n\"}"),
                call("c2", "finish", "{\"summary\":\"tried\"}"));

        // when
        WorkflowRun build = j.buildAndAssertStatus(Result.UNSTABLE, job);

        // then
        j.assertLogContains("after the loop: outcome=NOT_MET stopRule=MAX_ITERATIONS", build);
        j.assertLogContains("[aiRefine] WARNING: the quality gate failed", build);
        assertThat(StepTestSupport.warnedNodes(build)).singleElement().satisfies(node -> {
            assertThat(node.getDisplayFunctionName()).isEqualTo("aiRefine");
            assertThat(node.getPersistentAction(WarningAction.class).getResult()).isEqualTo(Result.UNSTABLE);
        });
    }

    @Test
    void shouldAbortTheLoopDuringAModelCallAndLetTheNextRunGoOn() throws Exception {
        // given: a loop whose first attempt waits for a model that answers only after five minutes
        WorkflowJob job = job("""
                node {
                  def r = aiRefine intent: 'Make AnswerTest pass', command: 'sh check.sh', reports: 'out/TEST-*.xml', writable: 'answer.txt', maxRetries: 0
                  echo "run ${currentBuild.number}: passed=${r.passed} recovery=${r.recovery}"
                }
                """);
        FilePath workspace = workspace(job);
        server.enqueue(Reply.text("far too late").withDelay(Duration.ofMinutes(5)));
        WorkflowRun aborted = job.scheduleBuild2(0).waitForStart();
        assertThat(server.awaitRequests(1)).isTrue();

        // when
        aborted.doStop();

        // then: ABORTED, and the next build on the same workspace runs its loop
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(aborted));
        assertThat(StepTestSupport.records(aborted)).as("the aborted loop ended after writing its reports")
                .singleElement().satisfies(record -> assertThat(record.getDirectory().resolve("refine.json")).exists());
        assertThat(workspace.child("answer.txt").readToString()).isEqualTo("wrong\n");
        server.enqueue(call("c1", "write_file", "{\"path\":\"answer.txt\",\"content\":\"fixed\\n\"}"),
                call("c2", "finish", "{\"summary\":\"answered\"}"));
        WorkflowRun next = j.buildAndAssertSuccess(job);
        j.assertLogContains("run 2: passed=true", next);
    }

    /** The job's workspace on the controller, with the test suite and a wrong answer in it. */
    private FilePath workspace(WorkflowJob job) throws Exception {
        FilePath workspace = j.jenkins.getWorkspaceFor(job);
        workspace.child("check.sh").write(CHECK_SH, "UTF-8");
        workspace.child("answer.txt").write("wrong\n", "UTF-8");
        return workspace;
    }

    private WorkflowJob job(String script) throws Exception {
        return StepTestSupport.job(j, script);
    }
}
