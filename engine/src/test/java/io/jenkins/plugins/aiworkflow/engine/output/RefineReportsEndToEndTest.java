package io.jenkins.plugins.aiworkflow.engine.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.aiworkflow.engine.agent.ImplementationRequest;
import io.jenkins.plugins.aiworkflow.engine.ledger.MutableClock;
import io.jenkins.plugins.aiworkflow.engine.llm.ApiKey;
import io.jenkins.plugins.aiworkflow.engine.llm.OpenAiModelConfig;
import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer;
import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer.Reply;
import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer.ToolCallReply;
import io.jenkins.plugins.aiworkflow.engine.log.EngineLog;
import io.jenkins.plugins.aiworkflow.engine.refine.IterationRecord;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineListener;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineRequest;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineResult;
import io.jenkins.plugins.aiworkflow.engine.refine.Refinement;
import io.jenkins.plugins.aiworkflow.engine.refine.StopRule;
import io.jenkins.plugins.aiworkflow.engine.validate.QualityGate;
import io.jenkins.plugins.aiworkflow.engine.validate.ValidationRequest;
import io.jenkins.plugins.aiworkflow.engine.workspace.LocalWorkspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The reports of a real refine run: the loop (real openai-java client against the scripted OpenAI-wire server, a
 * real workspace and test command) with {@link RefineReports#listener} writes them after every iteration and at
 * the end.
 */
class RefineReportsEndToEndTest {
    private static final String SECRET = "db-secret-77";
    /** A test per file in tests/cases/: it passes when src/app.txt holds the file's text. */
    private static final String TEST_SCRIPT = """
            #!/bin/sh
            mkdir -p reports
            out=reports/TEST-cases.xml
            echo '<testsuite name="cases">' > $out
            for f in tests/cases/*; do
              n=$(basename "$f")
              if grep -qF -- "$(cat "$f")" src/app.txt; then
                echo "<testcase classname=\\"Cases\\" name=\\"$n\\"/>" >> $out
              else
                echo "<testcase classname=\\"Cases\\" name=\\"$n\\"><failure message=\\"lacks $n\\">at $n</failure></testcase>" >> $out
              fi
            done
            echo '</testsuite>' >> $out
            """;

    @TempDir
    Path workspace;
    @TempDir
    Path reports;

    ScriptedModelServer server;

    @BeforeEach
    void setUp() throws IOException {
        server = ScriptedModelServer.start();
        write("tests/run.sh", TEST_SCRIPT);
        write(".gitignore", "reports/\n");
        write("tests/cases/add", "add=2");
        write("tests/cases/answer", "answer=42");
        write("src/app.txt", "add=2\nanswer=41\n");
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void shouldWriteTheReportsAfterEveryIterationOfARealRunAndAtItsEnd() throws Exception {
        // given: the first attempt is wrong, the second right; the intent holds a registered secret
        server.enqueue(edit("c1", "answer=41", "answer=40"), finish("c2", "tried 40"),
                edit("c3", "answer=40", "answer=42"), finish("c4", "fixed the answer"));
        String intent = "Make the answer right; the database password " + SECRET + " is not needed";
        RefineRequest request = RefineRequest.builder().implementation(ImplementationRequest.builder().intent(intent)
                        .model(OpenAiModelConfig.builder().model("gpt-4.1-mini")
                                .provider(OpenAiModelConfig.Provider.COMPATIBLE).baseUrl(server.baseUrl())
                                .apiKey(ApiKey.fromEnvironment("OPENAI_API_KEY", Map.of("OPENAI_API_KEY", "sk-e2e")::get))
                                .maxRetries(0).build())
                        .secretValues(List.of(SECRET)).defaultInstructions(false).build())
                .validation(ValidationRequest.builder().command("sh tests/run.sh").reports("reports/TEST-*.xml")
                        .gate(QualityGate.builder().build()).build())
                .build();
        RefineListener writer = RefineReports.listener(intent, request::redact, reports);
        List<String> headings = new ArrayList<>();
        RefineListener listener = new RefineListener() {
            @Override
            public void iterationFinished(IterationRecord record, RefineResult soFar) {
                writer.iterationFinished(record, soFar);
                headings.add(firstLine(RefineReports.MARKDOWN));
            }

            @Override
            public void finished(RefineResult result) {
                writer.finished(result);
                headings.add(firstLine(RefineReports.MARKDOWN));
            }
        };

        // when
        RefineResult result = new Refinement(new MutableClock()).run(request,
                new LocalWorkspace(workspace, Map.of("PATH", System.getenv("PATH"))), new EngineLog(), listener);

        // then: written after iterations 0, 1 and 2, and at the end
        assertThat(result.stopRule()).isEqualTo(StopRule.GATE_PASSED);
        assertThat(headings).containsExactly("### ⏳ Refine running after iteration 0 of at most 5",
                "### ⏳ Refine running after iteration 1 of at most 5", "### ⏳ Refine running after iteration 2 of at most 5",
                "### ✅ Refine PASSED: stop rule `GATE_PASSED`");
        String markdown = Files.readString(reports.resolve(RefineReports.MARKDOWN));
        assertThat(markdown).isEqualTo(RefineMarkdownSummary.render(result, request.redact(intent)))
                .contains("| **2** (kept) | CHANGED | PASSED | 0 | 0 | 1 | 2 | 0 | 1 | +1 −1 |")
                .doesNotContain(SECRET);
        Document page = RefineHtmlReportTest.parse(Files.readString(reports.resolve(RefineReports.HTML)));
        assertThat(RefineHtmlReportTest.cells(page, "//tr[@id='row-1']")).startsWith("1", "CHANGED", "FAILED", "1", "0",
                "0", "2", "0", "1", "+1 −1");
        assertThat(RefineHtmlReportTest.text(page, "//section[@id='iteration-1']//details[@class='failing']/ul/li"))
                .isEqualTo("Cases.answer");
        assertThat(RefineHtmlReportTest.text(page, "//section[@id='iteration-2']//pre[@class='diff']"))
                .contains("-answer=40\n+answer=42\n");
        assertThat(RefineHtmlReportTest.text(page, "//section[@id='iteration-2']//details[@class='summary']/pre"))
                .isEqualTo("fixed the answer");
        assertThat(Files.readString(reports.resolve(RefineReports.HTML))).doesNotContain(SECRET);
        assertThat(new ObjectMapper().readTree(reports.resolve(RefineReports.JSON).toFile()).path("iterations"))
                .hasSize(3);
    }

    private String firstLine(String report) {
        try {
            return Files.readAllLines(reports.resolve(report)).get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String path, String content) throws IOException {
        Path file = workspace.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static Reply edit(String id, String search, String replace) {
        return Reply.toolCalls(new ToolCallReply(id, "edit_file", "{\"path\":\"src/app.txt\",\"search\":\"" + search
                + "\",\"replace\":\"" + replace + "\"}"));
    }

    private static Reply finish(String id, String summary) {
        return Reply.toolCalls(new ToolCallReply(id, "finish", "{\"summary\":\"" + summary + "\"}"));
    }
}
