package io.jenkins.plugins.aiworkflow.engine.output;

import io.jenkins.plugins.aiworkflow.engine.agent.AgentResult;
import io.jenkins.plugins.aiworkflow.engine.llm.Usage;
import io.jenkins.plugins.aiworkflow.engine.text.ControlCharacters;
import io.jenkins.plugins.aiworkflow.engine.workspace.FileChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The lines printed after an agent run, for a terminal or a build log: status with the stop
 * reason, summary, changed files, the whole unified diff and the usage. Every line passes through
 * the redactor, so a secret the model wrote or the server echoed is masked.
 */
public final class AgentConsoleSummary {
    private AgentConsoleSummary() {
    }

    public static List<String> render(AgentResult result, UnaryOperator<String> redactor) {
        Objects.requireNonNull(redactor, "redactor");
        List<String> lines = new ArrayList<>();
        lines.add("Status: " + result.status() + " (" + result.stopReason().kind() + ": "
                + ControlCharacters.escape(result.stopReason().message()) + ")");
        if (result.summary().isBlank()) {
            lines.add("Summary: (none)");
        } else {
            List<String> summary = result.summary().strip().lines().toList();
            lines.add("Summary: " + ControlCharacters.escape(summary.get(0)));
            summary.stream().skip(1).map(line -> "  " + ControlCharacters.escape(line)).forEach(lines::add);
        }
        lines.add("Changed files: " + result.changedFiles().size());
        for (FileChange change : result.changedFiles()) {
            lines.add("  " + change.kind() + " " + ControlCharacters.escape(change.path()));
        }
        if (result.diff().isEmpty()) {
            lines.add("Diff: (none)");
        } else {
            lines.add("Diff:");
            result.diff().lines().map(ControlCharacters::escape).forEach(lines::add);
        }
        Usage usage = result.usage().usage();
        lines.add("Usage: " + result.turns() + " turn(s), " + usage.totalTokens() + " tokens (" + usage.inputTokens()
                + " in, " + usage.cachedInputTokens() + " cached, " + usage.outputTokens() + " out, "
                + usage.reasoningTokens() + " reasoning), cost " + result.usage().cost());
        return lines.stream().map(redactor).toList();
    }
}
