package io.jenkins.plugins.aiworkflow.engine.output;

import io.jenkins.plugins.aiworkflow.engine.agent.AgentResult;
import io.jenkins.plugins.aiworkflow.engine.agent.AgentStatus;
import io.jenkins.plugins.aiworkflow.engine.llm.Usage;
import io.jenkins.plugins.aiworkflow.engine.text.Truncation;
import io.jenkins.plugins.aiworkflow.engine.workspace.FileChange;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A Markdown summary of an agent run, fit for a pull-request comment or a build description:
 * status, stop reason, usage and cost, the agent's summary, the changed files and the diff.
 * Bounded in size whatever the run did (long texts keep head and tail around a
 * {@code [... N chars truncated ...]} marker), so it stays under GitHub's 65,536-character limit
 * for a comment. The model wrote the summary, the diff and the file names: they only appear in
 * code spans and fenced blocks, never as Markdown or HTML ({@link Markdown}). Every text passes
 * through the redactor before it is cut, so no part of a secret survives a cut.
 */
public final class AgentMarkdownSummary {
    static final int MESSAGE_CHARS = 1_000;
    static final int SUMMARY_CHARS = 3_000;
    static final int LISTED_FILES = 50;
    static final int PATH_CHARS = 200;
    static final int DIFF_CHARS = 30_000;
    static final int LISTED_POLICY_NOTES = 10;

    private AgentMarkdownSummary() {
    }

    public static String render(AgentResult result, UnaryOperator<String> redactor) {
        Objects.requireNonNull(redactor, "redactor");
        StringBuilder md = new StringBuilder();
        md.append("### ").append(icon(result.status())).append(" Implementation ").append(result.status())
                .append("\n\n");
        md.append("**Stop reason** ").append(Markdown.code(result.stopReason().kind().name())).append(": ")
                .append(Markdown.code(cut(redactor.apply(result.stopReason().message()), MESSAGE_CHARS)))
                .append("\n\n");

        Usage usage = result.usage().usage();
        md.append("| Turns | Tokens | Input | Cached input | Output | Reasoning | Cost |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|\n");
        md.append("| ").append(result.turns()).append(" | ").append(usage.totalTokens()).append(" | ")
                .append(usage.inputTokens()).append(" | ").append(usage.cachedInputTokens()).append(" | ")
                .append(usage.outputTokens()).append(" | ").append(usage.reasoningTokens()).append(" | ")
                .append(Markdown.plain(result.usage().cost().toString())).append(" |\n\n");

        if (result.summary().isBlank()) {
            md.append("**Summary**: none.\n\n");
        } else {
            md.append("**Summary**\n\n")
                    .append(Markdown.fenced(cut(redactor.apply(result.summary().strip()), SUMMARY_CHARS), "", "text"))
                    .append('\n');
        }

        List<FileChange> changes = result.changedFiles();
        if (changes.isEmpty()) {
            md.append("**Changed files**: none.\n");
        } else {
            md.append("**Changed files (").append(changes.size()).append(")**\n\n");
            for (int i = 0; i < changes.size(); i++) {
                if (i == LISTED_FILES) {
                    md.append("- … and ").append(changes.size() - LISTED_FILES).append(" more (all in the diff)\n");
                    break;
                }
                FileChange change = changes.get(i);
                md.append("- ").append(change.kind()).append(' ')
                        .append(Markdown.code(cut(redactor.apply(change.path()), PATH_CHARS))).append('\n');
            }
        }

        List<String> notes = result.policyNotes();
        if (!notes.isEmpty()) {
            // changes the agent's commands made where the agent may not write: a reviewer must see them
            md.append("\n**⚠️ Policy notes (").append(notes.size()).append(")**\n\n");
            for (int i = 0; i < notes.size(); i++) {
                if (i == LISTED_POLICY_NOTES) {
                    md.append("- … and ").append(notes.size() - LISTED_POLICY_NOTES).append(" more\n");
                    break;
                }
                md.append("- ").append(Markdown.code(cut(redactor.apply(notes.get(i)), MESSAGE_CHARS))).append('\n');
            }
        }

        if (!result.diff().isEmpty()) {
            String diff = redactor.apply(result.diff());
            md.append("\n<details><summary>Diff (").append(diff.lines().count()).append(" lines)</summary>\n\n")
                    .append(Markdown.fenced(stripFinalNewline(cut(diff, DIFF_CHARS)), "", "diff"))
                    .append("\n</details>\n");
        }
        return md.toString();
    }

    private static String icon(AgentStatus status) {
        return switch (status) {
            case CHANGED -> "✅";
            // finishing without a change is never a success; a limit kept only part of the work
            case NO_CHANGE, LIMIT -> "⚠️";
            case ERROR -> "❌";
        };
    }

    private static String cut(String text, int maxChars) {
        return Truncation.headTail(text, maxChars);
    }

    /** A diff ends with a newline; inside the fence it would show as an empty last line. */
    private static String stripFinalNewline(String text) {
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}
