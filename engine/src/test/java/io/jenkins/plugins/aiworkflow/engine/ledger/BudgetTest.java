package io.jenkins.plugins.aiworkflow.engine.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.aiworkflow.engine.llm.PriceTable;
import io.jenkins.plugins.aiworkflow.engine.llm.Usage;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Limits checked before every model call, each stop with an explicit reason. */
class BudgetTest {
    private final MutableClock clock = new MutableClock();
    private final Ledger ledger = new Ledger(PriceTable.defaults(), clock);

    private void call(String model, long input, long output) {
        ledger.record(model, new Usage(input, output, 0, 0), Duration.ofSeconds(1), Duration.ZERO);
    }

    @Test
    void shouldLetTheRunGoOnWhileUnderEveryLimit() {
        // given
        Budget budget = Budget.builder().maxTurns(3).maxTokens(10_000L).maxCostUsd(1.0)
                .timeout(Duration.ofMinutes(30)).build();
        call("gpt-4o", 1_000, 100);
        clock.advance(Duration.ofMinutes(29));

        // when / then
        assertThat(budget.check(ledger, "gpt-4o")).isEmpty();
        assertThat(budget.remainingTokens(ledger)).hasValue(8_900);
    }

    @Test
    void shouldStopAtMaxTurns() {
        // given
        Budget budget = Budget.builder().maxTurns(2).build();
        call("gpt-4o", 10, 1);
        call("gpt-4o", 10, 1);

        // when
        LimitReached reached = budget.check(ledger, "gpt-4o").orElseThrow();

        // then
        assertThat(reached.limit()).isEqualTo(LimitReached.Limit.TURNS);
        assertThat(reached.used()).isEqualTo("2");
        assertThat(reached.maximum()).isEqualTo("2");
        assertThat(reached.message()).isEqualTo("maxTurns reached: 2 model calls made, the limit is 2");
    }

    @Test
    void shouldStopAtMaxTokensCountingInputAndOutput() {
        // given
        Budget budget = Budget.builder().maxTokens(5_000L).build();
        call("gpt-4o", 4_000, 1_200);

        // when
        LimitReached reached = budget.check(ledger, "gpt-4o").orElseThrow();

        // then
        assertThat(reached.limit()).isEqualTo(LimitReached.Limit.TOKENS);
        assertThat(reached.message()).isEqualTo("maxTokens reached: 5200 tokens used (input + output), the limit "
                + "is 5000");
        assertThat(budget.remainingTokens(ledger)).hasValue(0);
    }

    @Test
    void shouldStopAtMaxCostUsd() {
        // given: 1M input of gpt-4o is $2.50
        Budget budget = Budget.builder().maxCostUsd(2.0).build();
        call("gpt-4o", 1_000_000, 0);

        // when
        LimitReached reached = budget.check(ledger, "gpt-4o").orElseThrow();

        // then
        assertThat(reached.limit()).isEqualTo(LimitReached.Limit.COST);
        assertThat(reached.used()).isEqualTo("$2.5000");
        assertThat(reached.maximum()).isEqualTo("$2.00");
        assertThat(reached.message()).isEqualTo("maxCostUsd reached: $2.5000 spent, the limit is $2.00");
    }

    @Test
    void shouldShowASmallCostLimitWithEveryDigitItWasGivenWith() {
        // given: 1000 input tokens of gpt-4o are $0.0025
        Budget budget = Budget.builder().maxCostUsd(0.0005).build();
        call("gpt-4o", 1_000, 0);

        // when
        LimitReached reached = budget.check(ledger, "gpt-4o").orElseThrow();

        // then
        assertThat(reached.maximum()).isEqualTo("$0.0005");
        assertThat(reached.message()).isEqualTo("maxCostUsd reached: $0.0025 spent, the limit is $0.0005");
    }

    @Test
    void shouldRefuseToStartWhenACostLimitCannotBeEnforcedForAnUnpricedModel() {
        // given
        Budget budget = Budget.builder().maxCostUsd(5.0).build();

        // when
        LimitReached reached = budget.check(ledger, "llama3.1").orElseThrow();

        // then
        assertThat(reached.limit()).isEqualTo(LimitReached.Limit.COST_UNKNOWN);
        assertThat(reached.message()).contains("maxCostUsd $5.00 cannot be enforced", "model 'llama3.1' has no price",
                "docs/models.md");
    }

    @Test
    void shouldStopWhenAnEarlierCallWasUnpriced() {
        // given
        Budget budget = Budget.builder().maxCostUsd(5.0).build();
        call("gpt-4o", 1_000, 0);
        call("my-deployment", 1_000, 0);

        // when
        LimitReached reached = budget.check(ledger, "gpt-4o").orElseThrow();

        // then
        assertThat(reached.limit()).isEqualTo(LimitReached.Limit.COST_UNKNOWN);
        assertThat(reached.message()).contains("earlier calls used a model without a price", ">= $0.0025");
    }

