package io.jenkins.plugins.aiworkflow.engine.step;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One parameter of one or more steps, as {@link StepParameters} lists it: its name (the same in the engine's
 * requests, the Pipeline steps, the CLI's options in kebab case, and the docs), its type, its default (the
 * engine's own value), a one-line description, and the steps that take it. A name may have two definitions for
 * different steps when it means something else there ({@code commandTimeout}: the agent's commands in
 * {@code aiImplement}, the test command in {@code aiValidate} and {@code aiRefine}). Immutable.
 */
public final class StepParameter {
    /** Who turns the parameter into what a run uses. */
    public enum Resolution {
        /** The step mapping puts it into the engine request ({@link ValidateParameters} and the others). */
        REQUEST,
        /**
         * The adapter resolves it: the model and its provider (the plugin from its global configuration and
         * credentials, the CLI from its options and environment), the baseline file, what a failed gate does to
         * the build. The mapping checks its value and hands it over.
         */
        ADAPTER
    }

    private final String name;
    private final ParameterType type;
    private final List<String> choices;
    private final Object defaultValue;
    private final String defaultText;
    private final String description;
    private final Set<Step> steps;
    private final Set<Step> requiredIn;
    private final Resolution resolution;

    StepParameter(String name, ParameterType type, List<String> choices, Object defaultValue, String defaultText,
                  String description, Set<Step> steps, Set<Step> requiredIn, Resolution resolution) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.choices = List.copyOf(choices);
        this.defaultValue = defaultValue;
        this.defaultText = Objects.requireNonNull(defaultText, "defaultText");
        this.description = Objects.requireNonNull(description, "description");
        this.steps = Collections.unmodifiableSet(EnumSet.copyOf(steps));
        this.requiredIn = requiredIn.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(requiredIn));
        this.resolution = Objects.requireNonNull(resolution, "resolution");
    }

    /** The camelCase name, such as {@code maxFailures}. */
    public String name() {
        return name;
    }

    public ParameterType type() {
        return type;
    }

    /** The accepted values of a {@link ParameterType#CHOICE}, as written in docs; empty for other types. */
    public List<String> choices() {
        return choices;
    }

    /**
     * The engine's default as a plain value (String, Boolean, Number or List, as the parameter accepts it), or
     * null when there is none (no limit, nothing given) or it depends on the machine ({@code parserThreads}).
     */
    public Object defaultValue() {
        return defaultValue;
    }

    /** The default as docs say it, such as {@code 0}, {@code 1h}, {@code none}. */
    public String defaultText() {
        return defaultText;
    }

    /** One line saying what it does. */
    public String description() {
        return description;
    }

    /** The steps that take this definition. */
    public Set<Step> steps() {
        return steps;
    }

    /** Whether {@code step} needs it given. */
    public boolean isRequired(Step step) {
        return requiredIn.contains(step);
    }

    public Resolution resolution() {
        return resolution;
    }

    /** The CLI option that sets it: {@code --} and the kebab case ({@code maxFailures} is {@code --max-failures}). */
    public String optionName() {
        StringBuilder kebab = new StringBuilder("--");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                kebab.append('-').append(Character.toLowerCase(c));
            } else {
                kebab.append(c);
            }
        }
        return kebab.toString();
    }

    @Override
    public String toString() {
        return name + " (" + type.label() + ", default " + defaultText + ")";
    }
}
