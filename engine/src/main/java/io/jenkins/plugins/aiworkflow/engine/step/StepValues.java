package io.jenkins.plugins.aiworkflow.engine.step;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.text.Truncation;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The plain values given to one step, read against the catalogue ({@link StepParameters}): every name must be a
 * parameter of the step, and every value of its type, converted once here. Plain values are what a Pipeline
 * step's fields hold and a Jenkinsfile writes: strings (any {@link CharSequence}, so a Groovy GString too),
 * numbers, booleans, lists; strings also in the CLI's notation ({@link Notation}: {@code "30m"}, {@code "95%"},
 * {@code "3"}). A null value is a value not given. Whether a value is allowed (a positive timeout, a rate from 0
 * to 1) is the request's to say, when the mapping builds it.
 *
 * <p>Bad input is an {@link InvalidRequestException} naming the parameter: an unknown name (with the closest
 * known one, or the steps that do take it), a value of the wrong type, a string that is not of the notation.
 * Immutable.
 */
public final class StepValues {
    /** The most characters of why a value is refused; the value is quoted in it. */
    private static final int MAX_MESSAGE_CHARS = 1_000;
    /** The most characters of an unknown name shown; no parameter's name is nearly as long. */
    private static final int MAX_NAME_CHARS = 100;

    private final Step step;
    private final Map<String, Object> values;

    private StepValues(Step step, Map<String, Object> values) {
        this.step = step;
        this.values = values;
    }

