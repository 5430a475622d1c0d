package io.jenkins.plugins.aiworkflow.engine.output;

import io.jenkins.plugins.aiworkflow.engine.agent.AgentResult;
import io.jenkins.plugins.aiworkflow.engine.agent.AgentStatus;
import io.jenkins.plugins.aiworkflow.engine.agent.StopReason;
import io.jenkins.plugins.aiworkflow.engine.context.ContextNote;
import io.jenkins.plugins.aiworkflow.engine.context.ContextSection;
import io.jenkins.plugins.aiworkflow.engine.ledger.LimitReached;
import io.jenkins.plugins.aiworkflow.engine.ledger.Totals;
import io.jenkins.plugins.aiworkflow.engine.llm.Cost;
import io.jenkins.plugins.aiworkflow.engine.llm.Usage;
import io.jenkins.plugins.aiworkflow.engine.workspace.FileChange;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/** Agent results for the output tests, and the secret they mask. */
final class AgentResults {
    static final String SECRET = "secret-123";
    static final UnaryOperator<String> REDACTOR = text -> text.replace(SECRET, "****");
    static final String DIFF = """
            diff --git a/src/A.java b/src/A.java
            --- a/src/A.java
            +++ b/src/A.java
            @@ -1 +1 @@
            -secret-123
            +x
            """;

    private AgentResults() {
    }

    /** The policy note of {@link #limited()}: a command changed a read-only file whose name holds the secret. */
    static final String POLICY_NOTE = "the command 'sed -i s/a/b/ secret-123.txt' changed 1 file the agent may not "
            + "change (read-only): secret-123.txt; the change stays in the workspace";

    /**
     * Stopped by maxTokens after changing two files, one of them holding the secret, and a command changed a
     * read-only file; cost unknown.
     */
    static AgentResult limited() {
        return new AgentResult(AgentStatus.LIMIT,
                StopReason.limit(LimitReached.Limit.TOKENS, "maxTokens reached: 5000 tokens used, the limit is 4000"),
                "", List.of(new FileChange("src/A.java", FileChange.Kind.MODIFIED),
                        new FileChange("NEW.md", FileChange.Kind.CREATED)),
                DIFF, new Totals(3, new Usage(4000, 1000, 2500, 200), Cost.UNKNOWN, Duration.ofMillis(1500),
                        Duration.ofMillis(400)),
                3, List.of(new ContextNote(ContextNote.Kind.TOO_LARGE, ContextSection.Kind.CONTEXT_FILE, "big.bin",
                        "big.bin is larger than 1048576 bytes; not read")), List.of(POLICY_NOTE));
    }

    /** Finished with this summary, these changes and this diff, after 4 priced calls. */
    static AgentResult changed(String summary, List<FileChange> changes, String diff) {
        return new AgentResult(AgentStatus.CHANGED, new StopReason(StopReason.Kind.FINISHED, "the agent called finish"),
                summary, changes, diff, new Totals(4, new Usage(11246, 395, 8064, 0), Cost.usd(0.0027111999999999995),
                        Duration.ofMillis(900), Duration.ZERO), 4, List.of());
    }
}
