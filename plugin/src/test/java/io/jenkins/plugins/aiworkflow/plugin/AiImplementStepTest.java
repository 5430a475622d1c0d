package io.jenkins.plugins.aiworkflow.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.EnvVars;
import hudson.model.Label;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer;
import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer.Reply;
import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer.ToolCallReply;
import io.jenkins.plugins.aiworkflow.plugin.action.StepRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * aiImplement in a Pipeline against the scripted model server: the model's tool calls change the agent's workspace,
 * the step returns the engine's map and records its reports, and the provider's key reaches only the HTTP header.
 */
@WithJenkins
class AiImplementStepTest {
    private static final String SECRET = "sk-implement-SECRET-5f2c9a81";

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
    void shouldChangeTheAgentsWorkspaceAndKeepTheKeyOutOfTheLogTheFilesAndTheCommandsEnvironment() throws Exception {
        // given: an agent whose environment holds the key under an innocent name, and a model that looks at the
        // environment, changes a file and finishes
        DumbSlave agent = j.createOnlineSlave(Label.get("remote"),
                new EnvVars("GREETING", "hello-from-agent", "DEPLOY_NOTE", "deployed with " + SECRET));
        server.enqueue(call("c1", "run_command", "{\"command\":\"env\"}"),
                call("c2", "write_file", "{\"path\":\"notes.txt\",\"content\":\"new\\n\"}"),
                call("c3", "finish", "{\"summary\":\"changed the notes\"}"));
        WorkflowJob job = job("""
                node('remote') {
                  writeFile file: 'notes.txt', text: 'old\\n'
                  def r = aiImplement intent: 'Change the notes', commands: 'env', maxRetries: 0
                  echo "status=${r.status} changed=${r.changedFiles[0].path}:${r.changedFiles[0].kind} count=${r.changedFiles.size()} turns=${r.turns} summary=${r.summary}"
                }
                """);

        // when
        WorkflowRun build = j.buildAndAssertSuccess(job);

        // then: the file changed on the agent, the map says so
        assertThat(agent.getWorkspaceFor(job).child("notes.txt").readToString()).isEqualTo("new\n");
        j.assertLogContains("status=CHANGED changed=notes.txt:MODIFIED count=1 turns=3 summary=changed the notes",
                build);
        j.assertLogContains("[aiImplement] ", build);
        // the reports are in the record's directory
        StepRecord record = StepTestSupport.records(build).get(0);
        Path directory = record.getDirectory();
        assertThat(directory.resolve("transcript.jsonl")).isNotEmptyFile();
        assertThat(directory.resolve("implementation.json")).isNotEmptyFile();
        assertThat(directory.resolve("implementation.md")).isNotEmptyFile();
        assertThat(Files.readString(directory.resolve("changes.diff"), StandardCharsets.UTF_8))
                .contains("-old", "+new");
        assertThat(StepTestSupport.rows(build)).singleElement().satisfies(row -> {
            assertThat(row.getVerdict()).isEqualTo("CHANGED");
            assertThat(row.getLinesAdded()).isEqualTo(1L);
            assertThat(row.getLinesRemoved()).isEqualTo(1L);
            assertThat(row.getInputTokens()).isEqualTo(30L);
        });
        // the key went in the header only: the command the agent ran saw neither variable holding it
        assertThat(server.requests()).hasSize(3);
        assertThat(server.lastRequest().header("Authorization")).isEqualTo("Bearer " + SECRET);
        String toolResult = server.requests().get(1).body();
        assertThat(toolResult).contains("GREETING=hello-from-agent").doesNotContain(SECRET, "DEPLOY_NOTE");
        j.assertLogNotContains(SECRET, build);
        assertThat(StepTestSupport.filesHolding(SECRET, build.getRootDir().toPath())).isEmpty();
    }

    @Test
    void shouldMaskTheKeyWhereTheModelRepeatsIt() throws Exception {
        // given: a model that writes the key into a file and its summary (as a leaked key would travel)
        server.enqueue(call("c1", "write_file", "{\"path\":\"notes.txt\",\"content\":\"the key is " + SECRET + "\\n\"}"),
                call("c2", "finish", "{\"summary\":\"noted " + SECRET + "\"}"));
        WorkflowJob job = job("""
                node {
                  def r = aiImplement intent: 'Note the key', maxRetries: 0
                  echo "summary=${r.summary} diff=${r.diff.contains('****')}"
                }
                """);

        // when
        WorkflowRun build = j.buildAndAssertSuccess(job);

        // then: masked in the map, the log and every report; the file itself holds what the model wrote
        j.assertLogContains("summary=noted **** diff=true", build);
        j.assertLogNotContains(SECRET, build);
        assertThat(StepTestSupport.filesHolding(SECRET, build.getRootDir().toPath())).isEmpty();
        assertThat(StepTestSupport.records(build).get(0).getDirectory().resolve("changes.diff"))
                .content().contains("+the key is ****");
    }

    @Test
    void shouldKeepTheCommasOfAListOfCommandsInItsTextProperty() throws Exception {
        // when: commands as a Groovy list, one of them with a comma
        AiImplementStep step = AiStep.fromArguments(new AiImplementStep(null), Map.of("intent", "x",
                "commands", List.of("mvn -B -Dtest=A,B test", "ls"), "writable", List.of("src/**", "pom.xml")));

        // then: the Snippet Generator's text field holds the same entries (one per line; globs by commas)
        assertThat(step.getCommands()).isEqualTo("mvn -B -Dtest=A,B test\nls");
        assertThat(step.getWritable()).isEqualTo("src/**, pom.xml");
    }

    @Test
    void shouldReturnNoChangeWhenTheModelOnlyFinishes() throws Exception {
        // given
        server.enqueue(call("c1", "finish", "{\"summary\":\"nothing to do\"}"));
        WorkflowJob job = job("""
                node {
                  def r = aiImplement intent: 'Nothing', maxRetries: 0
                  echo "status=${r.status} files=${r.changedFiles.size()}"
                }
                """);

        // when
        WorkflowRun build = j.buildAndAssertSuccess(job);

        // then
        j.assertLogContains("status=NO_CHANGE files=0", build);
    }

    @Test
    void shouldRefuseAnUnknownProviderNamingTheConfiguredOnes() throws Exception {
        // given
        WorkflowJob job = job("""
                node {
                  aiImplement intent: 'Anything', provider: 'gemini'
                }
                """);

        // when
        WorkflowRun build = j.buildAndAssertStatus(Result.FAILURE, job);

        // then
        j.assertLogContains("provider 'gemini' is not configured; accepted: scripted", build);
        j.assertLogNotContains("\tat ", build);
        assertThat(server.requests()).isEmpty();
    }

    private WorkflowJob job(String script) throws Exception {
        return StepTestSupport.job(j, script);
    }
}
