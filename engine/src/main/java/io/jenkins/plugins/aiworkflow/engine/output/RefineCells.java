package io.jenkins.plugins.aiworkflow.engine.output;

import io.jenkins.plugins.aiworkflow.engine.llm.Cost;
import io.jenkins.plugins.aiworkflow.engine.refine.IterationRecord;
import io.jenkins.plugins.aiworkflow.engine.refine.Outcome;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineResult;
import io.jenkins.plugins.aiworkflow.engine.text.Decimals;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The figures the refine run's Markdown summary and HTML report share, as plain texts (each renderer
 * escapes them its own way), so that both say the same of an iteration: one name, one number.
 */
final class RefineCells {
    /** What a cell shows when there is nothing to show (iteration 0 has no agent, a stopped iteration no tests). */
    static final String NONE = "–";

    private RefineCells() {
    }

    /** The table's header, in the order of {@link #row}. */
    static final List<String> HEADER = List.of("Iteration", "Agent", "Verdict", "Failing", "New", "Fixed",
            "Tests run", "Skipped", "Files", "+/−", "Tokens", "Cost", "Duration");

    /** Whether a column holds numbers (right-aligned). */
    static final List<Boolean> NUMERIC = List.of(true, false, false, true, true, true, true, true, true, true,
            true, true, true);

    /** The cells of one iteration's row, plain texts in the order of {@link #HEADER}. */
    static List<String> row(RefineResult result, IterationRecord record) {
        List<String> cells = new ArrayList<>(HEADER.size());
        cells.add(Integer.toString(record.number()));
        cells.add(record.agent() == null ? NONE : record.agent().status().name());
        IterationRecord.ValidationPart validation = record.validation();
        if (validation == null) {
            cells.add("not run");
            cells.add(NONE);
            cells.add(NONE);
            cells.add(NONE);
            cells.add(NONE);
            cells.add(NONE);
        } else {
            cells.add(validation.verdict().name());
            cells.add(Long.toString(validation.failing()));
            cells.add(record.number() == 0 ? NONE : newFailures(validation));
            cells.add(record.number() == 0 ? NONE : fixed(result, record));
            cells.add(Long.toString(validation.counts().executed()));
            cells.add(Long.toString(validation.counts().skipped()));
        }
        IterationRecord.DiffPart diff = record.diff();
        cells.add(diff == null ? NONE : Integer.toString(diff.files().size()));
        cells.add(diff == null ? NONE : "+" + diff.linesAdded() + " −" + diff.linesRemoved());
        cells.add(record.agent() == null ? NONE : Long.toString(record.agent().usage().usage().totalTokens()));
        cells.add(record.agent() == null ? NONE : cost(record.agent().usage().cost()));
        cells.add(duration(record.duration()));
        return cells;
    }

    /**
     * Failing tests that did not fail at iteration 0; {@code N+} when failing tests were left unnamed, some
     * of which may be new.
     */
    static String newFailures(IterationRecord.ValidationPart validation) {
        return validation.newFailures().size() + (validation.failingNotListed() > 0 ? "+" : "");
    }

    /**
     * Tests that failed at iteration 0 and do not fail now; {@code ?} when either iteration left failing tests
     * unnamed (the names cannot be compared).
     */
    static String fixed(RefineResult result, IterationRecord record) {
        IterationRecord.ValidationPart now = record.validation();
        IterationRecord.ValidationPart before = result.iterations().isEmpty() ? null
                : result.iterations().get(0).validation();
        if (now == null || before == null || result.iterations().get(0).number() != 0) {
            return NONE;
        }
        if (now.failingNotListed() > 0 || before.failingNotListed() > 0) {
            return "?";
        }
        Set<String> failing = new HashSet<>(now.failingTests());
        return Long.toString(before.failingTests().stream().filter(test -> !failing.contains(test)).count());
    }

    /** {@code $0.0123}, or the priced part with {@code ≥} when some call had no price. */
    static String cost(Cost cost) {
        String amount = "$" + Decimals.fixed(cost.usd(), 4);
        return cost.known() ? amount : cost.usd() == 0 ? "unknown" : "≥ " + amount;
    }

    /** {@code 850 ms}, {@code 12.3 s}, {@code 4 min 05 s}, {@code 2 h 03 min}. */
    static String duration(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return Decimals.fixed(millis / 1000.0, 1) + " s";
        }
        long seconds = millis / 1_000;
        if (seconds < 3_600) {
            return seconds / 60 + " min " + twoDigits(seconds % 60) + " s";
        }
        return seconds / 3_600 + " h " + twoDigits(seconds / 60 % 60) + " min";
    }

    private static String twoDigits(long value) {
        return value < 10 ? "0" + value : Long.toString(value);
    }

    /** Iterations after iteration 0: the attempts. */
    static long attempts(RefineResult result) {
        return result.iterations().stream().filter(record -> record.number() > 0).count();
    }

    /** How the run ended, in words, for a heading: {@code PASSED}, or {@code running} for a partial result. */
    static String outcome(RefineResult result) {
        return result.outcome() == null ? "running" : result.outcome().name();
    }

    /** ✅ passed, ❌ the loop gave up by its own judgement, ⚠️ a limit or event stopped it, ⏳ still running. */
    static String icon(Outcome outcome) {
        if (outcome == null) {
            return "⏳";
        }
        return switch (outcome) {
            case PASSED -> "✅";
            case NOT_MET -> "❌";
            case STOPPED -> "⚠️";
        };
    }

    /**
     * The rows to show when there are more than {@code max} iterations: the first and the last ones, with
     * null standing for the left-out middle.
     */
    static List<IterationRecord> shown(List<IterationRecord> iterations, int max) {
        if (iterations.size() <= max) {
            return iterations;
        }
        List<IterationRecord> shown = new ArrayList<>(iterations.subList(0, max / 2));
        shown.add(null);
        shown.addAll(iterations.subList(iterations.size() - (max - max / 2), iterations.size()));
        return shown;
    }
}
