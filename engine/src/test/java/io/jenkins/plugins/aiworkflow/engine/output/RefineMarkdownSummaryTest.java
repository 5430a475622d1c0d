package io.jenkins.plugins.aiworkflow.engine.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.aiworkflow.engine.refine.IterationRecord;
import io.jenkins.plugins.aiworkflow.engine.refine.Keep;
import io.jenkins.plugins.aiworkflow.engine.refine.Outcome;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineResult;
import io.jenkins.plugins.aiworkflow.engine.refine.StopRule;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The refine run's Markdown summary, for a pull-request comment or a build description. */
class RefineMarkdownSummaryTest {
    /** GitHub refuses longer comments. */
    private static final int COMMENT_LIMIT = 65_536;

    @Test
    void shouldShowOutcomeStopRuleARowPerIterationTotalsAndTheKeptIteration() {
        // when
        String markdown = RefineMarkdownSummary.render(RefineResults.passedAtTwo(), RefineResults.INTENT);

        // then
        assertThat(markdown).isEqualTo("""
                ### ✅ Refine PASSED: stop rule `GATE_PASSED`

                `the gate passed at iteration 2`

                **Intent** `Fix the rounding in PriceCalculator so that PriceTest passes.`

                | Iteration | Agent | Verdict | Failing | New | Fixed | Tests run | Skipped | Files | +/− | Tokens | Cost | Duration |
                |---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
                | 0 | – | FAILED | 1 | – | – | 10 | 0 | – | – | – | – | 3.1 s |
                | 1 | CHANGED | FAILED | 1 | 1 | 1 | 9 | 0 | 1 | +2 −1 | 12800 | $0.0125 | 42.0 s |
                | **2** (kept) | CHANGED | PASSED | 0 | 0 | 1 | 10 | 0 | 1 | +1 −2 | 16200 | $0.0375 | 1 min 15 s |

                **Totals** 2 iteration(s) of at most 5, 29000 tokens, $0.0500, 2 min 01 s, model `OpenAI model gpt-4.1`.

                **Kept** iteration 2 (keep `best`): `iteration 2 passed the gate`
                """);
    }

    @Test
    void shouldSayWhyTheLastValidatedIterationFailedWithItsTextsInCodeSpans() {
        // given: the run gave up after iteration 1, whose reasons name a test whose name holds markup
        RefineResult result = new RefineResult(Outcome.NOT_MET, StopRule.MAX_ITERATIONS,
                "maxIterations 1 reached | **not** met", "", 1, List.of(RefineResults.iteration0(),
                RefineResults.iteration1()), new RefineResult.Kept(Keep.BEST, 0, true, null, "iteration 0 was best"),
                RefineResults.usage(12_000, 800, 0.0125), RefineResults.START, Duration.ofSeconds(46), null);

        // when
        String markdown = RefineMarkdownSummary.render(result, "fix <b>it</b> | @team");

        // then
        assertThat(markdown).startsWith("### ❌ Refine NOT_MET: stop rule `MAX_ITERATIONS`\n\n"
                        + "`maxIterations 1 reached | **not** met`\n\n**Intent** `fix <b>it</b> | @team`\n\n")
                .contains("| **0** (kept) | – | FAILED |")
                .contains("**Totals** 1 iteration(s) of at most 1, 12800 tokens, $0.0125, 46.0 s.\n")
                .contains("**Kept** iteration 0 (keep `best`): `iteration 0 was best`\n")
                .endsWith("""
                        **Why the gate failed at iteration 1**

                        - `maxFailures`: `1 test(s) failed, maxFailures is 0: com.acme.PriceTest.<script>alert('test')</script>`
                        - `allowTestDecrease`: `9 test(s) found, the baseline had 10 (1 fewer)`
                        """);
    }

    @Test
    void shouldShowARunThatGoesOn() {
        // given: the partial result after iteration 1, as the loop's listener gets it
        RefineResult result = new RefineResult(null, null, "", "", 5, List.of(RefineResults.iteration0(),
                RefineResults.iteration1()), null, RefineResults.usage(12_000, 800, 0.0125), RefineResults.START,
                Duration.ofSeconds(46), null);

        // when
        String markdown = RefineMarkdownSummary.render(result, null);

        // then
        assertThat(markdown).startsWith("### ⏳ Refine running after iteration 1 of at most 5\n\n| Iteration |")
                .doesNotContain("**Kept**").doesNotContain("**Intent**");
    }