    @Test
    void shouldAllowAnUnpricedModelWithoutACostLimit() {
        // given
        Budget budget = Budget.builder().maxTurns(5).build();
        call("llama3.1", 1_000, 10);

        // when / then
        assertThat(budget.check(ledger, "llama3.1")).isEmpty();
    }

    @Test
    void shouldStopAtTheWallTimeLimitCountingWaits() {
        // given
        Budget budget = Budget.builder().timeout(Duration.ofMinutes(10)).build();
        clock.advance(Duration.ofMinutes(10).plusSeconds(5));

        // when
        LimitReached reached = budget.check(ledger, "gpt-4o").orElseThrow();

        // then
        assertThat(reached.limit()).isEqualTo(LimitReached.Limit.WALL_TIME);
        assertThat(reached.message()).as("named by the step parameter, as users set it")
                .isEqualTo("timeout reached: 10 min 5 s elapsed (waits for rate limits included), the limit is "
                        + "10 min 0 s");
    }

    @Test
    void shouldGiveTheWallTimeLeftForTheNextModelCallNeverBelowZero() {
        // given
        Budget budget = Budget.builder().timeout(Duration.ofMinutes(10)).build();
        clock.advance(Duration.ofMinutes(7));

        // when / then
        assertThat(budget.remainingWallTime(ledger)).contains(Duration.ofMinutes(3));
        clock.advance(Duration.ofMinutes(5));
        assertThat(budget.remainingWallTime(ledger)).contains(Duration.ZERO);
        assertThat(Budget.unlimited().remainingWallTime(ledger)).isEmpty();
    }

    @Test
    void shouldCheckAnIterationOnItsOwnTotals() {
        // given
        Budget perIteration = Budget.builder().maxTurns(2).timeout(Duration.ofMinutes(5)).build();
        call("gpt-4o", 10, 1);
        call("gpt-4o", 10, 1);
        clock.advance(Duration.ofMinutes(6));
        ledger.startIteration();

        // when / then
        assertThat(perIteration.check(ledger, "gpt-4o")).isPresent();
        assertThat(perIteration.checkIteration(ledger, "gpt-4o")).isEmpty();
    }

    @Test
    void shouldCountMaxTurnsPerIterationAndEverythingElseOverTheRunWhenTurnsArePerIteration() {
        // given: the refine loop's budget, three calls in iteration 1
        Budget budget = Budget.builder().maxTurns(3).maxTokens(100L).timeout(Duration.ofMinutes(10))
                .turnsPerIteration(true).build();
        call("gpt-4o", 10, 1);
        call("gpt-4o", 10, 1);
        call("gpt-4o", 10, 1);

        // when
        LimitReached inFirst = budget.check(ledger, "gpt-4o").orElseThrow();
        ledger.startIteration();
        var inSecond = budget.check(ledger, "gpt-4o");
        call("gpt-4o", 60, 10);
        LimitReached tokens = budget.check(ledger, "gpt-4o").orElseThrow();

        // then: the turns start again with the iteration, the tokens of all iterations count
        assertThat(inFirst.limit()).isEqualTo(LimitReached.Limit.TURNS);
        assertThat(inFirst.message()).isEqualTo("maxTurns reached: 3 model calls made in iteration 1, the limit is "
                + "3 per iteration");
        assertThat(inSecond).isEmpty();
        assertThat(tokens.limit()).isEqualTo(LimitReached.Limit.TOKENS);
        assertThat(tokens.message()).isEqualTo("maxTokens reached: 103 tokens used (input + output), the limit is 100");
        assertThat(budget.turnsPerIteration()).isTrue();
        assertThat(budget.toString()).contains("maxTurns=3 per iteration");
    }

    @Test
    void shouldRefuseMeaninglessLimitsNamingTheStepParameter() {
        // when / then
        assertThatThrownBy(() -> Budget.builder().maxTurns(0).build()).hasMessage("maxTurns must be >= 1, was 0");
        assertThatThrownBy(() -> Budget.builder().maxTokens(0L).build()).hasMessage("maxTokens must be >= 1, was 0");
        assertThatThrownBy(() -> Budget.builder().maxCostUsd(-1.0).build())
                .hasMessage("maxCostUsd must be a positive amount of US dollars, was -1.0");
        assertThatThrownBy(() -> Budget.builder().maxCostUsd(Double.NaN).build())
                .hasMessage("maxCostUsd must be a positive amount of US dollars, was NaN");
        assertThatThrownBy(() -> Budget.builder().timeout(Duration.ZERO).build())
                .hasMessage("timeout must be positive, was PT0S");
        assertThatThrownBy(() -> Budget.builder().timeout(Duration.ofSeconds(-1)).build())
                .hasMessage("timeout must be positive, was PT-1S");
    }

