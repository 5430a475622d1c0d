package io.jenkins.plugins.aiworkflow.cli;

import java.io.PrintWriter;
import java.util.List;

/**
 * One command of {@code aiwf}. It only translates (DESIGN.md §1): its options become one engine
 * request, it makes the one engine call, and it renders the result as lines, files and an exit code.
 */
interface AiwfCommand {
    /** The word after {@code aiwf}: {@code validate}, {@code implement}. */
    String name();

    /** The options, in the order help shows them; {@code --help} and {@code --version} are every command's. */
    List<CliOption> options();

    /**
     * Takes one given value of an option, in the order given: a later value of a one-value option
     * replaces an earlier one, each value of a list adds to it (the first replacing the default).
     * A switch gets {@code "true"} or {@code "false"}.
     *
     * @param option the option's name ({@link CliOption#name()}), whichever of its names was given
     * @throws IllegalArgumentException saying what is accepted when the value is not of the option's
     *         notation (a duration, a number); whether a value is allowed is the engine's to say
     */
    void set(String option, String value);

    /** Runs the command with the options set; the exit code. Bad input is an exception the caller reports. */
    int call(PrintWriter out) throws Exception;

    /** The command's help: only made when asked for, so that a run loads none of it. */
    CommandHelp help();

    /**
     * The option that sets an engine parameter, as {@code InvalidRequestException.parameter()} names it,
     * or null when no option of this command sets it. By default the parameter's kebab case, when the
     * command has that option ({@code maxFailures} is {@code --max-failures}).
     */
    default String optionFor(String parameter) {
        String option = "--" + kebabCase(parameter);
        return OptionParser.find(options(), option) == null ? null : option;
    }

    /** {@code maxFailures} as {@code max-failures}. */
    static String kebabCase(String camelCase) {
        StringBuilder kebab = new StringBuilder(camelCase.length() + 4);
        for (int i = 0; i < camelCase.length(); i++) {
            char c = camelCase.charAt(i);
            char previous = i == 0 ? ' ' : camelCase.charAt(i - 1);
            if (c >= 'A' && c <= 'Z' && (previous >= 'a' && previous <= 'z' || previous >= '0' && previous <= '9')) {
                kebab.append('-');
            }
            kebab.append(Character.toLowerCase(c));
        }
        return kebab.toString();
    }
}
