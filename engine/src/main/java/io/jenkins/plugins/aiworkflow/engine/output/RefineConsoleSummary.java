package io.jenkins.plugins.aiworkflow.engine.output;

import io.jenkins.plugins.aiworkflow.engine.refine.IterationRecord;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The lines a refine run prints, for a terminal or a build log: one as each iteration ends, and at the end how the
 * run ended, what the workspace holds and the totals. Every line passes through the redactor.
 */
public final class RefineConsoleSummary {
    private RefineConsoleSummary() {
    }

    /** The lines at the end: how the run ended, what the workspace holds, what was recovered, the totals. */
    public static List<String> render(RefineResult result, UnaryOperator<String> redactor) {
        Objects.requireNonNull(redactor, "redactor");
        List<String> lines = new ArrayList<>();
        int attempts = Math.max(0, result.iterations().size() - 1);
        lines.add("Refine " + result.outcome() + " (" + result.stopRule() + ") after " + attempts + " of "
                + result.maxIterations() + " iteration(s): " + result.message());
        if (result.kept() != null) {
            lines.add("Kept: " + result.kept().message());
            for (var failure : result.kept().restoreFailures()) {
                lines.add("  NOT RESTORED " + failure);
            }
        }
        if (result.recovery() != null) {
            lines.add("Recovered: " + result.recovery().message());
        }
        lines.add(String.format(Locale.ROOT, "Usage: %d model call(s), %,d tokens, cost %s, %.1f s wall time",
                result.usage().calls(), result.usage().usage().totalTokens(), result.usage().cost(),
                result.duration().toMillis() / 1000.0));
        lines.replaceAll(redactor);
        return lines;
    }

    /** The line as an iteration ends: {@code Iteration 2 of 5: FAILED, 1 failing test, 11,641 tokens, $0.0027 so far}. */
    public static String iterationLine(IterationRecord record, RefineResult soFar, UnaryOperator<String> redactor) {
        StringBuilder line = new StringBuilder("Iteration ").append(record.number()).append(" of ")
                .append(soFar.maxIterations()).append(": ");
        IterationRecord.ValidationPart validation = record.validation();
        if (validation == null) {
            line.append("stopped before the tests ran");
        } else {
            long failing = validation.failing();
            line.append(validation.verdict()).append(", ").append(failing)
                    .append(failing == 1 ? " failing test" : " failing tests");
            if (!validation.flakyTests().isEmpty()) {
                line.append(", ").append(validation.flakyTests().size()).append(" flaky");
            }
        }
        if (record.diff() != null) {
            line.append(", ").append(record.diff().files().size()).append(" file(s) changed");
        }
        line.append(", ").append(String.format(Locale.ROOT, "%,d", soFar.usage().usage().totalTokens()))
                .append(" tokens, ").append(soFar.usage().cost()).append(" so far");
        return redactor.apply(line.toString());
    }
}