    @Test
    void shouldStayWithinAGitHubCommentWith100IterationsTenThousandFilesAndATenMegabyteDiff() {
        // given
        RefineResult result = RefineResults.large(100, 10_000, 10_000_000, 30);

        // when
        String markdown = RefineMarkdownSummary.render(result, "i".repeat(1_000_000));

        // then: every iteration has its row; the texts are cut
        assertThat(markdown.length()).isLessThan(COMMENT_LIMIT);
        assertThat(markdown.lines().filter(line -> line.matches("\\| (\\*\\*)?\\d+.*"))).hasSize(101);
        assertThat(markdown).contains("| **1** (kept) | CHANGED | FAILED | 500 | 100+ | ? | 5000 | 0 | 10000 | +100000 −50 "
                        + "| 11000 | $0.0100 | 1 min 00 s |")
                .contains("- … and " + (30 - RefineMarkdownSummary.LISTED_REASONS) + " more\n")
                .contains(" chars truncated ...]");
    }

    @Test
    void shouldLeaveOutTheMiddleRowsBeyondTheLimit() {
        // given
        RefineResult result = RefineResults.large(150, 1, 100, 1);

        // when
        String markdown = RefineMarkdownSummary.render(result, RefineResults.INTENT);

        // then
        int listed = RefineMarkdownSummary.LISTED_ITERATIONS;
        assertThat(markdown.lines().filter(line -> line.matches("\\| (\\*\\*)?\\d+.*"))).hasSize(listed);
        assertThat(markdown).contains("| … " + (151 - listed) + " more |" + " |".repeat(12) + "\n")
                .contains("\n| 49 |").doesNotContain("\n| 50 |").doesNotContain("\n| 99 |").contains("\n| 100 |")
                .contains("\n| 150 |");
        assertThat(markdown.length()).isLessThan(COMMENT_LIMIT);
    }

    @Test
    void shouldShowARunThatStoppedBeforeIterationZeroAndTheRecoveryOfAnInterruptedRun() {
        // given
        RefineResult.Recovery recovery = new RefineResult.Recovery(RefineResults.START.minusSeconds(600),
                io.jenkins.plugins.aiworkflow.engine.refine.Recover.RESTORE, List.of(), List.of(),
                "an interrupted run of 2026-12-04T09:50:00Z was found; its start was restored");
        RefineResult result = new RefineResult(Outcome.STOPPED, StopRule.ERROR, "the state store cannot be written", "",
                5, List.of(), null, RefineResults.usage(0, 0, 0), RefineResults.START, Duration.ZERO, recovery);

        // when
        String markdown = RefineMarkdownSummary.render(result, "");

        // then
        assertThat(markdown).startsWith("### ⚠️ Refine STOPPED: stop rule `ERROR`\n\n`the state store cannot be written`\n\n"
                        + "| Iteration |")
                .contains("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n\n**Totals** 0 iteration(s) of "
                        + "at most 5, 0 tokens, $0.0000, 0 ms.\n")
                .endsWith("**Recovery** `an interrupted run of 2026-12-04T09:50:00Z was found; its start was restored`\n");
    }

    @Test
    void shouldSayWhatIsNotKnown() {
        // given: a cost without price, and iterations whose failing tests are not all named
        IterationRecord large = RefineResults.large(1, 1, 10, 1).iterations().get(1);
        assertThat(RefineCells.fixed(RefineResults.large(1, 1, 10, 1), large)).isEqualTo("?");
        assertThat(RefineCells.newFailures(large.validation())).isEqualTo("100+");
        assertThat(RefineCells.cost(io.jenkins.plugins.aiworkflow.engine.llm.Cost.UNKNOWN)).isEqualTo("unknown");
        assertThat(RefineCells.cost(new io.jenkins.plugins.aiworkflow.engine.llm.Cost(false, 0.5))).isEqualTo("≥ $0.5000");
        assertThat(RefineCells.duration(Duration.ofMillis(999))).isEqualTo("999 ms");
        assertThat(RefineCells.duration(Duration.ofMinutes(62).plusSeconds(5))).isEqualTo("1 h 02 min");
    }
}
