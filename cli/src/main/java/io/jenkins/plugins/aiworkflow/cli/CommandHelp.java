package io.jenkins.plugins.aiworkflow.cli;

import java.util.List;
import java.util.Map;

/**
 * What {@code aiwf COMMAND --help} shows besides the options: the synopsis, the description, the
 * exit codes and a footer with examples, and the engine's default of each option by its name.
 * {@link HelpText} lays it out.
 *
 * @param synopsis    the usage line after {@code Usage: }
 * @param description paragraphs; the first one is the command's summary in {@code aiwf --help}
 * @param exitCodes   each exit code with what it means, in order
 * @param footer      lines shown as they are (examples keep their indentation); empty lines separate
 * @param defaults    the text that replaces {@value CliOption#DEFAULT_VALUE} in an option's description
 */
record CommandHelp(String synopsis, List<String> description, List<ExitCode> exitCodes, List<String> footer,
                   Map<String, String> defaults) {
    /** An exit code and what it means. */
    record ExitCode(int code, String meaning) {
    }

    /** The first paragraph of the description: the command's summary. */
    String summary() {
        return description.get(0);
    }
}
