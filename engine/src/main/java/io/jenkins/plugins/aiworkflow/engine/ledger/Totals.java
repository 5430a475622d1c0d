package io.jenkins.plugins.aiworkflow.engine.ledger;

import io.jenkins.plugins.aiworkflow.engine.llm.Cost;
import io.jenkins.plugins.aiworkflow.engine.llm.Usage;
import java.time.Duration;

/**
 * Sums over model calls: how many, tokens, cost (not {@link Cost#known() known} when any call was
 * unpriced; its amount is then the priced part), time spent in calls and waiting inside them.
 */
public record Totals(int calls, Usage usage, Cost cost, Duration latency, Duration waited) {
    public static final Totals NONE = new Totals(0, Usage.ZERO, Cost.ZERO, Duration.ZERO, Duration.ZERO);

    public Totals plus(LedgerEntry entry) {
        return new Totals(calls + 1, usage.plus(entry.usage()), cost.plus(entry.cost()), latency.plus(entry.latency()),
                waited.plus(entry.waited()));
    }
}
