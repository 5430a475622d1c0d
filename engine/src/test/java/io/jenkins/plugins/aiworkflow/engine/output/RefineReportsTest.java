package io.jenkins.plugins.aiworkflow.engine.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineListener;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three reports of a refine run written into one directory, after every iteration and at the end. */
class RefineReportsTest {

    @Test
    void shouldWriteTheRunJsonTheMarkdownSummaryAndTheHtmlReport(@TempDir Path temp) throws Exception {
        // given: a directory that does not exist yet
        Path directory = temp.resolve("target/aiwf/refine");
        RefineResult result = RefineResults.passedAtTwo();

        // when
        List<Path> written = RefineReports.write(result, RefineResults.INTENT, text -> text.replace("gpt-4.1", "****"),
                directory);

        // then
        assertThat(written).containsExactly(directory.resolve("refine.json"), directory.resolve("refine.md"),
                directory.resolve("refine.html"));
        JsonNode json = new ObjectMapper().readTree(directory.resolve("refine.json").toFile());
        assertThat(json.path("kind").asText()).isEqualTo("refine");
        assertThat(json.path("stopRule").asText()).isEqualTo("GATE_PASSED");
        assertThat(json.path("iterations")).hasSize(3);
        assertThat(json.path("model").asText()).isEqualTo("OpenAI model ****");
        assertThat(Files.readString(directory.resolve("refine.md")))
                .isEqualTo(RefineMarkdownSummary.render(result, RefineResults.INTENT));
        assertThat(Files.readString(directory.resolve("refine.html")))
                .isEqualTo(RefineHtmlReport.render(result, RefineResults.INTENT));
        assertThat(names(directory)).containsExactlyInAnyOrder("refine.json", "refine.md", "refine.html");
    }

    @Test
    void shouldReplaceTheReportsOfTheIterationBeforeLeavingNoTemporaryFile(@TempDir Path directory) throws Exception {
        // given: the reports after iteration 1, as the loop's listener writes them
        RefineResult soFar = new RefineResult(null, null, "", "", 5, List.of(RefineResults.iteration0(),
                RefineResults.iteration1()), null, RefineResults.usage(12_000, 800, 0.0125), RefineResults.START,
                Duration.ofSeconds(46), null);
        RefineReports.write(soFar, RefineResults.INTENT, text -> text, directory);
        assertThat(Files.readString(directory.resolve("refine.md"))).startsWith("### ⏳ Refine running");

        // when: the run ends
        RefineReports.write(RefineResults.passedAtTwo(), RefineResults.INTENT, text -> text, directory);

        // then
        assertThat(Files.readString(directory.resolve("refine.md"))).startsWith("### ✅ Refine PASSED");
        assertThat(new ObjectMapper().readTree(directory.resolve("refine.json").toFile()).path("finished").asBoolean())
                .isTrue();
        assertThat(names(directory)).containsExactlyInAnyOrder("refine.json", "refine.md", "refine.html");
    }

    @Test
    void shouldMaskTheIntentWithTheRunsRedactor(@TempDir Path directory) throws Exception {
        // when: the user put a registered secret into the intent
        RefineReports.write(RefineResults.passedAtTwo(), "use the token secret-123 to call the API",
                text -> text.replace("secret-123", "****"), directory);

        // then
        assertThat(Files.readString(directory.resolve("refine.md"))).contains("`use the token **** to call the API`")
                .doesNotContain("secret-123");
        assertThat(Files.readString(directory.resolve("refine.html"))).contains("use the token **** to call the API")
                .doesNotContain("secret-123");
    }

    @Test
    void shouldWriteTheReportsAfterEveryIterationAndAtTheEndAsTheLoopsListener(@TempDir Path directory)
            throws Exception {
        // given
        RefineListener listener = RefineReports.listener(RefineResults.INTENT, text -> text, directory);
        RefineResult soFar = new RefineResult(null, null, "", "", 5, List.of(RefineResults.iteration0()), null,
                RefineResults.usage(0, 0, 0), RefineResults.START, Duration.ofSeconds(3), null);

        // when: iteration 0 has ended
        listener.iterationStarted(0, 5);
        listener.iterationFinished(RefineResults.iteration0(), soFar);

        // then: the partial reports are there
        assertThat(Files.readString(directory.resolve("refine.md"))).startsWith("### ⏳ Refine running after iteration 0");
        assertThat(new ObjectMapper().readTree(directory.resolve("refine.json").toFile()).path("finished").asBoolean())
                .isFalse();

        // when: the run ends
        listener.finished(RefineResults.passedAtTwo());

        // then
        assertThat(Files.readString(directory.resolve("refine.html"))).contains("<title>Refine PASSED: GATE_PASSED</title>");
    }

    @Test
    void shouldThrowUncheckedFromTheListenerNamingTheReport(@TempDir Path directory) throws Exception {
        // given
        Files.createDirectory(directory.resolve("refine.html"));
        RefineListener listener = RefineReports.listener("", text -> text, directory);

        // when / then: the loop logs it as a warning and goes on
        assertThatThrownBy(() -> listener.finished(RefineResults.passedAtTwo()))
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageStartingWith("the report '" + directory.resolve("refine.html") + "' cannot be written (");
    }

    @Test
    void shouldNameTheDirectoryThatCannotBeCreated(@TempDir Path temp) throws Exception {
        // given: a file where the directory should be
        Path file = Files.writeString(temp.resolve("reports"), "not a directory");

        // when / then
        assertThatThrownBy(() -> RefineReports.write(RefineResults.passedAtTwo(), "", text -> text, file.resolve("refine")))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("the report directory '" + file.resolve("refine") + "' cannot be created (")
                .hasMessageEndingWith("); accepted: a directory that exists or can be created, and is writable");
    }

    @Test
    void shouldNameTheReportThatCannotBeWritten(@TempDir Path directory) throws Exception {
        // given: a directory where the Markdown summary should be
        Files.createDirectory(directory.resolve("refine.md"));

        // when / then: the JSON before it is written, and no temporary file is left
        assertThatThrownBy(() -> RefineReports.write(RefineResults.passedAtTwo(), "", text -> text, directory))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("the report '" + directory.resolve("refine.md") + "' cannot be written (");
        assertThat(names(directory)).containsExactlyInAnyOrder("refine.json", "refine.md");
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }
}
