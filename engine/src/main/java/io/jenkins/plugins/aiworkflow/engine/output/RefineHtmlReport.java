package io.jenkins.plugins.aiworkflow.engine.output;

import io.jenkins.plugins.aiworkflow.engine.refine.IterationRecord;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineRequest;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineResult;
import io.jenkins.plugins.aiworkflow.engine.text.Truncation;
import io.jenkins.plugins.aiworkflow.engine.validate.Reason;
import io.jenkins.plugins.aiworkflow.engine.workspace.FileChange;
import io.jenkins.plugins.aiworkflow.engine.workspace.RestoreResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A self-contained HTML report of a refine run: one file that a browser shows offline, with no request to
 * anything outside it (inline CSS, charts drawn as inline SVG, no script), which its Content-Security-Policy
 * enforces ({@code default-src 'none'}; the style element is allowed by its hash only). It shows the run's
 * header (intent, outcome, stop rule and message, kept iteration, totals), the table of iterations, a chart
 * of failing tests and one of cost per iteration, and per iteration the gate's reasons, the failing and flaky
 * tests, the agent's summary, the changed files and the diff.
 *
 * <p>The page is also well-formed XML (every element closed, only XML's entities), so that tests can read it with
 * the JDK's XML parser.
 *
 * <p>Every text the run holds came from outside (the intent, the model's summary, test names and messages,
 * diffs, file names): each is escaped ({@link Html}) and cut to head and tail around a
 * {@code [... N chars truncated ...]} marker, so the report stays bounded whatever the run did. The texts
 * arrive masked (the refine loop masks them); the report masks nothing itself.
 */
public final class RefineHtmlReport {
    /** Iterations shown in the table and as sections (all that a run may have); beyond it the middle ones are left out. */
    static final int LISTED_ITERATIONS = RefineRequest.MAX_MAX_ITERATIONS + 1;
    static final int INTENT_CHARS = 4_000;
    static final int MESSAGE_CHARS = 2_000;
    static final int LISTED_REASONS = 10;
    static final int REASON_CHARS = 1_000;
    static final int LISTED_TESTS = 30;
    static final int NAME_CHARS = 200;
    static final int SUMMARY_CHARS = 4_000;
    static final int LISTED_FILES = 100;
    /** The most of one iteration's diff shown. */
    static final int DIFF_CHARS = 50_000;
    /** The diffs of all iterations together; each gets an equal share, within {@value #MIN_DIFF_CHARS} and {@link #DIFF_CHARS}. */
    static final int ALL_DIFFS_CHARS = 1_000_000;
    static final int MIN_DIFF_CHARS = 4_000;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

    static final String STYLE = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;margin:0 auto;\
            overflow-wrap:anywhere;\
            padding:16px 24px;max-width:1200px}
            h1{font-size:22px;margin:8px 0}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;\
            padding-bottom:4px}
            dl.facts{display:grid;grid-template-columns:max-content auto;gap:4px 16px;margin:12px 0}
            dl.facts dt{font-weight:600}dl.facts dd{margin:0;overflow-wrap:anywhere}
            table{border-collapse:collapse;font-variant-numeric:tabular-nums}
            th,td{border:1px solid #d0d7de;padding:3px 8px;text-align:left;white-space:nowrap}
            th{background:#f6f8fa}td.num{text-align:right}tr.kept td{background:#fff8c5}
            .PASSED{color:#1a7f37;font-weight:600}.FAILED,.NOT_MET{color:#cf222e;font-weight:600}
            .STOPPED{color:#9a6700;font-weight:600}
            .badge{font-size:13px;border:1px solid currentColor;border-radius:10px;padding:0 8px;margin-left:6px}
            .charts{display:flex;flex-wrap:wrap;gap:16px}
            svg.chart{max-width:100%;height:auto;border:1px solid #d0d7de;background:#fff}
            svg.chart text{font-size:11px;fill:#1f2328}svg.chart .chart-title{font-size:13px;font-weight:600}
            svg.chart .grid{stroke:#eaeef2}svg.chart .axis-line{stroke:#57606a}
            svg.chart .bar{fill:#0969da}#failing-chart .bar{fill:#cf222e}
            details{margin:6px 0}summary{cursor:pointer;font-weight:600}
            pre{background:#f6f8fa;border:1px solid #d0d7de;padding:8px;overflow:auto;max-height:600px;\
            white-space:pre-wrap;overflow-wrap:anywhere}
            pre.diff .add{color:#1a7f37}pre.diff .del{color:#cf222e}pre.diff .hunk{color:#8250df}
            code{overflow-wrap:anywhere}ul{margin:4px 0}.new{color:#cf222e;font-size:12px}
            .meta{color:#57606a}.left-out{color:#57606a;font-style:italic}
            """;

    /** The page's policy: nothing may be loaded or run; only the one style element (by its hash) applies. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + sha256(STYLE)
            + "'; img-src 'none'; script-src 'none'; base-uri 'none'; form-action 'none'";

    private RefineHtmlReport() {
    }

    /**
     * @param result the run, finished or so far
     * @param intent what the agent was asked to do, as the run's request holds it
     */
    public static String render(RefineResult result, String intent) {
        Objects.requireNonNull(result, "result");
        StringBuilder html = new StringBuilder(64 * 1024);
        String heading = "Refine " + RefineCells.outcome(result)
                + (result.stopRule() != null ? ": " + result.stopRule().name() : "");
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(Html.escape(CONTENT_SECURITY_POLICY))
                .append("\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<meta name=\"referrer\" content=\"no-referrer\"/>\n")
                .append("<title>").append(Html.escape(heading)).append("</title>\n")
                .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
        header(html, result, intent, heading);
        table(html, result);
        charts(html, result);
        List<IterationRecord> shown = RefineCells.shown(result.iterations(), LISTED_ITERATIONS);
        int diffChars = diffChars(result.iterations());
        for (IterationRecord record : shown) {
            if (record == null) {
                html.append("<p class=\"left-out\">… ").append(result.iterations().size() - LISTED_ITERATIONS)
                        .append(" iterations left out (the report shows the first and the last ones, ")
                        .append(LISTED_ITERATIONS).append(" in all; the run JSON has every one)</p>\n");
            } else {
                iteration(html, result, record, diffChars);
            }
        }
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private static void header(StringBuilder html, RefineResult result, String intent, String heading) {
        // no emoji: a machine without an emoji font shows a box; the outcome's colour says it instead
        html.append("<header>\n<h1 class=\"").append(result.outcome() == null ? "running" : result.outcome().name())
                .append("\">").append(Html.escape(heading)).append("</h1>\n<dl class=\"facts\" id=\"facts\">\n");
        if (intent != null && !intent.isBlank()) {
            fact(html, "Intent", "<pre class=\"intent\">" + text(intent.strip(), INTENT_CHARS) + "</pre>");
        }
        fact(html, "Outcome", result.outcome() == null ? "running (the run goes on)"
                : "<span class=\"" + result.outcome().name() + "\">" + result.outcome().name() + "</span>");
        if (result.stopRule() != null) {
            fact(html, "Stop rule", "<code>" + result.stopRule().name() + "</code>"
                    + (result.message().isEmpty() ? "" : ": " + text(result.message(), MESSAGE_CHARS)));
        }
        if (result.kept() != null) {
            RefineResult.Kept kept = result.kept();
            StringBuilder value = new StringBuilder().append("<a href=\"#iteration-").append(kept.iteration())
                    .append("\">iteration ").append(kept.iteration()).append("</a> (keep <code>")
                    .append(kept.keep().name().toLowerCase(Locale.ROOT)).append("</code>")
                    .append(kept.restored() ? ", restored" : "").append(')');
            if (!kept.message().isEmpty()) {
                value.append(": ").append(text(kept.message(), MESSAGE_CHARS));
            }
            List<RestoreResult.Failure> failures = kept.restoreFailures();
            if (!failures.isEmpty()) {
                value.append("<br/>Not put back (").append(failures.size()).append("):<ul>");
                for (int i = 0; i < failures.size() && i < LISTED_FILES; i++) {
                    value.append("<li>").append(text(failures.get(i).toString(), MESSAGE_CHARS)).append("</li>");
                }
                value.append(failures.size() > LISTED_FILES ? "<li>… and " + (failures.size() - LISTED_FILES)
                        + " more</li>" : "").append("</ul>");
            }
            fact(html, "Kept", value.toString());
        }
        fact(html, "Iterations", RefineCells.attempts(result) + " of at most " + result.maxIterations()
                + " (iteration 0 validated the untouched workspace)");
        fact(html, "Tokens", Long.toString(result.usage().usage().totalTokens()));
        fact(html, "Cost", Html.escape(RefineCells.cost(result.usage().cost())));
        fact(html, "Duration", RefineCells.duration(result.duration()));
        fact(html, "Started", TIME.format(result.started()));
        if (!result.model().isEmpty()) {
            fact(html, "Model", "<code>" + text(result.model(), NAME_CHARS) + "</code>");
        }
        if (result.recovery() != null) {
            fact(html, "Recovery", text(result.recovery().message(), MESSAGE_CHARS));
        }
        html.append("</dl>\n</header>\n");
    }

    private static void fact(StringBuilder html, String name, String valueHtml) {
        html.append("<dt>").append(name).append("</dt><dd>").append(valueHtml).append("</dd>\n");
    }

    private static void table(StringBuilder html, RefineResult result) {
        html.append("<section>\n<h2>Iterations</h2>\n<table id=\"iterations\">\n<thead><tr>");
        for (String header : RefineCells.HEADER) {
            html.append("<th scope=\"col\">").append(Html.escape(header)).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        int kept = result.kept() == null ? -1 : result.kept().iteration();
        for (IterationRecord record : RefineCells.shown(result.iterations(), LISTED_ITERATIONS)) {
            if (record == null) {
                html.append("<tr class=\"left-out\"><td colspan=\"").append(RefineCells.HEADER.size()).append("\">… ")
                        .append(result.iterations().size() - LISTED_ITERATIONS).append(" iterations left out</td></tr>\n");
                continue;
            }
            List<String> cells = RefineCells.row(result, record);
            html.append("<tr id=\"row-").append(record.number()).append('"')
                    .append(record.number() == kept ? " class=\"kept\"" : "").append('>');
            for (int i = 0; i < cells.size(); i++) {
                String cell = Html.escape(cells.get(i));
                html.append(i == 0 ? "<th scope=\"row\" class=\"num\">" : RefineCells.NUMERIC.get(i)
                        ? "<td class=\"num\">" : i == 2 ? "<td class=\"" + cell + "\">" : "<td>");
                if (i == 0) {
                    html.append("<a href=\"#iteration-").append(record.number()).append("\">").append(cell).append("</a>")
                            .append(record.number() == kept ? " (kept)" : "").append("</th>");
                } else {
                    html.append(cell).append("</td>");
                }
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n</section>\n");
    }

    private static void charts(StringBuilder html, RefineResult result) {
        List<SvgBarChart.Bar> failing = new ArrayList<>();
        List<SvgBarChart.Bar> cost = new ArrayList<>();
        for (IterationRecord record : result.iterations()) {
            String label = Integer.toString(record.number());
            IterationRecord.ValidationPart validation = record.validation();
            failing.add(validation == null
                    ? new SvgBarChart.Bar(label, null, RefineCells.NONE, "iteration " + label + ": tests not run")
                    : new SvgBarChart.Bar(label, (double) validation.failing(), Long.toString(validation.failing()),
                            "iteration " + label + ": " + validation.failing() + " failing test(s)"));
            if (record.agent() == null) {
                cost.add(new SvgBarChart.Bar(label, 0.0, "$0", "iteration " + label + ": no model call"));
            } else {
                String amount = RefineCells.cost(record.agent().usage().cost());
                cost.add(new SvgBarChart.Bar(label, record.agent().usage().cost().usd(), amount,
                        "iteration " + label + ": " + amount));
            }
        }
        html.append("<section>\n<h2>Charts</h2>\n<div class=\"charts\">\n")
                .append(SvgBarChart.render("failing-chart", "Failing tests per iteration", "failing tests", failing, true,
                        value -> Long.toString(Math.round(value))))
                .append(SvgBarChart.render("cost-chart", "Cost per iteration (USD)", "USD", cost, false,
                        RefineHtmlReport::usdTick))
                .append("</div>\n</section>\n");
    }

    /**
     * A tick of the cost axis: every digit its value has (up to micro-dollars), at least cents, so that ticks a
     * step of $0.0005 apart do not read alike ($0.0015, not $0.002 twice).
     */
    static String usdTick(double value) {
        BigDecimal usd = BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
        return "$" + usd.setScale(Math.max(2, usd.scale())).toPlainString();
    }

    private static void iteration(StringBuilder html, RefineResult result, IterationRecord record, int diffChars) {
        int number = record.number();
        boolean kept = result.kept() != null && result.kept().iteration() == number;
        IterationRecord.ValidationPart validation = record.validation();
        html.append("<section class=\"iteration\" id=\"iteration-").append(number).append("\">\n<h2>Iteration ")
                .append(number).append(number == 0 ? " (the untouched workspace)" : "");
        if (validation != null) {
            html.append("<span class=\"badge ").append(validation.verdict().name()).append("\">")
                    .append(validation.verdict().name()).append("</span>");
        }
        html.append(kept ? " (kept)" : "").append("</h2>\n");

        html.append("<p class=\"meta\">Started ").append(TIME.format(record.started())).append(", took ")
                .append(RefineCells.duration(record.duration())).append('.');
        IterationRecord.AgentPart agent = record.agent();
        if (agent != null) {
            html.append(" Agent ").append(agent.status().name()).append(" after ").append(agent.turns())
                    .append(" turn(s), ").append(agent.usage().usage().totalTokens()).append(" tokens, ")
                    .append(Html.escape(RefineCells.cost(agent.usage().cost()))).append("; stop reason <code>")
                    .append(agent.stopReason().kind().name()).append("</code>: ")
                    .append(text(agent.stopReason().message(), MESSAGE_CHARS)).append('.');
        } else if (number > 0) {
            html.append(" The agent did not run.");
        }
        if (validation != null) {
            html.append(" Tests: ").append(validation.counts().executed()).append(" run, ")
                    .append(validation.counts().skipped()).append(" skipped, ").append(validation.failing())
                    .append(" failing; test command ")
                    .append(validation.exitCode() == null ? "without exit code" : "exited with " + validation.exitCode());
            if (validation.reruns() > 0) {
                html.append(", rerun ").append(validation.reruns()).append(" time(s)");
            }
            html.append(validation.timeLimitReached() ? "; the run's time limit was reached" : "").append('.');
        } else {
            html.append(" The tests did not run.");
        }
        if (record.feedbackTokens() > 0) {
            html.append(" Feedback to the next iteration: ").append(record.feedbackTokens()).append(" tokens.");
        }
        html.append("</p>\n");

        if (validation != null) {
            reasons(html, validation.reasons());
            failingTests(html, validation);
            if (!validation.flakyTests().isEmpty()) {
                names(html, "Flaky tests (" + validation.flakyTests().size() + ", passed on a rerun)", "flaky",
                        validation.flakyTests(), Set.of(), validation.flakyTests().size());
            }
        }
        if (agent != null) {
            html.append("<details class=\"summary\" open=\"open\"><summary>Agent's summary</summary>");
            html.append(agent.summary().isBlank() ? "<p>none</p>"
                    : "<pre>" + text(agent.summary().strip(), SUMMARY_CHARS) + "</pre>");
            html.append("</details>\n");
        }
        IterationRecord.DiffPart diff = record.diff();
        if (diff != null) {
            files(html, diff);
            if (!diff.unifiedDiff().isEmpty()) {
                html.append("<details class=\"diff\"><summary>Diff (").append(diff.unifiedDiff().lines().count())
                        .append(" lines").append(diff.truncated() ? ", cut by the run" : "").append(")</summary>\n")
                        .append("<pre class=\"diff\">");
                diffLines(html, Truncation.headTailAgain(diff.unifiedDiff(), diffChars));
                html.append("</pre></details>\n");
            }
        }
        html.append("</section>\n");
    }

    private static void reasons(StringBuilder html, List<Reason> reasons) {
        if (reasons.isEmpty()) {
            return;
        }
        html.append("<details class=\"reasons\" open=\"open\"><summary>Gate reasons (").append(reasons.size())
                .append(")</summary><ul>\n");
        for (int i = 0; i < reasons.size(); i++) {
            if (i == LISTED_REASONS) {
                html.append("<li>… and ").append(reasons.size() - LISTED_REASONS).append(" more</li>\n");
                break;
            }
            Reason reason = reasons.get(i);
            html.append("<li>").append(reason.condition().isTamperGuard() ? "tamper guard, " : "").append("<code>")
                    .append(Html.escape(reason.condition().parameterName())).append("</code>: ")
                    .append(text(reason.message(), REASON_CHARS)).append("</li>\n");
        }
        html.append("</ul></details>\n");
    }

    private static void failingTests(StringBuilder html, IterationRecord.ValidationPart validation) {
        if (validation.failing() == 0) {
            return;
        }
        Set<String> added = new HashSet<>(validation.newFailures());
        names(html, "Failing tests (" + validation.failing() + ", " + RefineCells.newFailures(validation)
                + " new since iteration 0)", "failing", validation.failingTests(), added, validation.failing());
    }

    private static void names(StringBuilder html, String title, String cssClass, List<String> names, Set<String> marked,
            long total) {
        html.append("<details class=\"").append(cssClass).append("\"><summary>").append(Html.escape(title))
                .append("</summary><ul>\n");
        int listed = Math.min(names.size(), LISTED_TESTS);
        for (int i = 0; i < listed; i++) {
            html.append("<li><code>").append(text(names.get(i), NAME_CHARS)).append("</code>")
                    .append(marked.contains(names.get(i)) ? " <span class=\"new\">new</span>" : "").append("</li>\n");
        }
        if (total > listed) {
            html.append("<li>… and ").append(total - listed).append(" more</li>\n");
        }
        html.append("</ul></details>\n");
    }

    private static void files(StringBuilder html, IterationRecord.DiffPart diff) {
        html.append("<details class=\"files\"><summary>Changed files (").append(diff.files().size()).append("): +")
                .append(diff.linesAdded()).append(" −").append(diff.linesRemoved()).append("</summary><ul>\n");
        List<FileChange> files = diff.files();
        for (int i = 0; i < files.size(); i++) {
            if (i == LISTED_FILES) {
                html.append("<li>… and ").append(files.size() - LISTED_FILES).append(" more</li>\n");
                break;
            }
            html.append("<li>").append(files.get(i).kind().name()).append(" <code>")
                    .append(text(files.get(i).path(), NAME_CHARS)).append("</code></li>\n");
        }
        html.append("</ul></details>\n");
    }

    /** The diff's lines, escaped, each added, removed or hunk line in a span that colours it. */
    private static void diffLines(StringBuilder html, String diff) {
        String lines = diff.endsWith("\n") ? diff.substring(0, diff.length() - 1) : diff;
        for (String line : lines.split("\n", -1)) {
            String cssClass = line.startsWith("+++") || line.startsWith("---") ? null
                    : line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : line.startsWith("@@") ? "hunk" : null;
            if (cssClass == null) {
                html.append(Html.escape(line)).append('\n');
            } else {
                html.append("<span class=\"").append(cssClass).append("\">").append(Html.escape(line)).append("</span>\n");
            }
        }
    }

    /** Each diff's share of {@link #ALL_DIFFS_CHARS}, so that many iterations keep the report bounded. */
    static int diffChars(List<IterationRecord> iterations) {
        long diffs = iterations.stream().filter(record -> record.diff() != null).count();
        long share = diffs == 0 ? DIFF_CHARS : ALL_DIFFS_CHARS / diffs;
        return (int) Math.max(MIN_DIFF_CHARS, Math.min(DIFF_CHARS, share));
    }

    private static String text(String text, int maxChars) {
        return Html.escape(Truncation.headTail(text, maxChars));
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
