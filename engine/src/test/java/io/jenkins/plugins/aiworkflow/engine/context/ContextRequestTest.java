package io.jenkins.plugins.aiworkflow.engine.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ContextRequestTest {
    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "\n\t"})
    void shouldRequireANonBlankIntent(String intent) {
        assertThatThrownBy(() -> ContextRequest.builder().intent(intent).build())
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).parameter()).contains("intent"))
                .hasMessageContaining("intent is empty; accepted:");
    }

    @Test
    void shouldDefaultToTheUsualInstructionFilesAndDocumentedLimits() {
        // when
        ContextRequest request = ContextRequest.builder().intent("  Fix the bug  ").build();

        // then
        assertThat(request.intent()).isEqualTo("Fix the bug");
        assertThat(request.instructionFiles()).containsExactly("AGENTS.md", "CLAUDE.md",
                ".github/copilot-instructions.md", "CONVENTIONS.md", ".cursorrules", "ARCHITECTURE.md",
                "docs/ARCHITECTURE.md", "CONTRIBUTING.md");
        assertThat(request.extraInstructionFiles()).isEmpty();
        assertThat(request.contextGlobs()).isEmpty();
        assertThat(request.feedback()).isNull();
        assertThat(request.modelName()).isNull();
        assertThat(request.tokenBudget()).isEqualTo(32_000);
        assertThat(request.maxFileTokens()).isEqualTo(8_000);
        assertThat(request.maxFileBytes()).isEqualTo(1024 * 1024);
        assertThat(request.maxFeedbackTokens()).isEqualTo(4_000);
        assertThat(request.maxRepositoryMapTokens()).isEqualTo(4_000);
    }

    @Test
    void shouldNormalizePathsAndGlobsAndDropDuplicates() {
        // when
        ContextRequest request = ContextRequest.builder().intent("x")
                .extraInstructionFiles("./docs/STYLE.md", "docs//STYLE.md", "docs\\TESTING.md")
                .contextGlobs("src/main/", "src/main/**").writableGlobs(List.of("src/**")).build();

        // then
        assertThat(request.extraInstructionFiles()).containsExactly("docs/STYLE.md", "docs/TESTING.md");
        assertThat(request.contextGlobs()).containsExactly("src/main/**");
        assertThat(request.writableGlobs()).containsExactly("src/**");
    }

    @Test
    void shouldRefusePathsOutsideTheWorkspaceNamingTheParameter() {
        assertThatThrownBy(() -> ContextRequest.builder().intent("x").extraInstructionFiles("../AGENTS.md").build())
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).parameter()).contains("extraInstructionFiles"))
                .hasMessageStartingWith("extraInstructionFiles: path '../AGENTS.md' leads outside the workspace");
        assertThatThrownBy(() -> ContextRequest.builder().intent("x").contextGlobs("/etc/**").build())
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).parameter()).contains("contextGlobs"))
                .hasMessageStartingWith("contextGlobs: path '/etc/**' is absolute");
        assertThatThrownBy(() -> ContextRequest.builder().intent("x").instructionFiles(List.of(".")).build())
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).parameter()).contains("instructionFiles"))
                .hasMessageContaining("instructionFiles: '.' names the workspace root itself");
    }

    @Test
    void shouldRefuseLimitsOutOfRangeNamingTheValue() {
        assertThatThrownBy(() -> ContextRequest.builder().intent("x").tokenBudget(0).build())
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).parameter()).contains("tokenBudget")).hasMessage("tokenBudget must be >= 1, was 0");
        assertThatThrownBy(() -> ContextRequest.builder().intent("x").maxFileTokens(-5).build())
                .isInstanceOf(InvalidRequestException.class).hasMessage("maxFileTokens must be >= 1, was -5");
        assertThatThrownBy(() -> ContextRequest.builder().intent("x").maxFileBytes(0).build())
                .isInstanceOf(InvalidRequestException.class).hasMessage("maxFileBytes must be >= 1, was 0");
        assertThatThrownBy(() -> ContextRequest.builder().intent("x").maxRepositoryMapTokens(-1).build())
                .isInstanceOf(InvalidRequestException.class).hasMessage("maxRepositoryMapTokens must be >= 0, was -1");
    }

    @Test
    void shouldKeepEveryValueWhenOnlyTheFeedbackChanges() {
        // given
        ContextRequest first = ContextRequest.builder().intent("Add retries").contextGlobs("src/**")
                .extraInstructionFiles("docs/STYLE.md").writableGlobs(List.of("src/**"))
                .allowedCommands(List.of("mvn -B test")).tokenBudget(9_000).maxFileTokens(700).maxFileBytes(5_000)
                .maxFeedbackTokens(1_000).maxRepositoryMapTokens(800).modelName("gpt-4o").build();

        // when
        ContextRequest next = first.withFeedback("FooTest.shouldRetry failed");

        // then
        assertThat(next.feedback()).isEqualTo("FooTest.shouldRetry failed");
        assertThat(next).usingRecursiveComparison().ignoringFields("feedback").isEqualTo(first);
        assertThat(next.withFeedback("  ").feedback()).isNull();
    }
}