    @Test
    void shouldDescribeTheLimitsByTheirStepParameters() {
        // given
        Budget budget = Budget.builder().maxTurns(30).maxCostUsd(1.0).timeout(Duration.ofMinutes(30)).build();

        // when
        String description = budget.toString();

        // then: the transcript's start event shows it
        assertThat(description).isEqualTo("Budget{maxTurns=30, maxTokens=null, maxCostUsd=1.0, timeout=PT30M}");
    }

    @Test
    void shouldNeverStopAnUnlimitedRun() {
        // given
        call("anything", 10_000_000, 10_000_000);
        clock.advance(Duration.ofDays(3));

        // when / then
        assertThat(Budget.unlimited().check(ledger, "anything")).isEmpty();
        assertThat(Budget.unlimited().remainingTokens(ledger)).isEmpty();
    }

    @Test
    void shouldRefuseACallWhosePromptAloneWouldReachMaxTokens() {
        // given: 3,000 tokens used of 10,000
        Budget budget = Budget.builder().maxTokens(10_000L).build();
        call("gpt-4o", 2_900, 100);

        // when
        LimitReached reached = budget.checkCall(ledger, "gpt-4o", 7_000).orElseThrow();

        // then: a prompt of 6,999 would still leave one token for the answer
        assertThat(budget.checkCall(ledger, "gpt-4o", 6_999)).isEmpty();
        assertThat(reached.limit()).isEqualTo(LimitReached.Limit.TOKENS);
        assertThat(reached.message()).isEqualTo("maxTokens reached: 3000 tokens used (input + output) and the next "
                + "call's prompt takes about 7000, which leaves nothing for its answer; the limit is 10000");
    }

    @Test
    void shouldCapTheAnswerAtWhatTheTokenLimitLeavesAfterThePrompt() {
        // given
        Budget budget = Budget.builder().maxTokens(10_000L).build();
        call("gpt-4o", 2_900, 100);

        // then: 10,000 - 3,000 - 4,000 left; a smaller requested cap stays; no limit, no cap
        assertThat(budget.outputCap(ledger, "gpt-4o", 4_000, OptionalInt.empty())).hasValue(3_000);
        assertThat(budget.outputCap(ledger, "gpt-4o", 4_000, OptionalInt.of(1_000))).hasValue(1_000);
        assertThat(Budget.unlimited().outputCap(ledger, "gpt-4o", 4_000, OptionalInt.empty())).isEmpty();
        assertThat(Budget.unlimited().outputCap(ledger, "gpt-4o", 4_000, OptionalInt.of(500))).hasValue(500);
    }

    @Test
    void shouldRefuseACallWhosePromptAloneWouldReachMaxCostUsd() {
        // given: gpt-4.1-mini, $0.40 per 1M input and $1.60 per 1M output; $0.004 spent of $0.01
        Budget budget = Budget.builder().maxCostUsd(0.01).build();
        call("gpt-4.1-mini", 10_000, 0);

        // when: a prompt of 15,000 tokens costs $0.006, which leaves nothing for the answer
        LimitReached reached = budget.checkCall(ledger, "gpt-4.1-mini", 15_000).orElseThrow();

        // then: one of 14,000 ($0.0056) leaves $0.0004, which buys 250 answer tokens
        assertThat(budget.checkCall(ledger, "gpt-4.1-mini", 14_000)).isEmpty();
        assertThat(budget.outputCap(ledger, "gpt-4.1-mini", 14_000, OptionalInt.empty())).hasValue(250);
        assertThat(budget.outputCap(ledger, "gpt-4.1-mini", 14_000, OptionalInt.of(100))).hasValue(100);
        assertThat(reached.limit()).isEqualTo(LimitReached.Limit.COST);
        assertThat(reached.message()).startsWith("maxCostUsd reached: $0.0040 spent and the next call's prompt of "
                + "about 15000 tokens costs about $0.0060").endsWith("the limit is $0.01");
    }

    @Test
    void shouldTakeTheLowerOfTheTokenAndTheMoneyCap() {
        // given
        Budget budget = Budget.builder().maxTokens(100_000L).maxCostUsd(0.01).build();
        call("gpt-4.1-mini", 10_000, 0);

        // then: the money ($0.0004 after a 14,000-token prompt buys 250 tokens) is the tighter limit
        assertThat(budget.outputCap(ledger, "gpt-4.1-mini", 14_000, OptionalInt.empty())).hasValue(250);
    }
}
