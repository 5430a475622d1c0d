package io.jenkins.plugins.aiworkflow.engine.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.aiworkflow.engine.agent.AgentResult;
import io.jenkins.plugins.aiworkflow.engine.agent.AgentStatus;
import io.jenkins.plugins.aiworkflow.engine.agent.StopReason;
import io.jenkins.plugins.aiworkflow.engine.ledger.Totals;
import io.jenkins.plugins.aiworkflow.engine.workspace.FileChange;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The Markdown summary of an agent run, for a pull-request comment or a build description. */
class AgentMarkdownSummaryTest {
    /** GitHub refuses longer comments. */
    private static final int COMMENT_LIMIT = 65_536;

    @Test
    void shouldShowStatusStopReasonUsageSummaryFilesAndDiffWithTheSecretsMasked() {
        // given
        AgentResult result = AgentResults.changed("Fixed A; the old value was secret-123.",
                List.of(new FileChange("src/A.java", FileChange.Kind.MODIFIED)), AgentResults.DIFF);

        // when
        String markdown = AgentMarkdownSummary.render(result, AgentResults.REDACTOR);

        // then
        assertThat(markdown).isEqualTo("""
                ### ✅ Implementation CHANGED

                **Stop reason** `FINISHED`: `the agent called finish`

                | Turns | Tokens | Input | Cached input | Output | Reasoning | Cost |
                |---:|---:|---:|---:|---:|---:|---:|
                | 4 | 11641 | 11246 | 8064 | 395 | 0 | $0.0027 |

                **Summary**

                ```text
                Fixed A; the old value was ****.
                ```

                **Changed files (1)**

                - MODIFIED `src/A.java`

                <details><summary>Diff (6 lines)</summary>

                ```diff
                diff --git a/src/A.java b/src/A.java
                --- a/src/A.java
                +++ b/src/A.java
                @@ -1 +1 @@
                -****
                +x
                ```

                </details>
                """);
    }

    @Test
    void shouldSayWhatIsMissingWhenTheRunStoppedWithoutSummaryOrChanges() {
        // given
        AgentResult result = new AgentResult(AgentStatus.ERROR, new StopReason(StopReason.Kind.MODEL_ERROR,
                "the model call of turn 1 failed: HTTP 500"), "", List.of(), "", Totals.NONE, 0, List.of());

        // when
        String markdown = AgentMarkdownSummary.render(result, text -> text);

        // then
        assertThat(markdown).startsWith("### ❌ Implementation ERROR\n\n**Stop reason** `MODEL_ERROR`: `the model call "
                        + "of turn 1 failed: HTTP 500`\n")
                .contains("| 0 | 0 | 0 | 0 | 0 | 0 | $0.0000 |")
                .contains("**Summary**: none.\n")
                .endsWith("**Changed files**: none.\n")
                .doesNotContain("<details>");
        assertThat(AgentMarkdownSummary.render(AgentResults.limited(), text -> text))
                .startsWith("### ⚠️ Implementation LIMIT\n").contains("| unknown |");
    }

    @Test
    void shouldShowPolicyNotesOfCommandsThatChangedFilesTheAgentMayNotChange() {
        // when
        String markdown = AgentMarkdownSummary.render(AgentResults.limited(), AgentResults.REDACTOR);

        // then: the note is listed, masked, in a code span
        assertThat(markdown).contains("**⚠️ Policy notes (1)**\n\n- `the command 'sed -i s/a/b/ ****.txt' "
                        + "changed 1 file the agent may not change (read-only): ****.txt; the change "
                        + "stays in the workspace`\n")
                .doesNotContain(AgentResults.SECRET);
        assertThat(AgentMarkdownSummary.render(AgentResults.changed("done", List.of(), ""), AgentResults.REDACTOR))
                .doesNotContain("Policy notes");
    }

    @Test
    void shouldCutALongDiffToHeadAndTailAroundTheMarker() {
        // given
        String diff = "--- a/big.txt\n+++ b/big.txt\n" + "+line\n".repeat(20_000) + "+the last line\n";
        AgentResult result = AgentResults.changed("done", List.of(new FileChange("big.txt",
                FileChange.Kind.MODIFIED)), diff);

        // when
        String markdown = AgentMarkdownSummary.render(result, text -> text);

        // then
        int cut = diff.length() - AgentMarkdownSummary.DIFF_CHARS;
        assertThat(markdown).contains("<details><summary>Diff (20003 lines)</summary>")
                .contains("```diff\n--- a/big.txt\n+++ b/big.txt\n+line\n")
                .contains("\n[... " + cut + " chars truncated ...]\n")
                .contains("+line\n+the last line\n```\n");
        assertThat(markdown.length()).isLessThan(AgentMarkdownSummary.DIFF_CHARS + 1_000);
    }

