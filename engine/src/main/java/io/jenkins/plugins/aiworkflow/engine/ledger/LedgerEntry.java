package io.jenkins.plugins.aiworkflow.engine.ledger;

import io.jenkins.plugins.aiworkflow.engine.llm.Cost;
import io.jenkins.plugins.aiworkflow.engine.llm.Usage;
import java.time.Duration;
import java.util.Objects;

/**
 * One model call as recorded: its number in the run (from 1), the iteration it belongs to (from 1),
 * the model it was priced as, tokens, cost ({@link Cost#UNKNOWN} for an unpriced model), latency,
 * and the part of the latency spent waiting before retries.
 */
public record LedgerEntry(int call, int iteration, String model, Usage usage, Cost cost, Duration latency,
                          Duration waited) {
    public LedgerEntry {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(waited, "waited");
    }
}
