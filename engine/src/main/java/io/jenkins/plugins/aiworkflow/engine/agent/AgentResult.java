package io.jenkins.plugins.aiworkflow.engine.agent;

import io.jenkins.plugins.aiworkflow.engine.context.ContextNote;
import io.jenkins.plugins.aiworkflow.engine.ledger.Totals;
import io.jenkins.plugins.aiworkflow.engine.workspace.FileChange;
import java.util.List;
import java.util.Objects;

/**
 * What an agent run did.
 *
 * @param status       CHANGED, NO_CHANGE, LIMIT or ERROR
 * @param stopReason   why it stopped
 * @param summary      the model's own summary from {@code finish}, empty when it did not finish
 * @param changedFiles writable files created, modified or deleted through the agent's tools, including by the
 *                     commands it ran, compared with the state at the start of this run
 * @param diff         unified diff of those changes against the files' content at the start of this run
 * @param usage        tokens, cost, latency and rate-limit waits of this run's model calls (a ledger shared with
 *                     other runs holds the total)
 * @param turns        model calls this run made
 * @param contextNotes what the context assembly left out or truncated
 * @param policyNotes  changes the agent's commands made to files the agent may not change (read-only, not
 *                     writable, hidden), which stay in the workspace, and where that check was limited; empty
 *                     when there were none
 */
public record AgentResult(AgentStatus status, StopReason stopReason, String summary, List<FileChange> changedFiles,
                          String diff, Totals usage, int turns, List<ContextNote> contextNotes,
                          List<String> policyNotes) {
    public AgentResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(stopReason, "stopReason");
        summary = Objects.requireNonNullElse(summary, "");
        changedFiles = List.copyOf(changedFiles);
        diff = Objects.requireNonNullElse(diff, "");
        Objects.requireNonNull(usage, "usage");
        contextNotes = List.copyOf(contextNotes);
        policyNotes = List.copyOf(policyNotes);
    }

    /** A result without policy notes. */
    public AgentResult(AgentStatus status, StopReason stopReason, String summary, List<FileChange> changedFiles,
                       String diff, Totals usage, int turns, List<ContextNote> contextNotes) {
        this(status, stopReason, summary, changedFiles, diff, usage, turns, contextNotes, List.of());
    }
}
