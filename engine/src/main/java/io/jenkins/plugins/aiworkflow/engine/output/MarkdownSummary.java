package io.jenkins.plugins.aiworkflow.engine.output;

import io.jenkins.plugins.aiworkflow.engine.report.TestCaseResult;
import io.jenkins.plugins.aiworkflow.engine.report.TestCounts;
import io.jenkins.plugins.aiworkflow.engine.report.TestProblem;
import io.jenkins.plugins.aiworkflow.engine.text.Truncation;
import io.jenkins.plugins.aiworkflow.engine.validate.Reason;
import io.jenkins.plugins.aiworkflow.engine.validate.ValidationResult;
import java.util.List;
import java.util.Locale;

/**
 * A Markdown summary of a validation, fit for a pull-request comment or a build
 * description: verdict, totals, reasons, notes and the first failures. Bounded in size
 * whatever the number of failures. Report texts are untrusted: they only appear inside
 * code spans and fenced blocks, never as Markdown or HTML ({@link Markdown}).
 */
public final class MarkdownSummary {
    static final int LISTED_FAILURES = 20;
    static final int MESSAGE_CHARS = 300;
    static final int DETAILS_CHARS = 1_500;

    private MarkdownSummary() {
    }

    public static String render(ValidationResult result) {
        StringBuilder md = new StringBuilder();
        boolean passed = result.verdict().passed();
        md.append("### ").append(passed ? "✅ Validation passed" : "❌ Validation failed").append("\n\n");
        TestCounts counts = result.report().counts();
        md.append("| Tests | Passed | Failures | Errors | Skipped | Flaky | Pass rate |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|\n");
        md.append("| ").append(counts.tests()).append(" | ").append(counts.passed()).append(" | ")
                .append(counts.failures()).append(" | ").append(counts.errors()).append(" | ")
                .append(counts.skipped()).append(" | ").append(counts.flaky()).append(" | ")
                .append(ConsoleSummary.passRate(counts)).append(" |\n\n");
        if (result.command() != null) {
            md.append("Test command ").append(Markdown.code(result.command().command())).append(' ')
                    .append(result.command().timedOut() ? "timed out"
                            : "exited with " + result.command().exitCode())
                    .append(String.format(Locale.ROOT, " after %.1f s", result.command().duration().toMillis() / 1000.0))
                    .append(".\n\n");
        }
        if (!result.verdict().reasons().isEmpty()) {
            md.append("**Why it failed**\n\n");
            for (Reason reason : result.verdict().reasons()) {
                md.append("- ").append(Markdown.code(reason.condition().parameterName())).append(": ")
                        .append(Markdown.plain(reason.message())).append('\n');
            }
            md.append('\n');
        }
        if (!result.verdict().notes().isEmpty()) {
            md.append("**Notes**\n\n");
            for (String note : result.verdict().notes()) {
                md.append("- ").append(Markdown.plain(note)).append('\n');
            }
            md.append('\n');
        }
        List<TestCaseResult> failures = result.report().failures();
        if (!failures.isEmpty()) {
            md.append("<details><summary>Failed tests (").append(failures.size()).append(")</summary>\n\n");
            int shown = 0;
            for (TestCaseResult failure : failures) {
                if (shown++ == LISTED_FAILURES) {
                    md.append("- … and ").append(failures.size() - LISTED_FAILURES).append(" more\n");
                    break;
                }
                md.append("- ").append(Markdown.code(failure.id().toString())).append(' ').append(failure.status()).append('\n');
                TestProblem first = failure.problems().isEmpty() ? null : failure.problems().get(0);
                if (first != null && !(first.message().isEmpty() && first.details().isEmpty())) {
                    String text = first.details().isEmpty() ? first.message()
                            : Truncation.headTail(first.message(), MESSAGE_CHARS) + "\n"
                            + Truncation.headTail(first.details(), DETAILS_CHARS);
                    md.append(Markdown.fenced(text.strip(), "  ", ""));
                }
            }
            md.append("\n</details>\n");
        }
        return md.toString();
    }
}
