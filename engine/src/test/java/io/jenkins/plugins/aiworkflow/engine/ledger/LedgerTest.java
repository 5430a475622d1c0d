package io.jenkins.plugins.aiworkflow.engine.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jenkins.plugins.aiworkflow.engine.llm.Cost;
import io.jenkins.plugins.aiworkflow.engine.llm.PriceTable;
import io.jenkins.plugins.aiworkflow.engine.llm.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Tokens, cost and time per call, per iteration and per run. */
class LedgerTest {
    private final MutableClock clock = new MutableClock();
    private final Ledger ledger = new Ledger(PriceTable.defaults(), clock);

    @Test
    void shouldRecordEachCallWithItsCostAndSumTheRun() {
        // when
        LedgerEntry first = ledger.record("gpt-4o-mini", new Usage(1_000_000, 100_000, 0, 0), Duration.ofSeconds(2),
                Duration.ZERO);
        LedgerEntry second = ledger.record("gpt-4o-mini", new Usage(1_000_000, 0, 500_000, 0), Duration.ofSeconds(9),
                Duration.ofSeconds(7));

        // then
        assertThat(first.call()).isEqualTo(1);
        assertThat(first.iteration()).isEqualTo(1);
        assertThat(first.cost().usd()).isCloseTo(0.15 + 0.06, within(1e-12));
        assertThat(second.cost().usd()).isCloseTo(0.075 + 0.0375, within(1e-12));
        Totals total = ledger.total();
        assertThat(total.calls()).isEqualTo(2);
        assertThat(total.usage()).isEqualTo(new Usage(2_000_000, 100_000, 500_000, 0));
        assertThat(total.cost().known()).isTrue();
        assertThat(total.cost().usd()).isCloseTo(0.3225, within(1e-12));
        assertThat(total.latency()).isEqualTo(Duration.ofSeconds(11));
        assertThat(total.waited()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void shouldKeepAnUnpricedCallsCostUnknownAndTheRestAsALowerBound() {
        // when
        ledger.record("gpt-4o", new Usage(1_000_000, 0, 0, 0), Duration.ofSeconds(1), Duration.ZERO);
        LedgerEntry local = ledger.record("llama3.1", new Usage(50_000, 1_000, 0, 0), Duration.ofSeconds(1),
                Duration.ZERO);

        // then
        assertThat(local.cost()).isEqualTo(Cost.UNKNOWN);
        assertThat(ledger.total().cost()).isEqualTo(new Cost(false, 2.5));
        assertThat(ledger.total().usage().totalTokens()).isEqualTo(1_051_000);
    }

    @Test
    void shouldSumEachIterationSeparately() {
        // given
        ledger.record("gpt-4.1", new Usage(100, 10, 0, 0), Duration.ofSeconds(1), Duration.ZERO);
        clock.advance(Duration.ofMinutes(3));

        // when
        int second = ledger.startIteration();
        clock.advance(Duration.ofMinutes(1));
        ledger.record("gpt-4.1", new Usage(200, 20, 0, 0), Duration.ofSeconds(1), Duration.ZERO);
        ledger.record("gpt-4.1", new Usage(300, 30, 0, 0), Duration.ofSeconds(1), Duration.ZERO);

        // then
        assertThat(second).isEqualTo(2);
        assertThat(ledger.iteration()).isEqualTo(2);
        assertThat(ledger.iterationTotal(1).usage()).isEqualTo(new Usage(100, 10, 0, 0));
        assertThat(ledger.iterationTotal().usage()).isEqualTo(new Usage(500, 50, 0, 0));
        assertThat(ledger.iterationTotal().calls()).isEqualTo(2);
        assertThat(ledger.total().calls()).isEqualTo(3);
        assertThat(ledger.entries()).extracting(LedgerEntry::iteration).containsExactly(1, 2, 2);
        assertThat(ledger.elapsed()).isEqualTo(Duration.ofMinutes(4));
        assertThat(ledger.iterationElapsed()).isEqualTo(Duration.ofMinutes(1));
        assertThatThrownBy(() -> ledger.iterationTotal(3)).hasMessage("iteration must be between 1 and 2, was 3");
    }

    @Test
    void shouldNumberCallsUniquelyWhenRecordedFromManyThreads() throws Exception {
        // given
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();

        // when
        for (int t = 0; t < 8; t++) {
            done.add(threads.submit(() -> {
                for (int i = 0; i < 100; i++) {
                    ledger.record("gpt-4o", new Usage(1, 1, 0, 0), Duration.ZERO, Duration.ZERO);
                }
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        threads.shutdown();

        // then
        assertThat(ledger.entries()).extracting(LedgerEntry::call).doesNotHaveDuplicates().hasSize(800);
        assertThat(ledger.total().usage().totalTokens()).isEqualTo(1_600);
    }
}
