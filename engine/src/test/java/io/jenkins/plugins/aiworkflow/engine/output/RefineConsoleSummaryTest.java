package io.jenkins.plugins.aiworkflow.engine.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.aiworkflow.engine.refine.RefineResult;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** What a refine run prints as each iteration ends and at the end. */
class RefineConsoleSummaryTest {
    @Test
    void shouldSayHowTheRunEndedWhatWasKeptAndWhatItCost() {
        // given
        RefineResult result = RefineResults.passedAtTwo();

        // when
        var lines = RefineConsoleSummary.render(result, UnaryOperator.identity());

        // then
        assertThat(lines).containsExactly(
                "Refine PASSED (GATE_PASSED) after 2 of 5 iteration(s): the gate passed at iteration 2",
                "Kept: iteration 2 passed the gate",
                "Usage: 3 model call(s), 29,000 tokens, cost $0.0500, 121.0 s wall time");
    }

    @Test
    void shouldGiveALineForEachIterationWithTheRunsTotalsSoFar() {
        // given
        RefineResult result = RefineResults.passedAtTwo();

        // when
        String first = RefineConsoleSummary.iterationLine(result.iterations().get(1), result, UnaryOperator.identity());
        String zero = RefineConsoleSummary.iterationLine(result.iterations().get(0), result, UnaryOperator.identity());

        // then
        assertThat(first).isEqualTo("Iteration 1 of 5: FAILED, 1 failing test, 1 flaky, 1 file(s) changed, 29,000 "
                + "tokens, $0.0500 so far");
        assertThat(zero).isEqualTo("Iteration 0 of 5: FAILED, 1 failing test, 29,000 tokens, $0.0500 so far");
    }

    @Test
    void shouldMaskEveryLine() {
        // given
        RefineResult result = RefineResults.passedAtTwo();
        UnaryOperator<String> redactor = line -> line.replace("iteration 2", "****");

        // then
        assertThat(RefineConsoleSummary.render(result, redactor)).noneMatch(line -> line.contains("iteration 2"));
        assertThat(RefineConsoleSummary.iterationLine(result.iterations().get(2), result, line -> line.replace(
                "Iteration 2", "****"))).startsWith("**** of 5: PASSED");
    }
}
