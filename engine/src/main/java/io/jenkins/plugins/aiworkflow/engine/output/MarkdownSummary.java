package io.jenkins.plugins.aiworkflow.engine.output;

import io.jenkins.plugins.aiworkflow.engine.report.TestCaseResult;
import io.jenkins.plugins.aiworkflow.engine.report.TestCounts;
import io.jenkins.plugins.aiworkflow.engine.report.TestProblem;
import io.jenkins.plugins.aiworkflow.engine.text.Decimals;
import io.jenkins.plugins.aiworkflow.engine.text.Truncation;
import io.jenkins.plugins.aiworkflow.engine.validate.QualityGate;
import io.jenkins.plugins.aiworkflow.engine.validate.Reason;
import io.jenkins.plugins.aiworkflow.engine.validate.ValidationResult;
import java.util.List;

/**
 * A Markdown summary of a validation, fit for a pull-request comment or a build
 * description: verdict, totals, reasons, notes and the first failures. At most
 * {@value #MAX_CHARS} characters whatever the reports hold (long texts keep head and tail around a
 * {@code [... N chars truncated ...]} marker). Report texts are untrusted, and reasons and notes
 * quote test and file names from them: all of these only appear inside code spans and fenced
 * blocks, never as Markdown or HTML ({@link Markdown}), so a test name cannot mention a team,
 * link somewhere or inject HTML.
 */
public final class MarkdownSummary {
    /** GitHub's limit for a comment: the summary never exceeds it. */
    static final int MAX_CHARS = 65_536;
    static final int LISTED_FAILURES = 20;
    static final int REASON_CHARS = 1_000;
    static final int ID_CHARS = 300;
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
                    .append(" after ").append(Decimals.fixed(result.command().duration().toMillis() / 1000.0, 1)).append(" s")
                    .append(".\n\n");
        }
        if (!result.verdict().reasons().isEmpty()) {
            md.append("**Why it failed**\n\n");
            for (Reason reason : result.verdict().reasons()) {
                md.append("- ").append(Markdown.code(reason.condition().parameterName())).append(": ")
                        .append(Markdown.code(Truncation.headTail(reason.message(), REASON_CHARS))).append('\n');
            }
            md.append('\n');
        }
        if (!result.verdict().notes().isEmpty()) {
            md.append("**Notes**\n\n");
            for (String note : result.verdict().notes()) {
                md.append("- ").append(Markdown.code(Truncation.headTail(note, REASON_CHARS))).append('\n');
            }
            md.append('\n');
        }
        List<TestCaseResult> failures = result.report().failures();
        long failed = result.report().counts().failed();
        if (failed > 0) {
            md.append("<details><summary>Failed tests (").append(failed).append(")</summary>\n\n");
            int shown = 0;
            for (TestCaseResult failure : failures) {
                String entry = entry(failure);
                // the closing lines and an "and N more" line must still fit
                if (shown == LISTED_FAILURES || md.length() + entry.length() > MAX_CHARS - 300) {
                    break;
                }
                md.append(entry);
                shown++;
            }
            long notListed = result.report().failuresNotListed();
            if (shown < failed) {
                md.append("- … and ").append(failed - shown).append(" more");
                if (notListed > 0) {
                    md.append(shown + notListed < failed ? ", " + notListed + " of them" : ",")
                            .append(" not listed (only the first ").append(result.report().maxDetailedCases())
                            .append(" are kept, maxDetailedCases").append(QualityGate.namesOnly(result.report()))
                            .append(')');
                }
                md.append('\n');
            }
            md.append("\n</details>\n");
        }
        return md.toString();
    }

    private static String entry(TestCaseResult failure) {
        StringBuilder md = new StringBuilder("- ")
                .append(Markdown.code(Truncation.headTail(failure.id().toString(), ID_CHARS)))
                .append(' ').append(failure.status())
                .append(failure.withoutTexts() ? " (texts not kept, maxKeptTextChars)" : "").append('\n');
        TestProblem first = failure.problems().isEmpty() ? null : failure.problems().get(0);
        if (first != null && !(first.message().isEmpty() && first.details().isEmpty())) {
            String text = first.details().isEmpty() ? Truncation.headTail(first.message(), MESSAGE_CHARS)
                    : Truncation.headTail(first.message(), MESSAGE_CHARS) + "\n"
                    + Truncation.headTail(first.details(), DETAILS_CHARS);
            md.append(Markdown.fenced(text.strip(), "  ", ""));
        }
        return md.toString();
    }
}
