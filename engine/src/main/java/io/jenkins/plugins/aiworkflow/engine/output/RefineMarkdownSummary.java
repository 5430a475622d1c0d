package io.jenkins.plugins.aiworkflow.engine.output;

import io.jenkins.plugins.aiworkflow.engine.refine.IterationRecord;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineRequest;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineResult;
import io.jenkins.plugins.aiworkflow.engine.text.Truncation;
import io.jenkins.plugins.aiworkflow.engine.validate.Reason;
import java.util.List;
import java.util.Objects;

/**
 * A Markdown summary of a refine run, fit for a pull-request comment or a build description: a heading
 * with the outcome and the stop rule, a table with a row per iteration, the totals, the kept iteration,
 * what the run did about an earlier run that was interrupted, and why the last validated iteration failed
 * the gate. Written after every iteration, so a partial result (the run goes on) renders too. At most
 * {@value #MAX_CHARS} characters whatever the run did: beyond {@link #LISTED_ITERATIONS} iterations the
 * middle rows are left out, and long texts keep head and tail around a {@code [... N chars truncated ...]}
 * marker. The texts arrive masked (the refine loop masks them); the intent, messages, reasons and names
 * only appear in code spans, never as Markdown or HTML ({@link Markdown}).
 */
public final class RefineMarkdownSummary {
    /** GitHub's limit for a comment: the summary never exceeds it. */
    static final int MAX_CHARS = 65_536;
    /** Rows of the table (all iterations a run may have); beyond it the middle rows are left out. */
    static final int LISTED_ITERATIONS = RefineRequest.MAX_MAX_ITERATIONS + 1;
    static final int INTENT_CHARS = 500;
    static final int MESSAGE_CHARS = 1_000;
    static final int MODEL_CHARS = 200;
    static final int LISTED_REASONS = 10;
    static final int REASON_CHARS = 1_000;

    private RefineMarkdownSummary() {
    }

    /**
     * @param result the run, finished or so far
     * @param intent what the agent was asked to do, as the run's request holds it
     */
    public static String render(RefineResult result, String intent) {
        Objects.requireNonNull(result, "result");
        StringBuilder md = new StringBuilder();
        md.append("### ").append(RefineCells.icon(result.outcome())).append(" Refine ").append(RefineCells.outcome(result));
        if (result.stopRule() != null) {
            md.append(": stop rule ").append(Markdown.code(result.stopRule().name()));
        } else {
            md.append(" after iteration ").append(result.lastIteration().map(IterationRecord::number).orElse(0))
                    .append(" of at most ").append(result.maxIterations());
        }
        md.append("\n\n");
        if (!result.message().isEmpty()) {
            md.append(Markdown.code(cut(result.message(), MESSAGE_CHARS))).append("\n\n");
        }
        if (intent != null && !intent.isBlank()) {
            md.append("**Intent** ").append(Markdown.code(cut(intent.strip(), INTENT_CHARS))).append("\n\n");
        }

        md.append('|');
        for (String header : RefineCells.HEADER) {
            md.append(' ').append(header).append(" |");
        }
        md.append("\n|");
        for (boolean numeric : RefineCells.NUMERIC) {
            md.append(numeric ? "---:|" : "---|");
        }
        md.append('\n');
        int kept = result.kept() == null ? -1 : result.kept().iteration();
        List<IterationRecord> shown = RefineCells.shown(result.iterations(), LISTED_ITERATIONS);
        for (IterationRecord record : shown) {
            if (record == null) {
                md.append("| … ").append(result.iterations().size() - LISTED_ITERATIONS).append(" more |")
                        .append(" |".repeat(RefineCells.HEADER.size() - 1)).append('\n');
                continue;
            }
            List<String> cells = RefineCells.row(result, record);
            md.append('|');
            for (int i = 0; i < cells.size(); i++) {
                String cell = Markdown.plain(cells.get(i));
                md.append(' ').append(i == 0 && record.number() == kept ? "**" + cell + "** (kept)" : cell).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');

        md.append("**Totals** ").append(RefineCells.attempts(result)).append(" iteration(s) of at most ")
                .append(result.maxIterations()).append(", ").append(result.usage().usage().totalTokens())
                .append(" tokens, ").append(Markdown.plain(RefineCells.cost(result.usage().cost()))).append(", ")
                .append(RefineCells.duration(result.duration()));
        if (!result.model().isEmpty()) {
            md.append(", model ").append(Markdown.code(cut(result.model(), MODEL_CHARS)));
        }
        md.append(".\n\n");
        if (result.kept() != null) {
            md.append("**Kept** iteration ").append(result.kept().iteration()).append(" (keep ")
                    .append(Markdown.code(result.kept().keep().name().toLowerCase(java.util.Locale.ROOT))).append(')');
            if (!result.kept().message().isEmpty()) {
                md.append(": ").append(Markdown.code(cut(result.kept().message(), MESSAGE_CHARS)));
            }
            md.append("\n\n");
        }

        if (result.recovery() != null) {
            // an earlier run was interrupted and this one put the workspace back: the reviewer must know
            md.append("**Recovery** ").append(Markdown.code(cut(result.recovery().message(), MESSAGE_CHARS))).append("\n\n");
        }

        // the reasons of the last iteration that ran its tests: what a reviewer acts on
        IterationRecord last = null;
        for (IterationRecord record : result.iterations()) {
            if (record.validation() != null) {
                last = record;
            }
        }
        if (last != null && !last.validation().reasons().isEmpty()) {
            List<Reason> reasons = last.validation().reasons();
            md.append("**Why the gate failed at iteration ").append(last.number()).append("**\n\n");
            for (int i = 0; i < reasons.size(); i++) {
                if (i == LISTED_REASONS) {
                    md.append("- … and ").append(reasons.size() - LISTED_REASONS).append(" more\n");
                    break;
                }
                md.append("- ").append(Markdown.code(reasons.get(i).condition().parameterName())).append(": ")
                        .append(Markdown.code(cut(reasons.get(i).message(), REASON_CHARS))).append('\n');
            }
            md.append('\n');
        }
        return md.toString().stripTrailing() + "\n";
    }

    private static String cut(String text, int maxChars) {
        return Truncation.headTail(text, maxChars);
    }
}
