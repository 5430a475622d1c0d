package io.jenkins.plugins.aiworkflow.engine.step;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * The money that running steps of each build may still spend, so that steps side by side ({@code parallel})
 * together stay within the build's cost cap: a step that starts holds its capped {@code maxCostUsd} for the build
 * until it ends, and a step that starts beside it gets only what neither the build's earlier steps spent nor the
 * running ones hold. Thread-safe; one per controller (the plugin keeps it for the JVM's life).
 */
public final class CostReservations {
    /** Ignored rounding left when a build's last hold is given back. */
    private static final double EPSILON_USD = 1e-9;

    private final Map<String, Double> heldByBuild = new HashMap<>();

    /** One step's hold on its build's cap; {@link #release()} gives it back (once; later calls do nothing). */
    public final class Reservation {
        private final String build;
        private double usd;

        private Reservation(String build, double usd) {
            this.build = build;
            this.usd = usd;
        }

        /** US dollars held. */
        public double usd() {
            synchronized (CostReservations.this) {
                return usd;
            }
        }

        /** Gives the money back; what the step spent is on the build's record by now. */
        public void release() {
            synchronized (CostReservations.this) {
                if (usd > 0) {
                    double released = usd;
                    heldByBuild.computeIfPresent(build,
                            (id, held) -> held - released <= EPSILON_USD ? null : held - released);
                    usd = 0;
                }
            }
        }
    }

    /**
     * Holds a step's values to {@code caps} ({@link Caps#apply}) against what its build spent and what its running
     * steps hold, and holds the step's capped {@code maxCostUsd} for the build when the caps have a cost cap.
     *
     * @param build        the build's id
     * @param spentInBuild what the build's earlier steps spent, asked while no other step of any build starts or
     *                     ends, so that two steps starting together see each other
     * @param hold         false for a step that spends nothing itself (a loop whose body's steps hold their own):
     *                     checked, nothing held
     * @return the hold, to release when the step ends (holding nothing when there is no cost cap or no hold)
     * @throws InvalidRequestException as {@link Caps#apply} refuses
     */
    public synchronized Reservation capAndHold(Caps caps, String build, Map<String, Object> values,
                                               DoubleSupplier spentInBuild, boolean iterations, boolean hold) {
        caps.apply(values, spentInBuild.getAsDouble(), heldBy(build), iterations);
        double usd = hold && caps.maxCostUsdPerBuild() != null && values.get("maxCostUsd") instanceof Number budget
                ? budget.doubleValue() : 0;
        if (usd > 0) {
            heldByBuild.merge(build, usd, Double::sum);
        }
        return new Reservation(build, usd);
    }

    /** US dollars the running steps of {@code build} hold. */
    public synchronized double heldBy(String build) {
        return heldByBuild.getOrDefault(build, 0.0);
    }
}
