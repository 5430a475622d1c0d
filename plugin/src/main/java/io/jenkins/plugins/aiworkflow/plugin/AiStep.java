package io.jenkins.plugins.aiworkflow.plugin;

import hudson.AbortException;
import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.step.Notation;
import io.jenkins.plugins.aiworkflow.engine.step.ParameterType;
import io.jenkins.plugins.aiworkflow.engine.step.Step;
import io.jenkins.plugins.aiworkflow.engine.step.StepParameter;
import io.jenkins.plugins.aiworkflow.engine.step.StepParameters;
import io.jenkins.plugins.aiworkflow.engine.step.StepValues;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A Pipeline step of this plugin as what it is: a bag of the engine's step parameters
 * ({@link StepParameters}). Each subclass declares its parameters as typed properties for Pipeline and the
 * Snippet Generator, and keeps only the values a Jenkinsfile set; everything else is the engine's default,
 * which is also what a getter answers, so that the Snippet Generator leaves defaults out.
 */
public abstract class AiStep extends org.jenkinsci.plugins.workflow.steps.Step implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final TreeMap<String, Object> values = new TreeMap<>();

    /** Which engine step this is. */
    protected abstract Step step();

    /** Sets a parameter by its engine name; null unsets it (back to the engine's default). */
    protected final void set(String name, Object value) {
        parameter(name); // an unknown name is a bug of this plugin, not of the Jenkinsfile
        if (value == null || value instanceof String text && text.isBlank()) {
            values.remove(name);
        } else {
            values.put(name, value);
        }
    }

    /** The value a Jenkinsfile set, else the engine's default (null when the engine has none). */
    protected final Object get(String name) {
        return values.containsKey(name) ? values.get(name) : parameter(name).defaultValue();
    }

    /** Durations as {@code 30m}, lists as one comma-separated string: what the step's text fields hold. */
    protected final String text(String name) {
        Object value = get(name);
        if (value instanceof Duration duration) {
            return Notation.formatDuration(duration);
        }
        if (value instanceof Collection<?> list) {
            // a list of strings (commands, instructions) keeps its commas: one entry per line
            String separator = parameter(name).type() == ParameterType.LINES ? "\n" : ", ";
            return list.stream().map(String::valueOf).collect(Collectors.joining(separator));
        }
        return value == null ? null : value.toString();
    }

    protected final Boolean bool(String name) {
        Object value = get(name);
        return value instanceof Boolean b ? b : value == null ? null : Boolean.valueOf(value.toString());
    }

    protected final Integer integer(String name) {
        Object value = get(name);
        return value instanceof Number n ? Integer.valueOf(n.intValue()) : null;
    }

    protected final Long longValue(String name) {
        Object value = get(name);
        return value instanceof Number n ? Long.valueOf(n.longValue()) : null;
    }

    protected final Double decimal(String name) {
        Object value = get(name);
        return value instanceof Number n ? Double.valueOf(n.doubleValue()) : null;
    }

    /**
     * Fills {@code step} with the named arguments of a Jenkinsfile, as a descriptor's {@code newInstance(Map)} does.
     * The typed properties serve the Snippet Generator's form; a Jenkinsfile may also write a list where a property
     * is one string ({@code reports: ['a/*.xml', 'b/*.xml']}, {@code acceptedExitCodes: [0, 1]}), a percentage or a
     * string where it is a number ({@code minPassRate: '95%'}, {@code maxFailures: '3'}), as docs/steps.md says,
     * which Pipeline's own binding refused with a ClassCastException and a stack trace. So every name is checked and
     * every value read by the engine ({@link StepValues}: refused naming the parameter and what is accepted), and
     * the values are kept as written, for the engine to map when the step runs.
     *
     * @throws AbortException naming an unknown parameter (with the closest one) or a value of the wrong kind
     */
    static <S extends AiStep> S fromArguments(S step, Map<String, Object> arguments) throws AbortException {
        Map<String, Object> plain = new TreeMap<>();
        for (Map.Entry<String, Object> argument : arguments.entrySet()) {
            plain.put(argument.getKey(), plain(argument.getValue()));
        }
        StepValues read;
        try {
            read = StepValues.of(step.step(), plain);
        } catch (InvalidRequestException e) {
            throw new AbortException(e.getMessage());
        }
        for (Map.Entry<String, Object> value : plain.entrySet()) {
            String name = value.getKey();
            // numbers and booleans as the engine read them ('95%' is 0.95), so the typed getters answer them too
            step.set(name, switch (((AiStep) step).parameter(name).type()) {
                case INTEGER -> read.integer(name);
                case LONG -> read.longValue(name);
                case DECIMAL, RATE -> read.decimal(name);
                case BOOLEAN -> read.bool(name);
                default -> value.getValue();
            });
        }
        return step;
    }

    /** Strings as String, lists as ArrayList of plain values: serializable with the Pipeline's program. */
    private static Object plain(Object value) {
        if (value instanceof CharSequence text) {
            return text.toString();
        }
        if (value instanceof Collection<?> list) {
            ArrayList<Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                copy.add(plain(element));
            }
            return copy;
        }
        return value;
    }

    /** The values a Jenkinsfile set, by engine parameter name, for the engine to check and map. */
    public final Map<String, Object> values() {
        return Collections.unmodifiableMap(new TreeMap<>(values));
    }

    private StepParameter parameter(String name) {
        return StepParameters.find(step(), name).orElseThrow(() -> new IllegalArgumentException(
                step().functionName() + " has no parameter '" + name + "'"));
    }
}
