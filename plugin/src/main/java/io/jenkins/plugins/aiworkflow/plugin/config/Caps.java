package io.jenkins.plugins.aiworkflow.plugin.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineRequest;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * The caps an administrator sets that no Jenkinsfile can exceed: the money one build may spend on models
 * ({@code maxCostUsdPerBuild}), the refine loop's attempts ({@code maxIterations}) and the wall time of one step
 * ({@code maxTimeoutMinutes}). Null means no cap. Immutable and {@link Serializable}, so a step execution may keep it.
 *
 * <p>A step asks before it runs, with the value the Jenkinsfile gave (null when it gave none), and passes on what
 * the check returns. A value above a cap is <em>refused</em> with an {@link AbortException} that names the cap,
 * not cut silently to it: the Jenkinsfile asked for something it cannot have, and a build that quietly ran with
 * less than it asked for would be harder to understand than one that says so. A step that gives no value gets the
 * cap (where the engine has no default) or the engine's default when that is within the cap.
 */
public final class Caps implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final Caps NONE = new Caps(null, null, null);

    private final Double maxCostUsdPerBuild;
    private final Integer maxIterations;
    private final Integer maxTimeoutMinutes;

    private Caps(Double maxCostUsdPerBuild, Integer maxIterations, Integer maxTimeoutMinutes) {
        this.maxCostUsdPerBuild = maxCostUsdPerBuild;
        this.maxIterations = maxIterations;
        this.maxTimeoutMinutes = maxTimeoutMinutes;
    }

    /** No cap at all. */
    public static Caps none() {
        return NONE;
    }

    /**
     * The caps given; null is no cap.
     *
     * @throws IllegalArgumentException naming the first refused cap and what is accepted
     */
    public static Caps of(@CheckForNull Double maxCostUsdPerBuild, @CheckForNull Integer maxIterations,
                          @CheckForNull Integer maxTimeoutMinutes) {
        String problem = problemOfMaxCostUsdPerBuild(maxCostUsdPerBuild);
        if (problem == null) {
            problem = problemOfMaxIterations(maxIterations);
        }
        if (problem == null) {
            problem = problemOfMaxTimeoutMinutes(maxTimeoutMinutes);
        }
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new Caps(maxCostUsdPerBuild, maxIterations, maxTimeoutMinutes);
    }

    /** Why {@code value} cannot be the cost cap, or null when it can. */
    static String problemOfMaxCostUsdPerBuild(@CheckForNull Double value) {
        if (value != null && (value.isNaN() || value.isInfinite() || value <= 0)) {
            return "maxCostUsdPerBuild must be a positive amount of US dollars such as 5 or 0.50, or empty for no "
                    + "cap, was " + value;
        }
        return null;
    }

    /** Why {@code value} cannot be the iterations cap, or null when it can. */
    static String problemOfMaxIterations(@CheckForNull Integer value) {
        if (value != null && (value < 1 || value > RefineRequest.MAX_MAX_ITERATIONS)) {
            return "maxIterations must be between 1 and " + RefineRequest.MAX_MAX_ITERATIONS
                    + ", or empty for no cap, was " + value;
        }
        return null;
    }

    /** Why {@code value} cannot be the wall time cap, or null when it can. */
    static String problemOfMaxTimeoutMinutes(@CheckForNull Integer value) {
        if (value != null && value < 1) {
            return "maxTimeoutMinutes must be a number of minutes of at least 1, or empty for no cap, was " + value;
        }
        return null;
    }

    @CheckForNull
    public Double maxCostUsdPerBuild() {
        return maxCostUsdPerBuild;
    }

    @CheckForNull
    public Integer maxIterations() {
        return maxIterations;
    }

    @CheckForNull
    public Integer maxTimeoutMinutes() {
        return maxTimeoutMinutes;
    }

    /**
     * The {@code maxCostUsd} a step runs with when it is the build's first to spend money; see
     * {@link #checkMaxCostUsd(Double, double)}.
     */
    @CheckForNull
    public Double checkMaxCostUsd(@CheckForNull Double requested) throws AbortException {
        return checkMaxCostUsd(requested, 0);
    }

    /**
     * The {@code maxCostUsd} a step runs with, given what the build's earlier steps spent.
     *
     * @param requested the step's {@code maxCostUsd}, or null when the Jenkinsfile gave none
     * @param spentInBuild US dollars the build's earlier AI Workflow steps spent (0 when none)
     * @return {@code requested}, or when none was given the cap (null when there is no cap: no limit); never more
     *     than the cap minus {@code spentInBuild}
     * @throws AbortException when {@code requested} exceeds the cap, or the build has spent the cap already
     */
    @CheckForNull
    public Double checkMaxCostUsd(@CheckForNull Double requested, double spentInBuild) throws AbortException {
        return checkMaxCostUsd(requested, spentInBuild, 0);
    }

    /**
     * {@link #checkMaxCostUsd(Double, double)} for a step that starts while others of the build run: what they may
     * still spend ({@code reservedInBuild}, their own maxCostUsd) is not left for this one, so that steps in
     * {@code parallel} together stay within the cap.
     */
    public Double checkMaxCostUsd(@CheckForNull Double requested, double spentInBuild, double reservedInBuild)
            throws AbortException {
        if (maxCostUsdPerBuild == null) {
            return requested;
        }
        if (requested != null && requested > maxCostUsdPerBuild) {
            throw new AbortException("maxCostUsd " + usd(requested) + " exceeds the cap maxCostUsdPerBuild of "
                    + usd(maxCostUsdPerBuild) + " that the AI Workflow configuration sets; accepted: at most "
                    + usd(maxCostUsdPerBuild) + ", or no maxCostUsd (the cap applies)");
        }
        double left = maxCostUsdPerBuild - Math.max(0, spentInBuild) - Math.max(0, reservedInBuild);
        if (left <= 0) {
            throw new AbortException("this build has spent " + usd(spentInBuild) + " on models"
                    + (reservedInBuild > 0 ? " and its running steps may spend " + usd(reservedInBuild) : "")
                    + ", the cap maxCostUsdPerBuild of the AI Workflow configuration is " + usd(maxCostUsdPerBuild)
                    + "; no further model calls are allowed in this build"
                    + (reservedInBuild > 0 ? " until they end (give parallel steps a maxCostUsd each to share it)"
                            : ""));
        }
        // what is left of the build's cap bounds every step after the first, asked for or not
        return requested == null ? left : Math.min(requested, left);
    }

    /**
     * The {@code maxIterations} an {@code aiRefine} runs with.
     *
     * @param requested the step's {@code maxIterations}, or null when the Jenkinsfile gave none
     * @return {@code requested}; when none was given, null (the engine's default of
     *     {@value RefineRequest#DEFAULT_MAX_ITERATIONS}) if that is within the cap, else the cap
     * @throws AbortException when {@code requested} exceeds the cap
     */
    @CheckForNull
    public Integer checkMaxIterations(@CheckForNull Integer requested) throws AbortException {
        if (maxIterations == null) {
            return requested;
        }
        if (requested == null) {
            return RefineRequest.DEFAULT_MAX_ITERATIONS <= maxIterations ? null : maxIterations;
        }
        if (requested > maxIterations) {
            throw new AbortException("maxIterations " + requested + " exceeds the cap maxIterations of "
                    + maxIterations + " that the AI Workflow configuration sets; accepted: at most " + maxIterations
                    + ", or no maxIterations");
        }
        return requested;
    }

    /**
     * The {@code timeout} (wall time) a step runs with.
     *
     * @param requested the step's {@code timeout}, or null when the Jenkinsfile gave none
     * @return {@code requested}, or when none was given the cap (null when there is no cap: no limit)
     * @throws AbortException when {@code requested} exceeds the cap
     */
    @CheckForNull
    public Duration checkTimeout(@CheckForNull Duration requested) throws AbortException {
        return checkTimeout("timeout", requested, null);
    }

    /**
     * The wall time cap for a step's {@code parameter} ({@code timeout}, or aiValidate's {@code commandTimeout}).
     *
     * @param whenNotGiven the engine's default when the step sets none (null: no limit); kept when within the cap
     * @return the value to use; null when the step's own value (or the engine's default) stands
     * @throws AbortException naming the parameter and the cap when {@code requested} is above it
     */
    public Duration checkTimeout(String parameter, @CheckForNull Duration requested,
                                 @CheckForNull Duration whenNotGiven) throws AbortException {
        if (maxTimeoutMinutes == null) {
            return requested;
        }
        Duration cap = Duration.ofMinutes(maxTimeoutMinutes);
        if (requested == null) {
            return whenNotGiven != null && whenNotGiven.compareTo(cap) <= 0 ? null : cap;
        }
        if (requested.compareTo(cap) > 0) {
            throw new AbortException(parameter + " " + minutes(requested) + " exceeds the cap maxTimeoutMinutes of "
                    + maxTimeoutMinutes + " min that the AI Workflow configuration sets; accepted: at most "
                    + maxTimeoutMinutes + " min, or no " + parameter + " (the cap applies)");
        }
        return requested;
    }

    private static String usd(double amount) {
        return java.math.BigDecimal.valueOf(amount).stripTrailingZeros().toPlainString() + " USD";
    }

    private static String minutes(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds / 60 + " min " + seconds % 60 + " s";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Caps caps && Objects.equals(maxCostUsdPerBuild, caps.maxCostUsdPerBuild)
                && Objects.equals(maxIterations, caps.maxIterations)
                && Objects.equals(maxTimeoutMinutes, caps.maxTimeoutMinutes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxCostUsdPerBuild, maxIterations, maxTimeoutMinutes);
    }

    @Override
    public String toString() {
        return "Caps{maxCostUsdPerBuild=" + maxCostUsdPerBuild + ", maxIterations=" + maxIterations
                + ", maxTimeoutMinutes=" + maxTimeoutMinutes + "}";
    }
}
