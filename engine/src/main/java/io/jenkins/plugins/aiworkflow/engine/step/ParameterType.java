package io.jenkins.plugins.aiworkflow.engine.step;

/**
 * The kinds of value a step parameter takes, with the plain values each accepts ({@link StepValues}): what a
 * Pipeline step's field holds (String, int, long, double, boolean, List) or a Jenkinsfile writes (a Groovy number,
 * string or list), and the text notation the CLI reads ({@link Notation}).
 */
public enum ParameterType {
    /** A string. */
    TEXT("text", "a string"),
    /** {@code true} or {@code false}, or a string of them. */
    BOOLEAN("boolean", "true or false"),
    /** A whole number of the {@code int} range, or a string of one. */
    INTEGER("integer", "a whole number such as 3"),
    /** A whole number of the {@code long} range, or a string of one. */
    LONG("integer", "a whole number such as 3"),
    /** A number, or a string of one. */
    DECIMAL("decimal", "a number such as 0.50"),
    /** A string such as {@code 90s}, {@code 30m}, {@code 2h}, {@code 1h30m} or ISO-8601 {@code PT1H}. */
    DURATION("duration", "a duration such as '90s', '30m', '2h', '1h30m' or ISO-8601 'PT1H'"),
    /** A share from 0 to 1 as a number, or a string such as {@code 0.95} or {@code 95%}. */
    RATE("rate", "a share from 0 to 1 such as 0.95, or a percentage such as '95%'"),
    /** Ant-style patterns: a list of strings, or one string of them separated by commas or line breaks. */
    GLOBS("list of globs", "a list of Ant-style patterns such as ['src/**'], or one string of them separated by "
            + "commas or line breaks"),
    /** Entries taken whole (they may hold commas): a list of strings, or one string with one entry per line. */
    LINES("list of strings", "a list of strings, or one string with one entry per line"),
    /** Exit codes: a list of whole numbers, or a string of them separated by commas. */
    EXIT_CODES("list of integers", "a list of whole numbers such as [0, 1], or a string such as '0,1'"),
    /** One of the parameter's choices ({@link StepParameter#choices()}), in any letter case. */
    CHOICE("choice", "one of the listed values");

    private final String label;
    private final String accepted;

    ParameterType(String label, String accepted) {
        this.label = label;
        this.accepted = accepted;
    }

    /** How docs/steps.md names the type. */
    public String label() {
        return label;
    }

    /** What a value of this type may be, as error messages say it. */
    public String accepted() {
        return accepted;
    }
}
