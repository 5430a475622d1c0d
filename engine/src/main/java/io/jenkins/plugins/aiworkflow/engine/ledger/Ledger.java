package io.jenkins.plugins.aiworkflow.engine.ledger;

import io.jenkins.plugins.aiworkflow.engine.llm.Cost;
import io.jenkins.plugins.aiworkflow.engine.llm.PriceTable;
import io.jenkins.plugins.aiworkflow.engine.llm.Usage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Tokens, cost and time of every model call of one run, with totals per run and per iteration (the
 * refine loop starts a new iteration for each implement/validate round; a single aiImplement run
 * has just iteration 1). Costs come from a {@link PriceTable}; a model without a price costs
 * {@link Cost#UNKNOWN}, never a guess. Wall time is measured from the ledger's creation. Thread-safe.
 */
public final class Ledger {
    private final PriceTable prices;
    private final Clock clock;
    private final Instant started;
    private final List<LedgerEntry> entries = new ArrayList<>();
    private final List<Instant> iterationStarts = new ArrayList<>();

    /** A ledger for a run starting now. */
    public Ledger(PriceTable prices) {
        this(prices, Clock.systemUTC());
    }

    public Ledger(PriceTable prices, Clock clock) {
        this.prices = Objects.requireNonNull(prices, "prices");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.started = clock.instant();
        iterationStarts.add(started);
    }

    public PriceTable prices() {
        return prices;
    }

    /**
     * Records one call of {@code model} (the name it is priced by: the model as configured, for
     * Azure the deployment name) in the current iteration and returns the entry.
     */
    public synchronized LedgerEntry record(String model, Usage usage, Duration latency, Duration waited) {
        Objects.requireNonNull(model, "model");
        LedgerEntry entry = new LedgerEntry(entries.size() + 1, iteration(), model, usage, prices.cost(model, usage),
                latency, waited);
        entries.add(entry);
        return entry;
    }

    /** Starts the next iteration and returns its number (the first iteration, 1, starts with the ledger). */
    public synchronized int startIteration() {
        iterationStarts.add(clock.instant());
        return iterationStarts.size();
    }

    /** The current iteration's number, from 1. */
    public synchronized int iteration() {
        return iterationStarts.size();
    }

    public synchronized List<LedgerEntry> entries() {
        return List.copyOf(entries);
    }

    /** Totals over the whole run. */
    public synchronized Totals total() {
        Totals totals = Totals.NONE;
        for (LedgerEntry entry : entries) {
            totals = totals.plus(entry);
        }
        return totals;
    }

    /** Totals of iteration {@code iteration} (from 1). */
    public synchronized Totals iterationTotal(int iteration) {
        if (iteration < 1 || iteration > iterationStarts.size()) {
            throw new IllegalArgumentException("iteration must be between 1 and " + iterationStarts.size() + ", was "
                    + iteration);
        }
        Totals totals = Totals.NONE;
        for (LedgerEntry entry : entries) {
            if (entry.iteration() == iteration) {
                totals = totals.plus(entry);
            }
        }
        return totals;
    }

    /** Totals of the current iteration. */
    public synchronized Totals iterationTotal() {
        return iterationTotal(iteration());
    }

    public Instant started() {
        return started;
    }

    /** Wall time since the run started, waits included. */
    public Duration elapsed() {
        return Duration.between(started, clock.instant());
    }

    /** Wall time since the current iteration started. */
    public synchronized Duration iterationElapsed() {
        return Duration.between(iterationStarts.get(iterationStarts.size() - 1), clock.instant());
    }
}
