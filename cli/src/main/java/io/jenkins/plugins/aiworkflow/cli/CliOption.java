package io.jenkins.plugins.aiworkflow.cli;

/**
 * One option of a command: its names, the label of its value, how repeated values combine, and its
 * help text. A command declares its options as a list of these (no annotations, no reflection), so
 * that start-up only builds a few small objects ({@link OptionParser}).
 */
final class CliOption {
    /** How an option takes values and how values given several times combine. */
    enum Kind {
        /** One value; a later one replaces an earlier one, so wrapper scripts can append overrides. */
        VALUE,
        /** Repeatable, and each value is split at commas: {@code --reports a,b --reports c}. */
        LIST,
        /** Repeatable, each value taken whole (it may contain commas): {@code --allow-command}. */
        REPEATED,
        /** {@code --x} sets true and {@code --no-x} false, whatever the default; the later one wins. */
        SWITCH
    }

    /** The text in a description that help replaces with the option's engine default. */
    static final String DEFAULT_VALUE = "${DEFAULT-VALUE}";

    private final String name;
    private final String alias;
    private final String label;
    private final Kind kind;
    private final boolean required;
    private final String description;

    private CliOption(String name, String alias, String label, Kind kind, boolean required, String description) {
        this.name = name;
        this.alias = alias;
        this.label = label;
        this.kind = kind;
        this.required = required;
        this.description = description;
    }

    /** An option with one value, such as {@code --max-failures=N}. */
    static CliOption value(String name, String label, String description) {
        return new CliOption(name, null, label, Kind.VALUE, false, description);
    }

    /** A repeatable option whose values may be comma-separated lists, such as {@code --reports=GLOB[,GLOB...]}. */
    static CliOption list(String name, String label, String description) {
        return new CliOption(name, null, label, Kind.LIST, false, description);
    }

    /** A repeatable option whose values are taken whole, such as {@code --allow-command=PREFIX}. */
    static CliOption repeated(String name, String label, String description) {
        return new CliOption(name, null, label, Kind.REPEATED, false, description);
    }

    /** A negatable switch: {@code --x} and {@code --no-x}. */
    static CliOption negatable(String name, String description) {
        return new CliOption(name, null, null, Kind.SWITCH, false, description);
    }

    /** The same option, which must be given. */
    CliOption required() {
        return new CliOption(name, alias, label, kind, true, description);
    }

    /** The same option, also accepted under {@code otherName}. */
    CliOption alias(String otherName) {
        return new CliOption(name, otherName, label, kind, required, description);
    }

    /** The name with its two hyphens, such as {@code --max-failures}; a command's {@code set} receives it. */
    String name() {
        return name;
    }

    /** Another name, such as {@code --threads} of {@code --parser-threads}, or null. */
    String alias() {
        return alias;
    }

    /** What the value stands for, such as {@code N} or {@code DURATION}; null for a switch. */
    String label() {
        return label;
    }

    Kind kind() {
        return kind;
    }

    boolean isRequired() {
        return required;
    }

    boolean takesValue() {
        return kind != Kind.SWITCH;
    }

    /** The help text; {@value #DEFAULT_VALUE} in it stands for the engine default. */
    String description() {
        return description;
    }

    /** The name of the negated form of a switch: {@code --no-x}. */
    String negatedName() {
        return "--no-" + name.substring(2);
    }

    /** True if {@code givenName} (with its hyphens) is this option's name or alias (or, for a switch, {@code --no-} form). */
    boolean isNamed(String givenName) {
        return name.equals(givenName) || givenName.equals(alias) || kind == Kind.SWITCH && givenName.equals(negatedName());
    }

    /** As help and messages show it: {@code --reports=GLOB}, {@code --[no-]require-tests}. */
    String synopsis() {
        if (kind == Kind.SWITCH) {
            return "--[no-]" + name.substring(2);
        }
        return name + "=" + label;
    }
}