    /**
     * Reads {@code given} for {@code step}.
     *
     * @throws InvalidRequestException naming the first unknown name or refused value
     */
    public static StepValues of(Step step, Map<String, ?> given) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (given != null) {
            for (Map.Entry<String, ?> entry : given.entrySet()) {
                StepParameter parameter = parameter(step, entry.getKey());
                if (entry.getValue() != null) {
                    values.put(parameter.name(), convert(step, parameter, entry.getValue()));
                }
            }
        }
        return new StepValues(step, Collections.unmodifiableMap(values));
    }

    public Step step() {
        return step;
    }

    /** Whether {@code name} was given (with a value that is not null); false for a name the step does not have. */
    public boolean isSet(String name) {
        return values.containsKey(name);
    }

    /** The names given, in the order given. */
    public Set<String> names() {
        return values.keySet();
    }

    /** A {@link ParameterType#TEXT} value, or null when not given. */
    public String text(String name) {
        return (String) get(name, ParameterType.TEXT);
    }

    /** A {@link ParameterType#BOOLEAN} value, or null when not given. */
    public Boolean bool(String name) {
        return (Boolean) get(name, ParameterType.BOOLEAN);
    }

    /** An {@link ParameterType#INTEGER} value, or null when not given. */
    public Integer integer(String name) {
        return (Integer) get(name, ParameterType.INTEGER);
    }

    /** A {@link ParameterType#LONG} value, or null when not given. */
    public Long longValue(String name) {
        return (Long) get(name, ParameterType.LONG);
    }

    /** A {@link ParameterType#DECIMAL} or {@link ParameterType#RATE} value, or null when not given. */
    public Double decimal(String name) {
        Object value = values.get(known(name));
        return (Double) value;
    }

    /** A {@link ParameterType#DURATION} value, or null when not given. */
    public Duration duration(String name) {
        return (Duration) get(name, ParameterType.DURATION);
    }

    /** A {@link ParameterType#GLOBS} or {@link ParameterType#LINES} value, or null when not given. */
    @SuppressWarnings("unchecked")
    public List<String> strings(String name) {
        return (List<String>) values.get(known(name));
    }

    /** An {@link ParameterType#EXIT_CODES} value, or null when not given. */
    @SuppressWarnings("unchecked")
    public List<Integer> codes(String name) {
        return (List<Integer>) get(name, ParameterType.EXIT_CODES);
    }

    /** A {@link ParameterType#CHOICE} value as its catalogue spelling (such as {@code UNSTABLE}), or null. */
    public String choice(String name) {
        return (String) get(name, ParameterType.CHOICE);
    }

    private Object get(String name, ParameterType type) {
        StepParameter parameter = StepParameters.find(step, name).orElseThrow(() -> new IllegalArgumentException(
                step.functionName() + " has no parameter " + name));
        if (parameter.type() != type) {
            throw new IllegalArgumentException(name + " is of type " + parameter.type() + ", not " + type);
        }
        return values.get(name);
    }

    /** {@code name}, checked to be a parameter of the step: a mapping asking for another one is a bug. */
    private String known(String name) {
        if (StepParameters.find(step, name).isEmpty()) {
            throw new IllegalArgumentException(step.functionName() + " has no parameter " + name);
        }
        return name;
    }

    private static StepParameter parameter(Step step, String name) {
        if (name != null) {
            var parameter = StepParameters.find(step, name);
            if (parameter.isPresent()) {
                return parameter.get();
            }
        }
        List<String> known = new ArrayList<>();
        for (StepParameter parameter : StepParameters.of(step)) {
            known.add(parameter.name());
        }
        // a hostile name stays short in the message, and is not compared letter by letter with every known one
        String shown = name == null || name.length() <= MAX_NAME_CHARS ? name
                : name.substring(0, MAX_NAME_CHARS) + "...";
        StringBuilder message = new StringBuilder(step.functionName()).append(" has no parameter '").append(shown)
                .append("'");
        Set<Step> others = name == null ? Set.of() : StepParameters.stepsWith(name);
        if (!others.isEmpty()) {
            List<String> steps = new ArrayList<>();
            for (Step other : others) {
                steps.add(other.functionName());
            }
            String last = steps.remove(steps.size() - 1);
            message.append(" (it is a parameter of ").append(steps.isEmpty() ? last
                    : String.join(", ", steps) + " and " + last).append(")");
        } else {
            String closest = name == null || name.length() > MAX_NAME_CHARS ? null : closest(name, known);
            if (closest != null) {
                message.append("; did you mean '").append(closest).append("'?");
            }
        }
        message.append("; accepted: ").append(String.join(", ", known));
        throw new InvalidRequestException(shown, message.toString(), null);
    }

    /** The known name nearest to {@code name} (case ignored), when it is near enough to be a typo. */
    static String closest(String name, List<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = name.toLowerCase(Locale.ROOT);
        for (String candidate : known) {
            int distance = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        // a third of the name may be wrong: maxFailure, requireTest, reportz; not an unrelated word
        return bestDistance <= Math.max(2, name.length() / 3) ? best : null;
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static Object convert(Step step, StepParameter parameter, Object value) {
        try {
            return switch (parameter.type()) {
                case TEXT -> text(value);
                case BOOLEAN -> bool(value);
                case INTEGER -> Math.toIntExact(whole(value, Integer.MIN_VALUE, Integer.MAX_VALUE));
                case LONG -> whole(value, Long.MIN_VALUE, Long.MAX_VALUE);
                case DECIMAL -> decimal(value);
                case DURATION -> duration(value);
                case RATE -> rate(value);
                case GLOBS -> strings(value, true);
                case LINES -> strings(value, false);
                case EXIT_CODES -> codes(value);
                case CHOICE -> choice(parameter, value);
            };
        } catch (IllegalArgumentException | ClassCastException e) {
            // the notation's messages quote the whole value: a hostile one stays bounded in the message
            String why = Truncation.headTail(e instanceof ClassCastException || e.getMessage() == null
                    ? "is " + describe(value) : e.getMessage(), MAX_MESSAGE_CHARS);
            throw new InvalidRequestException(parameter.name(), step.functionName() + " parameter "
                    + parameter.name() + ": " + why + accepted(parameter, why), e);
        }
    }

    /** The "accepted" part, unless the notation's message already says it. */
    private static String accepted(StepParameter parameter, String why) {
        if (why.contains("; accepted: ")) {
            return "";
        }
        String accepted = parameter.type() == ParameterType.CHOICE ? "one of " + String.join(", ", parameter.choices())
                + " (any letter case)" : parameter.type().accepted();
        return "; accepted: " + accepted;
    }

    private static String text(Object value) {
        if (value instanceof CharSequence text) {
            return text.toString();
        }
        throw new IllegalArgumentException(describe(value) + " is not a string");
    }

    private static Boolean bool(Object value) {
        if (value instanceof Boolean bool) {
            return bool;
        }
        if (value instanceof CharSequence text) {
            String word = text.toString().strip().toLowerCase(Locale.ROOT);
            if (word.equals("true") || word.equals("false")) {
                return Boolean.valueOf(word);
            }
        }
        throw new IllegalArgumentException(describe(value) + " is not a boolean");
    }

    private static long whole(Object value, long min, long max) {
        long number;
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            number = ((Number) value).longValue();
        } else if (value instanceof BigInteger || value instanceof BigDecimal || value instanceof Double
                || value instanceof Float) {
            // Groovy writes 3.0 as a BigDecimal: a whole value is accepted, a fraction or an overflow is not
            BigDecimal decimal = value instanceof BigDecimal big ? big : value instanceof BigInteger big
                    ? new BigDecimal(big) : BigDecimal.valueOf(((Number) value).doubleValue());
            try {
                number = decimal.longValueExact();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(describe(value) + " is not a whole number from " + min + " to "
                        + max);
            }
        } else if (value instanceof CharSequence text) {
            number = Notation.parseLong(text.toString());
        } else {
            throw new IllegalArgumentException(describe(value) + " is not a whole number");
        }
        if (number < min || number > max) {
            throw new IllegalArgumentException(describe(value) + " is not a whole number from " + min + " to " + max);
        }
        return number;
    }

    private static Double decimal(Object value) {
        if (value instanceof Number number) {
            return finite(number.doubleValue(), value);
        }
        if (value instanceof CharSequence text) {
            return finite(Notation.parseDouble(text.toString()), value);
        }
        throw new IllegalArgumentException(describe(value) + " is not a number");
    }

    private static Double finite(double number, Object value) {
        if (Double.isNaN(number) || Double.isInfinite(number)) {
            throw new IllegalArgumentException(describe(value) + " is not a finite number");
        }
        return number;
    }

    private static Duration duration(Object value) {
        if (value instanceof Duration duration) {
            return duration;
        }
        if (value instanceof CharSequence text) {
            return Notation.parseDuration(text.toString());
        }
        // a bare number has no unit: seconds or minutes would be a guess
        throw new IllegalArgumentException(describe(value) + " is not a duration (a number needs a unit)");
    }

    private static Double rate(Object value) {
        if (value instanceof Number number) {
            return finite(number.doubleValue(), value);
        }
        if (value instanceof CharSequence text) {
            return finite(Notation.parsePassRate(text.toString()), value);
        }
        throw new IllegalArgumentException(describe(value) + " is not a rate");
    }

    /** A list's entries, or a string's parts: split at line breaks, and for globs at commas too; blanks dropped. */
    private static List<String> strings(Object value, boolean commas) {
        List<String> entries = new ArrayList<>();
        if (value instanceof CharSequence text) {
            split(text.toString(), commas, entries);
        } else if (value instanceof Collection<?> collection) {
            for (Object entry : collection) {
                if (!(entry instanceof CharSequence text)) {
                    throw new IllegalArgumentException("the list holds " + describe(entry) + ", not a string");
                }
                if (commas) {
                    split(text.toString(), true, entries);
                } else if (!text.toString().isBlank()) {
                    entries.add(text.toString().strip());
                }
            }
        } else {
            throw new IllegalArgumentException(describe(value) + " is not a list or a string");
        }
        return List.copyOf(entries);
    }

    private static void split(String text, boolean commas, List<String> entries) {
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '\n';
            if (c == '\n' || c == '\r' || commas && c == ',') {
                String part = text.substring(start, i).strip();
                if (!part.isEmpty()) {
                    entries.add(part);
                }
                start = i + 1;
            }
        }
    }

    private static List<Integer> codes(Object value) {
        List<Integer> codes = new ArrayList<>();
        if (value instanceof Collection<?> collection) {
            for (Object entry : collection) {
                if (entry == null) {
                    throw new IllegalArgumentException("the list holds null, not an exit code");
                }
                codes.add(Math.toIntExact(whole(entry, Integer.MIN_VALUE, Integer.MAX_VALUE)));
            }
        } else if (value instanceof CharSequence || value instanceof Number) {
            List<String> parts = new ArrayList<>();
            split(value.toString(), true, parts);
            for (String part : parts) {
                codes.add(Notation.parseInt(part));
            }
        } else {
            throw new IllegalArgumentException(describe(value) + " is not a list of exit codes");
        }
        return List.copyOf(codes);
    }

    private static String choice(StepParameter parameter, Object value) {
        if (value instanceof CharSequence || value instanceof Enum<?>) {
            String text = value instanceof Enum<?> constant ? constant.name() : value.toString().strip();
            for (String choice : parameter.choices()) {
                if (choice.equalsIgnoreCase(text)) {
                    return choice;
                }
            }
            throw new IllegalArgumentException("'" + value + "' is not a choice of " + parameter.name());
        }
        throw new IllegalArgumentException(describe(value) + " is not a string");
    }

    /** A value as a message shows it: strings quoted and cut, other values with their type. */
    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof CharSequence text) {
            String shown = text.length() > 80 ? text.subSequence(0, 80) + "..." : text.toString();
            return "'" + shown + "'";
        }
        String shown = String.valueOf(value);
        if (shown.length() > 80) {
            shown = shown.substring(0, 80) + "...";
        }
        return shown + " (" + kind(value) + ")";
    }

    /** What a value is, in the words of a Jenkinsfile rather than of its class. */
    private static String kind(Object value) {
        if (value instanceof Collection<?>) {
            return "a list";
        }
        if (value instanceof Map<?, ?>) {
            return "a map";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return "a whole number";
        }
        if (value instanceof Number) {
            return "a decimal number";
        }
        return "a " + value.getClass().getSimpleName();
    }
}
