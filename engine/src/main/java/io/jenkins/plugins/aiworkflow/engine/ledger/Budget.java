package io.jenkins.plugins.aiworkflow.engine.ledger;

import io.jenkins.plugins.aiworkflow.engine.llm.Cost;
import io.jenkins.plugins.aiworkflow.engine.llm.ModelPrice;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Hard limits of a run: model calls ({@code maxTurns}), tokens ({@code maxTokens}, input plus
 * output), money ({@code maxCostUsd}) and wall time ({@code timeout}). {@link #check} is called
 * before every model call and names the first limit reached. A call in flight is never cut, so the
 * token and money limits are kept before it is made: {@link #checkCall} also refuses a call whose
 * prompt alone would reach them, and {@link #outputCap} lowers the call's output cap to what is left
 * after its prompt. A run then stays within {@code maxTokens} and {@code maxCostUsd} but for the error
 * of the prompt's estimate. Messages name each limit by its step parameter (DESIGN §3), the name users
 * set it by; the CLI option is its kebab case ({@code --timeout}).
 *
 * <p>{@code maxTurns} counts the run's model calls, or with {@link Builder#turnsPerIteration} those of the
 * ledger's current iteration (the refine loop: each attempt gets its turns, while tokens, money and wall
 * time are the whole run's).
 *
 * <p>Unknown cost: when {@code maxCostUsd} is set and the next model has no price (or an earlier
 * call was unpriced), the check stops the run with {@link LimitReached.Limit#COST_UNKNOWN} before
 * the call: a money limit that cannot be enforced is refused rather than silently ignored.
 * Immutable.
 */
public final class Budget {
    private static final Budget UNLIMITED = builder().build();

    private final Integer maxTurns;
    private final Long maxTokens;
    private final Double maxCostUsd;
    private final Duration timeout;
    private final boolean turnsPerIteration;

    private Budget(Builder builder) {
        if (builder.maxTurns != null && builder.maxTurns < 1) {
            throw new IllegalArgumentException("maxTurns must be >= 1, was " + builder.maxTurns);
        }
        if (builder.maxTokens != null && builder.maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be >= 1, was " + builder.maxTokens);
        }
        if (builder.maxCostUsd != null && (builder.maxCostUsd <= 0 || builder.maxCostUsd.isNaN()
                || builder.maxCostUsd.isInfinite())) {
            throw new IllegalArgumentException("maxCostUsd must be a positive amount of US dollars, was "
                    + builder.maxCostUsd);
        }
        if (builder.timeout != null && (builder.timeout.isNegative() || builder.timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive, was " + builder.timeout);
        }
        maxTurns = builder.maxTurns;
        maxTokens = builder.maxTokens;
        maxCostUsd = builder.maxCostUsd;
        timeout = builder.timeout;
        turnsPerIteration = builder.turnsPerIteration;
    }

    public static Budget unlimited() {
        return UNLIMITED;
    }

    public static Builder builder() {
        return new Builder();
    }

    public OptionalInt maxTurns() {
        return maxTurns == null ? OptionalInt.empty() : OptionalInt.of(maxTurns);
    }

    public OptionalLong maxTokens() {
        return maxTokens == null ? OptionalLong.empty() : OptionalLong.of(maxTokens);
    }

    public OptionalDouble maxCostUsd() {
        return maxCostUsd == null ? OptionalDouble.empty() : OptionalDouble.of(maxCostUsd);
    }

    /** Whether {@code maxTurns} counts the model calls of the ledger's current iteration instead of the run's. */
    public boolean turnsPerIteration() {
        return turnsPerIteration;
    }

    /** The step parameter {@code timeout}: wall time of the run, waits for rate limits included. */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /**
     * Whether the run may make another call of {@code nextModel} (the name it is priced by), judged
     * on the run's totals and wall time; empty means go ahead.
     */
    public Optional<LimitReached> check(Ledger ledger, String nextModel) {
        return check(ledger.total(), ledger.elapsed(), ledger, nextModel);
    }

    /** Like {@link #check}, but on the current iteration's totals and wall time (a budget per iteration). */
    public Optional<LimitReached> checkIteration(Ledger ledger, String nextModel) {
        return check(ledger.iterationTotal(), ledger.iterationElapsed(), ledger, nextModel);
    }

    private Optional<LimitReached> check(Totals totals, Duration elapsed, Ledger ledger, String nextModel) {
        Objects.requireNonNull(nextModel, "nextModel");
        if (timeout != null && elapsed.compareTo(timeout) >= 0) {
            return reached(LimitReached.Limit.WALL_TIME, duration(elapsed), duration(timeout),
                    "timeout reached: " + duration(elapsed) + " elapsed (waits for rate limits included), "
                            + "the limit is " + duration(timeout));
        }
        if (maxTurns != null && turnsPerIteration) {
            int calls = ledger.iterationTotal().calls();
            if (calls >= maxTurns) {
                return reached(LimitReached.Limit.TURNS, Integer.toString(calls), maxTurns.toString(),
                        "maxTurns reached: " + calls + " model calls made in iteration " + ledger.iteration()
                                + ", the limit is " + maxTurns + " per iteration");
            }
        } else if (maxTurns != null && totals.calls() >= maxTurns) {
            return reached(LimitReached.Limit.TURNS, Integer.toString(totals.calls()), maxTurns.toString(),
                    "maxTurns reached: " + totals.calls() + " model calls made, the limit is " + maxTurns);
        }
        long tokens = totals.usage().totalTokens();
        if (maxTokens != null && tokens >= maxTokens) {
            return reached(LimitReached.Limit.TOKENS, Long.toString(tokens), maxTokens.toString(),
                    "maxTokens reached: " + tokens + " tokens used (input + output), the limit is " + maxTokens);
        }
        if (maxCostUsd != null) {
            String limit = usd(maxCostUsd);
            if (ledger.prices().find(nextModel).isEmpty()) {
                return reached(LimitReached.Limit.COST_UNKNOWN, "unknown", limit, "maxCostUsd " + limit
                        + " cannot be enforced: model '" + nextModel + "' has no price; add one to the price table "
                        + "(see docs/models.md) or remove maxCostUsd");
            }
            Cost cost = totals.cost();
            if (!cost.known()) {
                return reached(LimitReached.Limit.COST_UNKNOWN, cost.toString(), limit, "maxCostUsd " + limit
                        + " cannot be enforced: earlier calls used a model without a price (spent " + cost + ")");
            }
            if (cost.usd() >= maxCostUsd) {
                return reached(LimitReached.Limit.COST, cost.toString(), limit, "maxCostUsd reached: " + cost
                        + " spent, the limit is " + limit);
            }
        }
        return Optional.empty();
    }

    /**
     * {@link #check}, and besides whether a call whose prompt takes about {@code promptTokens} leaves room for at
     * least one token of output under {@code maxTokens}, and for one at the output price under {@code maxCostUsd}
     * (the prompt priced as uncached input, the dearer kind, since what the server will take from its cache is not
     * known before). Empty means go ahead.
     */
    public Optional<LimitReached> checkCall(Ledger ledger, String nextModel, long promptTokens) {
        Optional<LimitReached> reached = check(ledger, nextModel);
        if (reached.isPresent()) {
            return reached;
        }
        long prompt = Math.max(0, promptTokens);
        if (maxTokens != null) {
            long tokens = ledger.total().usage().totalTokens();
            if (tokens + prompt >= maxTokens) {
                return reached(LimitReached.Limit.TOKENS, Long.toString(tokens), maxTokens.toString(),
                        "maxTokens reached: " + tokens + " tokens used (input + output) and the next call's prompt "
                                + "takes about " + prompt + ", which leaves nothing for its answer; the limit is "
                                + maxTokens);
            }
        }
        if (maxCostUsd != null) {
            ModelPrice price = ledger.prices().find(nextModel).orElseThrow(); // check() refused an unpriced model
            double spent = ledger.total().cost().usd();
            double promptUsd = prompt * price.inputPerMillion() / 1_000_000d;
            if (spent + promptUsd + price.outputPerMillion() / 1_000_000d > maxCostUsd) {
                return reached(LimitReached.Limit.COST, ledger.total().cost().toString(), usd(maxCostUsd),
                        "maxCostUsd reached: " + ledger.total().cost() + " spent and the next call's prompt of "
                                + "about " + prompt + " tokens costs about " + Cost.usd(promptUsd)
                                + ", which leaves nothing for its answer; the limit is " + usd(maxCostUsd));
            }
        }
        return Optional.empty();
    }

    /**
     * The output cap of a call whose prompt takes about {@code promptTokens}: {@code requested} (none: no cap)
     * lowered to the tokens left under {@code maxTokens} after the prompt, and to the output tokens that the money
     * left under {@code maxCostUsd} after the prompt buys; at least 1. Call it after {@link #checkCall} let the
     * call go ahead.
     */
    public OptionalInt outputCap(Ledger ledger, String nextModel, long promptTokens, OptionalInt requested) {
        long prompt = Math.max(0, promptTokens);
        long cap = requested.isPresent() ? requested.getAsInt() : Long.MAX_VALUE;
        if (maxTokens != null) {
            cap = Math.min(cap, maxTokens - ledger.total().usage().totalTokens() - prompt);
        }
        if (maxCostUsd != null) {
            Optional<ModelPrice> price = ledger.prices().find(nextModel);
            if (price.isPresent() && price.get().outputPerMillion() > 0) {
                double left = maxCostUsd - ledger.total().cost().usd()
                        - prompt * price.get().inputPerMillion() / 1_000_000d;
                cap = Math.min(cap, (long) Math.floor(left / (price.get().outputPerMillion() / 1_000_000d)));
            }
        }
        if (cap == Long.MAX_VALUE) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) Math.max(1, Math.min(Integer.MAX_VALUE, cap)));
    }

    /** Tokens left under {@code maxTokens} for the run (never below 0); empty when there is no token limit. */
    public OptionalLong remainingTokens(Ledger ledger) {
        if (maxTokens == null) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(0, maxTokens - ledger.total().usage().totalTokens()));
    }

    /**
     * Wall time left under the wall-time limit for the run (never below zero); empty when there is
     * no wall-time limit. Passed to each model call, so that retries and their waits end in time.
     */
    public Optional<Duration> remainingWallTime(Ledger ledger) {
        if (timeout == null) {
            return Optional.empty();
        }
        Duration left = timeout.minus(ledger.elapsed());
        return Optional.of(left.isNegative() ? Duration.ZERO : left);
    }

    private static Optional<LimitReached> reached(LimitReached.Limit limit, String used, String maximum,
                                                  String message) {
        return Optional.of(new LimitReached(limit, used, maximum, message));
    }

    /** At least cents, and every digit the limit was given with: a limit of $0.0005 must not read $0.00. */
    private static String usd(double amount) {
        BigDecimal value = BigDecimal.valueOf(amount).stripTrailingZeros();
        return "$" + value.setScale(Math.max(2, value.scale()), RoundingMode.UNNECESSARY).toPlainString();
    }

    private static String duration(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        return seconds / 60 + " min " + seconds % 60 + " s";
    }

    @Override
    public String toString() {
        return "Budget{maxTurns=" + maxTurns + (turnsPerIteration ? " per iteration" : "") + ", maxTokens=" + maxTokens + ", maxCostUsd=" + maxCostUsd
                + ", timeout=" + timeout + "}";
    }

    /** Builds a {@link Budget}; a limit left unset is no limit. */
    public static final class Builder {
        private Integer maxTurns;
        private Long maxTokens;
        private Double maxCostUsd;
        private Duration timeout;
        private boolean turnsPerIteration;

        private Builder() {
        }

        public Builder maxTurns(Integer maxTurns) {
            this.maxTurns = maxTurns;
            return this;
        }

        public Builder maxTokens(Long maxTokens) {
            this.maxTokens = maxTokens;
            return this;
        }

        public Builder maxCostUsd(Double maxCostUsd) {
            this.maxCostUsd = maxCostUsd;
            return this;
        }

        /** Sets the step parameter {@code timeout}. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * Whether {@code maxTurns} counts the model calls of the ledger's current iteration (default false: the
         * run's); the other limits are the run's either way.
         */
        public Builder turnsPerIteration(boolean value) {
            this.turnsPerIteration = value;
            return this;
        }

        public Budget build() {
            return new Budget(this);
        }
    }
}
