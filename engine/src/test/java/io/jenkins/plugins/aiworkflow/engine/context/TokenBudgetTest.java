package io.jenkins.plugins.aiworkflow.engine.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.text.Truncation;
import io.jenkins.plugins.aiworkflow.engine.workspace.LocalWorkspace;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenBudgetTest {
    private static final Encoding O200K = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    @TempDir
    Path root;

    private TempTree tree;

    @BeforeEach
    void createTree() {
        tree = new TempTree(root);
    }

    private AssembledContext build(ContextRequest.Builder request) {
        return ContextBuilder.build(request.build(), new LocalWorkspace(root));
    }

    private void writeProject(int files, int charsPerFile) {
        tree.write("AGENTS.md", TempTree.text("AGENTS.md", 3_000));
        for (int i = 0; i < files; i++) {
            String path = String.format("src/main/java/app/Service%02d.java", i);
            tree.write(path, TempTree.text(path, charsPerFile));
        }
    }

    @Test
    void shouldStayWithinTheBudgetCountedWithTheModelsRealTokenizer() {
        // given
        writeProject(30, 4_000);

        // when
        AssembledContext context = build(ContextRequest.builder().intent("Add caching to every service")
                .feedback(TempTree.text("build.log", 2_000)).contextGlobs("src/**").tokenBudget(12_000)
                .modelName("gpt-4o"));

        // then
        assertThat(context.tokenizer()).isEqualTo("o200k_base");
        assertThat(context.tokensEstimated()).isFalse();
        assertThat(context.systemPromptTokens()).isEqualTo(O200K.countTokensOrdinary(context.systemPrompt()));
        assertThat(context.firstUserMessageTokens()).isEqualTo(O200K.countTokensOrdinary(context.firstUserMessage()));
        assertThat(context.totalTokens()).isLessThanOrEqualTo(12_000);
        int intentTokens = O200K.countTokensOrdinary("# Intent\nAdd caching to every service\n");
        assertThat(context.systemPromptTokens()).as("the prefix fills what the feedback reserve leaves")
                .isLessThanOrEqualTo(12_000 - 4_000 - intentTokens)
                .isGreaterThan(12_000 - 4_000 - intentTokens - ContextBuilder.MIN_FILE_TOKENS);
        int systemSections = context.sections().stream().filter(section -> section.kind().inSystemPrompt())
                .mapToInt(ContextSection::tokens).sum();
        assertThat(systemSections).as("sections end with a newline, so their counts add up")
                .isEqualTo(context.systemPromptTokens());
        for (ContextSection section : context.sections()) {
            assertThat(section.tokens()).as(section.toString()).isLessThanOrEqualTo(8_000);
        }
    }

    @Test
    void shouldCutAFileToMaxFileTokensKeepingHeadAndTailAroundAMarker() {
        // given
        String text = TempTree.text("src/Big.java", 60_000);
        tree.write("src/Big.java", text);

        // when
        AssembledContext context = build(ContextRequest.builder().intent("x").contextGlobs("src/Big.java")
                .maxFileTokens(1_000).modelName("gpt-4.1"));

        // then
        ContextSection big = context.sections().stream().filter(section -> "src/Big.java".equals(section.path()))
                .findFirst().orElseThrow();
        assertThat(big.truncated()).isTrue();
        assertThat(big.tokens()).isLessThanOrEqualTo(1_000).isGreaterThan(900);
        String fenced = TempTree.fencedText(context.systemPrompt(), "src/Big.java");
        assertThat(fenced).startsWith(text.substring(0, 200)).endsWith(text.substring(text.length() - 200))
                .containsPattern("\n\\[\\.\\.\\. \\d+ chars truncated \\.\\.\\.\\]\n");
        ContextNote note = context.notes().get(0);
        assertThat(note.kind()).isEqualTo(ContextNote.Kind.TRUNCATED);
        assertThat(note.section()).isEqualTo(ContextSection.Kind.CONTEXT_FILE);
        assertThat(note.message()).matches("\"src/Big\\.java\" cut to \\d+ tokens \\(maxFileTokens 1,000\\): "
                + "[\\d,]+ chars left out");
        long dropped = Long.parseLong(fenced.replaceAll("(?s).*\\[\\.\\.\\. (\\d+) chars truncated.*", "$1"));
        assertThat(fenced.length() - Truncation.marker(dropped).length() + dropped).as("kept + dropped")
                .isEqualTo(text.length());
        assertThat(note.message()).endsWith(String.format(Locale.ROOT, "%,d chars left out", dropped));
    }

    @Test
    void shouldLeaveOutLowerPrioritiesFirstAndSaySo() {
        // given: instructions of about 1,500 tokens, ten context files of about 1,000 tokens each
        writeProject(10, 4_000);

        // when: room for the instructions and a few context files only
        AssembledContext context = build(ContextRequest.builder().intent("x").contextGlobs("src/**")
                .tokenBudget(6_000).maxFeedbackTokens(500).modelName("gpt-4o"));

        // then
        assertThat(context.totalTokens()).isLessThanOrEqualTo(6_000);
        assertThat(context.sections()).filteredOn(section -> section.kind() == ContextSection.Kind.INSTRUCTIONS)
                .singleElement().satisfies(section -> assertThat(section.truncated()).isFalse());
        List<String> included = context.sections().stream()
                .filter(section -> section.kind() == ContextSection.Kind.CONTEXT_FILE).map(ContextSection::path)
                .toList();
        List<String> omitted = context.notes().stream()
                .filter(note -> note.kind() == ContextNote.Kind.OMITTED_FOR_BUDGET && note.path() != null)
                .map(ContextNote::path).toList();
        assertThat(included).isNotEmpty().startsWith("src/main/java/app/Service00.java");
        assertThat(omitted).isNotEmpty().endsWith("src/main/java/app/Service09.java");
        assertThat(included.size() + omitted.size()).isEqualTo(10);
        assertThat(included.get(included.size() - 1)).isLessThan(omitted.get(0));
        assertThat(context.notes()).anySatisfy(note -> {
            assertThat(note.kind()).isEqualTo(ContextNote.Kind.OMITTED_FOR_BUDGET);
            assertThat(note.section()).isEqualTo(ContextSection.Kind.REPOSITORY_MAP);
        });
        assertThat(context.systemPrompt()).contains("kind=omitted-files>>>\n")
                .contains(omitted.get(0) + ": left out for the token budget\n");
        assertThat(context.summary()).startsWith("context: ").contains(" of 6,000 tokens (o200k_base): rules ")
                .contains("left out");
    }

    @Test
    void shouldCutTheFeedbackToItsReserveAndKeepTheIntentWhole() {
        // given
        String intent = "Make the importer skip blank lines";
        String feedback = TempTree.text("surefire.txt", 50_000);

        // when
        AssembledContext context = build(ContextRequest.builder().intent(intent).feedback(feedback)
                .maxFeedbackTokens(800).modelName("gpt-4o"));

        // then
        int intentTokens = O200K.countTokensOrdinary("# Intent\n" + intent + "\n");
        assertThat(context.firstUserMessage()).startsWith("# Intent\n" + intent + "\n")
                .contains(feedback.substring(0, 100)).contains(feedback.substring(feedback.length() - 100))
                .contains(" chars truncated ...]");
        assertThat(context.firstUserMessageTokens()).isLessThanOrEqualTo(intentTokens + 800);
        assertThat(context.sections()).filteredOn(section -> section.kind() == ContextSection.Kind.FEEDBACK)
                .singleElement().satisfies(section -> assertThat(section.truncated()).isTrue());
        assertThat(context.notes()).singleElement().satisfies(note -> {
            assertThat(note.kind()).isEqualTo(ContextNote.Kind.TRUNCATED);
            assertThat(note.section()).isEqualTo(ContextSection.Kind.FEEDBACK);
            assertThat(note.message()).contains("(maxFeedbackTokens 800)");
        });
    }

    @Test
    void shouldFailWhenTheRulesAndTheIntentAloneExceedTheBudget() {
        assertThatThrownBy(() -> build(ContextRequest.builder().intent("x").tokenBudget(300).modelName("gpt-4o")))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).parameter()).contains("tokenBudget"))
                .hasMessageStartingWith("tokenBudget 300 is too small: the rules (")
                .hasMessageContaining("tokenizer o200k_base")
                .hasMessageContaining("accepted: a tokenBudget of at least ");
    }

    @Test
    void shouldFlagEstimatedCountsForAnUnknownModel() {
        // given
        writeProject(3, 2_000);

        // when
        AssembledContext context = build(ContextRequest.builder().intent("x").contextGlobs("src/**")
                .modelName("llama3.1:8b"));

        // then
        assertThat(context.tokensEstimated()).isTrue();
        assertThat(context.tokenizer()).startsWith("estimate");
        assertThat(context.notes().get(0)).satisfies(note -> {
            assertThat(note.kind()).isEqualTo(ContextNote.Kind.TOKENS_ESTIMATED);
            assertThat(note.message()).startsWith("model 'llama3.1:8b' has no known tokenizer; token counts are "
                    + "estimates");
        });
        assertThat(context.omissions()).isEmpty();
        assertThat(context.systemPromptTokens()).isEqualTo(TokenCounter.estimate().count(context.systemPrompt()));
        assertThat(context.summary()).contains("tokens (estimated)");
    }

    @Test
    void shouldLeaveTheMapOutWhenItsShareIsZero() {
        // given
        writeProject(2, 100);

        // when
        AssembledContext context = build(ContextRequest.builder().intent("x").maxRepositoryMapTokens(0)
                .modelName("gpt-4o"));

        // then
        assertThat(context.sections()).extracting(ContextSection::kind)
                .doesNotContain(ContextSection.Kind.REPOSITORY_MAP);
        assertThat(context.notes()).isEmpty();
        assertThat(context.systemPrompt()).doesNotContain("kind=repository-map>>>");
    }
}
