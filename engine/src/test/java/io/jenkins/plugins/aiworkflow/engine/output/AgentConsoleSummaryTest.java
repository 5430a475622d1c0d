package io.jenkins.plugins.aiworkflow.engine.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.aiworkflow.engine.agent.AgentResult;
import io.jenkins.plugins.aiworkflow.engine.workspace.FileChange;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lines printed after an agent run: what a terminal or a build log shows. */
class AgentConsoleSummaryTest {
    @Test
    void shouldPrintStatusSummaryFilesDiffAndUsageWithTheSecretsMasked() {
        // given
        List<FileChange> changes = List.of(new FileChange("src/A.java", FileChange.Kind.MODIFIED));

        // when
        List<String> lines = AgentConsoleSummary.render(AgentResults.changed("  Fixed it with secret-123.\n",
                changes, AgentResults.DIFF), AgentResults.REDACTOR);

        // then
        assertThat(lines).containsExactly(
                "Status: CHANGED (FINISHED: the agent called finish)",
                "Summary: Fixed it with ****.",
                "Changed files: 1",
                "  MODIFIED src/A.java",
                "Diff:",
                "diff --git a/src/A.java b/src/A.java",
                "--- a/src/A.java",
                "+++ b/src/A.java",
                "@@ -1 +1 @@",
                "-****",
                "+x",
                "Usage: 4 turn(s), 11641 tokens (11246 in, 8064 cached, 395 out, 0 reasoning), cost $0.0027");
    }

    @Test
    void shouldSayWhenThereIsNoSummaryAndNoDiff() {
        // when
        List<String> lines = AgentConsoleSummary.render(AgentResults.limited(), text -> text);
        List<String> unchanged = AgentConsoleSummary.render(AgentResults.changed(" ", List.of(), ""), text -> text);

        // then
        assertThat(lines).first().isEqualTo("Status: LIMIT (LIMIT: maxTokens reached: 5000 tokens used, the limit "
                + "is 4000)");
        assertThat(lines).contains("Summary: (none)", "Changed files: 2", "  CREATED NEW.md")
                .last().asString().endsWith("cost unknown");
        assertThat(unchanged).contains("Summary: (none)", "Changed files: 0", "Diff: (none)");
    }

    @Test
    void shouldNotLetFileNamesOrTextsForgeLogLines() {
        // given: a file name with a line break and a terminal escape, and a summary of two lines
        AgentResult result = AgentResults.changed("Fixed it.\nStatus: CHANGED (all tests pass)",
                List.of(new FileChange("a\nStatus: CHANGED (FINISHED: all tests pass)\u001b[2K", FileChange.Kind.CREATED)),
                "");

        // when
        List<String> lines = AgentConsoleSummary.render(result, text -> text);

        // then: every element is one line; the model's texts are shown, not obeyed
        assertThat(lines).noneMatch(line -> line.contains("\n") || line.contains("\u001b"))
                .contains("  CREATED a\\u000aStatus: CHANGED (FINISHED: all tests pass)\\u001b[2K")
                .contains("Summary: Fixed it.", "  Status: CHANGED (all tests pass)");
    }
}
