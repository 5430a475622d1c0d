package io.jenkins.plugins.aiworkflow.engine.step;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineRequest;
import io.jenkins.plugins.aiworkflow.engine.validate.ValidationRequest;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The caps an administrator sets that no step can exceed (the Jenkins plugin's global configuration): the money one
 * build may spend on models ({@code maxCostUsdPerBuild}), the refine loop's attempts ({@code maxIterations}) and the
 * wall time of one step ({@code maxTimeoutMinutes}). Null means no cap. Immutable and {@link Serializable}.
 *
 * <p>A step asks before it runs, with the values it was given ({@link #apply}), and runs with what comes back. A
 * value above a cap is <em>refused</em> with an {@link InvalidRequestException} that names the parameter and the
 * cap, not cut silently to it: the Jenkinsfile asked for something it cannot have, and a build that quietly ran with
 * less than it asked for would be harder to understand than one that says so. A step that gives no value gets the
 * cap (where the engine has no default) or the engine's default when that is within the cap. The money left of the
 * build's cap bounds every step, asked for or not.
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
     * @throws InvalidRequestException naming the first refused cap and what is accepted
     */
    public static Caps of(Double maxCostUsdPerBuild, Integer maxIterations, Integer maxTimeoutMinutes) {
        refuse("maxCostUsdPerBuild", problemOfMaxCostUsdPerBuild(maxCostUsdPerBuild));
        refuse("maxIterations", problemOfMaxIterations(maxIterations));
        refuse("maxTimeoutMinutes", problemOfMaxTimeoutMinutes(maxTimeoutMinutes));
        return new Caps(maxCostUsdPerBuild, maxIterations, maxTimeoutMinutes);
    }

    private static void refuse(String parameter, String problem) {
        if (problem != null) {
            throw new InvalidRequestException(parameter, problem, null);
        }
    }

    /** Why {@code value} cannot be the cost cap, or null when it can (a form check says it as it is typed). */
    public static String problemOfMaxCostUsdPerBuild(Double value) {
        if (value != null && (value.isNaN() || value.isInfinite() || value <= 0)) {
            return "maxCostUsdPerBuild must be a positive amount of US dollars such as 5 or 0.50, or empty for no "
                    + "cap, was " + value;
        }
        return null;
    }

    /** Why {@code value} cannot be the iterations cap, or null when it can. */
    public static String problemOfMaxIterations(Integer value) {
        if (value != null && (value < 1 || value > RefineRequest.MAX_MAX_ITERATIONS)) {
            return "maxIterations must be between 1 and " + RefineRequest.MAX_MAX_ITERATIONS
                    + ", or empty for no cap, was " + value;
        }
        return null;
    }

    /** Why {@code value} cannot be the wall time cap, or null when it can. */
    public static String problemOfMaxTimeoutMinutes(Integer value) {
        if (value != null && value < 1) {
            return "maxTimeoutMinutes must be a number of minutes of at least 1, or empty for no cap, was " + value;
        }
        return null;
    }

    public Double maxCostUsdPerBuild() {
        return maxCostUsdPerBuild;
    }

    public Integer maxIterations() {
        return maxIterations;
    }

    public Integer maxTimeoutMinutes() {
        return maxTimeoutMinutes;
    }

    /**
     * Holds a step's values to the caps, in place: {@code maxCostUsd} to what is left of the build's cap,
     * {@code timeout} to the wall time cap and, when {@code iterations}, {@code maxIterations} to the iterations
     * cap. A value not given gets the cap, unless the engine's default is within it (then it stays unset).
     *
     * @param values          the step's values by parameter name (as {@link StepValues} reads them), changed here
     * @param spentInBuild    US dollars the build's earlier steps spent (0 when none)
     * @param reservedInBuild US dollars the build's running steps may still spend (see {@link CostReservations})
     * @param iterations      whether the step takes {@code maxIterations}
     * @throws InvalidRequestException naming the parameter when a value is above its cap, is not a value of its
     *                                 type, or the build has spent its cap
     */
    public void apply(Map<String, Object> values, double spentInBuild, double reservedInBuild, boolean iterations) {
        put(values, "maxCostUsd", checkMaxCostUsd(number("maxCostUsd", values.get("maxCostUsd")), spentInBuild,
                reservedInBuild));
        Duration timeout = checkTimeout("timeout", duration("timeout", values.get("timeout")), null);
        put(values, "timeout", timeout == null ? null : Notation.formatDuration(timeout));
        if (iterations) {
            put(values, "maxIterations", checkMaxIterations(whole("maxIterations", values.get("maxIterations"))));
        }
    }

    /**
     * Holds aiValidate's {@code commandTimeout} to the wall time cap, in place: a longer one is refused, and without
     * one the engine's default ({@link ValidationRequest#DEFAULT_COMMAND_TIMEOUT}) stays when it is within the
     * cap, else the cap applies.
     */
    public void applyToCommandTimeout(Map<String, Object> values) {
        Object given = values.get("commandTimeout");
        Duration allowed = checkTimeout("commandTimeout", duration("commandTimeout", given),
                ValidationRequest.DEFAULT_COMMAND_TIMEOUT);
        put(values, "commandTimeout", allowed == null ? given : Notation.formatDuration(allowed));
    }

    /**
     * The {@code maxCostUsd} a step runs with.
     *
     * @param requested       the step's {@code maxCostUsd}, or null when none was given
     * @param spentInBuild    US dollars the build's earlier steps spent
     * @param reservedInBuild US dollars its running steps may still spend: not left for this one, so that steps
     *                        side by side ({@code parallel}) together stay within the cap
     * @return {@code requested}, or when none was given what is left of the cap (null when there is no cap: no
     *     limit); never more than what is left
     * @throws InvalidRequestException when {@code requested} exceeds the cap, or nothing is left of it
     */
    public Double checkMaxCostUsd(Double requested, double spentInBuild, double reservedInBuild) {
        if (maxCostUsdPerBuild == null) {
            return requested;
        }
        if (requested != null && requested > maxCostUsdPerBuild) {
            throw new InvalidRequestException("maxCostUsd", "maxCostUsd " + usd(requested)
                    + " exceeds the cap maxCostUsdPerBuild of " + usd(maxCostUsdPerBuild)
                    + " that the AI Workflow configuration sets; accepted: at most " + usd(maxCostUsdPerBuild)
                    + ", or no maxCostUsd (the cap applies)", null);
        }
        double left = maxCostUsdPerBuild - Math.max(0, spentInBuild) - Math.max(0, reservedInBuild);
        if (left <= 0) {
            throw new InvalidRequestException("maxCostUsd", "this build has spent " + usd(spentInBuild) + " on models"
                    + (reservedInBuild > 0 ? " and its running steps may spend " + usd(reservedInBuild) : "")
                    + ", the cap maxCostUsdPerBuild of the AI Workflow configuration is " + usd(maxCostUsdPerBuild)
                    + "; no further model calls are allowed in this build"
                    + (reservedInBuild > 0 ? " until they end (give parallel steps a maxCostUsd each to share it)"
                            : ""), null);
        }
        return requested == null ? left : Math.min(requested, left);
    }

    /**
     * The {@code maxIterations} an {@code aiRefine} runs with.
     *
     * @param requested the step's {@code maxIterations}, or null when none was given
     * @return {@code requested}; when none was given, null (the engine's default of
     *     {@value RefineRequest#DEFAULT_MAX_ITERATIONS}) if that is within the cap, else the cap
     * @throws InvalidRequestException when {@code requested} exceeds the cap
     */
    public Integer checkMaxIterations(Integer requested) {
        if (maxIterations == null) {
            return requested;
        }
        if (requested == null) {
            return RefineRequest.DEFAULT_MAX_ITERATIONS <= maxIterations ? null : maxIterations;
        }
        if (requested > maxIterations) {
            throw new InvalidRequestException("maxIterations", "maxIterations " + requested
                    + " exceeds the cap maxIterations of " + maxIterations
                    + " that the AI Workflow configuration sets; accepted: at most " + maxIterations
                    + ", or no maxIterations", null);
        }
        return requested;
    }

    /**
     * The wall time a step's {@code parameter} ({@code timeout}, or aiValidate's {@code commandTimeout}) runs with.
     *
     * @param requested    the step's value, or null when none was given
     * @param whenNotGiven the engine's default when none is given (null: no limit); kept when within the cap
     * @return the value to use; null when the step's own value (or the engine's default) stands
     * @throws InvalidRequestException naming the parameter and the cap when {@code requested} is above it
     */
    public Duration checkTimeout(String parameter, Duration requested, Duration whenNotGiven) {
        if (maxTimeoutMinutes == null) {
            return requested;
        }
        Duration cap = Duration.ofMinutes(maxTimeoutMinutes);
        if (requested == null) {
            return whenNotGiven != null && whenNotGiven.compareTo(cap) <= 0 ? null : cap;
        }
        if (requested.compareTo(cap) > 0) {
            throw new InvalidRequestException(parameter, parameter + " " + minutes(requested)
                    + " exceeds the cap maxTimeoutMinutes of " + maxTimeoutMinutes
                    + " min that the AI Workflow configuration sets; accepted: at most " + maxTimeoutMinutes
                    + " min, or no " + parameter + " (the cap applies)", null);
        }
        return requested;
    }

    private static Double number(String parameter, Object value) {
        return read(parameter, value, Number::doubleValue, Notation::parseDouble);
    }

    private static Integer whole(String parameter, Object value) {
        return read(parameter, value, Number::intValue, Notation::parseInt);
    }

    private static Duration duration(String parameter, Object value) {
        return read(parameter, value, null, Notation::parseDuration);
    }

    /** A value as a Jenkinsfile or a form gives it: a number as it is (where numbers are taken), else its text. */
    private static <T> T read(String parameter, Object value, Function<Number, T> ofNumber, Function<String, T> parse) {
        if (value == null) {
            return null;
        }
        if (ofNumber != null && value instanceof Number n) {
            return ofNumber.apply(n);
        }
        try {
            return parse.apply(value.toString());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(parameter, parameter + ": " + e.getMessage(), e);
        }
    }

    private static void put(Map<String, Object> values, String name, Object value) {
        if (value == null) {
            values.remove(name);
        } else {
            values.put(name, value);
        }
    }

    private static String usd(double amount) {
        return BigDecimal.valueOf(amount).stripTrailingZeros().toPlainString() + " USD";
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