    @Test
    void shouldMaskASecretBeforeCuttingSoNoPartOfItSurvivesTheCut() {
        // given: the secret straddles where the head of the diff ends
        int head = (AgentMarkdownSummary.DIFF_CHARS + 1) / 2;
        String diff = "x".repeat(head - 5) + AgentResults.SECRET + "y".repeat(AgentMarkdownSummary.DIFF_CHARS);
        AgentResult result = AgentResults.changed("done", List.of(), diff);

        // when
        String markdown = AgentMarkdownSummary.render(result, AgentResults.REDACTOR);

        // then
        assertThat(markdown).contains("x****y").doesNotContain("secre").doesNotContain("t-123");
    }

    @Test
    void shouldKeepTheModelsTextsFromBecomingMarkdownOrHtml() {
        // given: a summary that tries to close its block, a path with backticks, a message with HTML
        AgentResult result = new AgentResult(AgentStatus.CHANGED, new StopReason(StopReason.Kind.FINISHED,
                "done <img src=x onerror=alert(1)> **now**"), "Done.\n```\n<script>alert(1)</script>\n```",
                List.of(new FileChange("a`b`.md", FileChange.Kind.CREATED)), "+```\n+# Title\n", Totals.NONE, 1,
                List.of());

        // when
        String markdown = AgentMarkdownSummary.render(result, text -> text);

        // then
        assertThat(markdown).contains("`FINISHED`: `done <img src=x onerror=alert(1)> **now**`\n")
                .contains("````text\nDone.\n```\n<script>alert(1)</script>\n```\n````\n")
                .contains("- CREATED ``a`b`.md``\n")
                .contains("````diff\n+```\n+# Title\n````\n");
    }

    @Test
    void shouldStayUnderTheCommentLimitWhateverTheRunProduced() {
        // given: every text far too long, and more files than are listed
        List<FileChange> files = IntStream.range(0, 1_000)
                .mapToObj(i -> new FileChange("dir/".repeat(200) + i + ".txt", FileChange.Kind.CREATED)).toList();
        AgentResult result = new AgentResult(AgentStatus.LIMIT, new StopReason(StopReason.Kind.LIMIT,
                "m".repeat(100_000)), "s".repeat(100_000), files, "d".repeat(1_000_000), Totals.NONE, 9, List.of());

        // when
        String markdown = AgentMarkdownSummary.render(result, text -> text);

        // then
        assertThat(markdown.length()).isLessThan(COMMENT_LIMIT);
        assertThat(markdown).contains("**Changed files (1000)**")
                .contains("- … and " + (1_000 - AgentMarkdownSummary.LISTED_FILES) + " more (all in the diff)\n")
                .contains("chars truncated ...]");
    }

    @Test
    void shouldStayUnderTheCommentLimitWithBackticksAndPolicyNotesEverywhere() {
        // given: backtick runs that would make fences as long as the text, and every list full
        List<FileChange> files = IntStream.range(0, 60)
                .mapToObj(i -> new FileChange("src/" + "`_".repeat(150) + i, FileChange.Kind.CREATED)).toList();
        List<String> notes = IntStream.range(0, 30)
                .mapToObj(i -> "turn " + i + ", run_command 'make' changed 50 file(s): " + "a_b*`".repeat(300)).toList();
        AgentResult result = new AgentResult(AgentStatus.CHANGED, new StopReason(StopReason.Kind.FINISHED,
                "`".repeat(2_000)), "`".repeat(3_000), files, "+" + "`".repeat(29_000) + "\n", Totals.NONE, 9,
                List.of(), notes);

        // when
        String markdown = AgentMarkdownSummary.render(result, text -> text);

        // then
        assertThat(markdown.length()).isLessThan(COMMENT_LIMIT);
        assertThat(markdown).contains("[29000 backticks]").contains("- … and 20 more\n");
    }

    @Test
    void shouldKeepMentionsAndLinksTheModelWroteFromBecomingLive() {
        // given: a refusal quoted in the stop reason, and a command quoted in a policy note
        AgentResult result = new AgentResult(AgentStatus.ERROR, new StopReason(StopReason.Kind.INVALID_REPLIES,
                "3 unusable replies in a row; the last: the model refused: ask @octo-org/security-team, see "
                        + "https://evil.example/login"), "", List.of(), "", Totals.NONE, 3, List.of(),
                List.of("turn 1, run_command 'curl https://evil.example' changed 1 file(s): cc @admin"));

        // when
        String markdown = AgentMarkdownSummary.render(result, text -> text);

        // then: both only inside code spans
        assertThat(markdown).contains("`3 unusable replies in a row; the last: the model refused: ask "
                        + "@octo-org/security-team, see https://evil.example/login`")
                .contains("- `turn 1, run_command 'curl https://evil.example' changed 1 file(s): cc @admin`");
    }
}
