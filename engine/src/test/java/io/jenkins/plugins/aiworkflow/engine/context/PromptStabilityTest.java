package io.jenkins.plugins.aiworkflow.engine.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.aiworkflow.engine.workspace.LocalWorkspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prompt caching: the system prompt is a byte-identical prefix across builds, turns and feedback. */
class PromptStabilityTest {
    @TempDir
    Path root;

    private ContextRequest request;

    @BeforeEach
    void writeProject() {
        TempTree tree = new TempTree(root).write("AGENTS.md", TempTree.text("AGENTS.md", 2_000))
                .write("CLAUDE.md", "See AGENTS.md.\n").write("docs/guide.md", "guide\n")
                .write("src/bin.dat", new byte[] {1, 0, 2});
        for (int i = 0; i < 40; i++) {
            String path = "src/main/java/app/Part" + i + ".java";
            tree.write(path, TempTree.text(path, 1_500 + 100 * i));
        }
        // small enough that files are cut and left out, so the budget arithmetic matters
        request = ContextRequest.builder().intent("Add input validation to every Part").contextGlobs("src/**")
                .tokenBudget(9_000).maxFileTokens(600).maxFeedbackTokens(1_500).modelName("gpt-4o").build();
    }

    private AssembledContext build(ContextRequest value) {
        return ContextBuilder.build(value, new LocalWorkspace(root));
    }

    @Test
    void shouldBuildByteIdenticalPromptsFromTheSameInputs() {
        // when
        AssembledContext first = build(request);
        AssembledContext second = build(ContextRequest.builder().intent("Add input validation to every Part")
                .contextGlobs("src/**").tokenBudget(9_000).maxFileTokens(600).maxFeedbackTokens(1_500)
                .modelName("gpt-4o").build());

        // then
        assertThat(second.systemPrompt()).isEqualTo(first.systemPrompt());
        assertThat(second.systemPromptSha256()).isEqualTo(first.systemPromptSha256());
        assertThat(second.firstUserMessage()).isEqualTo(first.firstUserMessage());
        assertThat(second.sections()).isEqualTo(first.sections());
        assertThat(second.notes()).isEqualTo(first.notes());
        assertThat(first.omissions()).isNotEmpty();
    }

    @Test
    void shouldKeepTheSystemPromptWhenOnlyTheFeedbackChanges() {
        // given
        AssembledContext withoutFeedback = build(request);

        // when
        AssembledContext shortFeedback = build(request.withFeedback("PartTest.shouldValidate: expected exception"));
        AssembledContext longFeedback = build(request.withFeedback(TempTree.text("surefire-report.txt", 40_000)));

        // then
        assertThat(shortFeedback.systemPrompt()).isEqualTo(withoutFeedback.systemPrompt());
        assertThat(longFeedback.systemPrompt()).isEqualTo(withoutFeedback.systemPrompt());
        assertThat(longFeedback.firstUserMessage()).startsWith(withoutFeedback.firstUserMessage())
                .isNotEqualTo(shortFeedback.firstUserMessage());
        assertThat(longFeedback.totalTokens()).isLessThanOrEqualTo(9_000);
        assertThat(longFeedback.notes()).anySatisfy(note ->
                assertThat(note.section()).isEqualTo(ContextSection.Kind.FEEDBACK));
    }

    @Test
    void shouldNotDependOnFileTimes() throws IOException {
        // given
        AssembledContext before = build(request);
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2001-02-03T04:05:06Z")));
            }
        }

        // when
        AssembledContext after = build(request);

        // then
        assertThat(after.systemPrompt()).isEqualTo(before.systemPrompt());
    }

    @Test
    void shouldKeepVolatilePartsOutOfTheSystemPrompt() {
        // when
        AssembledContext context = build(request.withFeedback("the feedback text"));

        // then
        assertThat(context.systemPrompt()).doesNotContain("Add input validation").doesNotContain("the feedback text");
        assertThat(context.firstUserMessage()).startsWith("# Intent\nAdd input validation to every Part\n")
                .contains("the feedback text");
    }

    @Test
    void shouldShareTheSystemPromptBetweenIntentsWhenNothingIsCut() {
        // given
        ContextRequest roomy = ContextRequest.builder().intent("Rename Part0").contextGlobs("docs/**")
                .modelName("gpt-4o").build();

        // when
        AssembledContext first = build(roomy);
        AssembledContext second = build(roomy.toBuilder().intent("Document every public method").build());

        // then
        assertThat(first.omissions()).isEmpty();
        assertThat(second.systemPrompt()).isEqualTo(first.systemPrompt());
    }
}
