package io.jenkins.plugins.aiworkflow.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The help of {@code aiwf} and of its commands, laid out for an 80-column terminal: each option
 * on a line of its own with its description indented below it, every default the engine's. Only
 * loaded when help is asked for.
 */
final class HelpText {
    /** Columns of the help, a terminal's usual width. */
    static final int WIDTH = 80;
    private static final String INDENT = "  ";
    private static final String DESCRIPTION_INDENT = "      ";

    private static final String HELP_DESCRIPTION = "Show this help and exit.";
    private static final String VERSION_DESCRIPTION = "Print the version of aiwf and of Java, and exit.";
    private static final String HELP_COMMAND_SUMMARY = "Show the help of aiwf or of a command.";

    private HelpText() {
    }

    /** {@code aiwf --help}: the commands and what every exit code means. */
    static void printMain(PrintWriter out) {
        List<String> lines = new ArrayList<>();
        lines.add("Usage: aiwf [-hV] COMMAND");
        lines.add("");
        wrap(lines, "", "AI-native workflow steps from the command line; the same engine as the Jenkins plugin.");
        lines.add("");
        lines.add("Options:");
        table(lines, List.of("-h, --help", "-V, --version"), List.of(HELP_DESCRIPTION, VERSION_DESCRIPTION));
        lines.add("");
        commands(lines);
        lines.add("");
        exitCodes(lines, List.of(
                new CommandHelp.ExitCode(Aiwf.PASSED, "validate, refine: the quality gate passed; implement: CHANGED "
                        + "(or help/version was shown)"),
                new CommandHelp.ExitCode(Aiwf.FAILED, "validate: the quality gate failed; implement: NO_CHANGE; "
                        + "refine: the gate not met (iterations spent, no progress, the agent cannot proceed)"),
                new CommandHelp.ExitCode(Aiwf.USAGE, "bad usage or unreadable input: unknown option, bad value, "
                        + "unreadable file, missing workspace, output file not writable; nothing was decided"),
                new CommandHelp.ExitCode(Aiwf.INTERNAL_ERROR, "internal error (a bug, or out of memory): the stack "
                        + "trace is printed; implement still writes its result when the error came inside the "
                        + "agent's run (ERROR, INTERNAL_ERROR)"),
                new CommandHelp.ExitCode(Aiwf.LIMIT, "implement: LIMIT, a budget limit stopped the agent (its work "
                        + "is kept); refine: a limit of the run (tokens, cost, wall time) stopped the loop (the best "
                        + "attempt is kept)"),
                new CommandHelp.ExitCode(Aiwf.AGENT_ERROR, "implement: ERROR; refine: ERROR or ABORTED; the model "
                        + "failed or the run was cancelled (the work is kept)")));
        lines.add("");
        wrap(lines, "", "See 'aiwf help COMMAND' for a command's options; docs/cli.md for examples.");
        print(lines, out);
    }

    /** {@code aiwf help help}. */
    static void printHelpCommand(PrintWriter out) {
        List<String> lines = new ArrayList<>();
        lines.add("Usage: aiwf help [COMMAND]");
        lines.add("");
        wrap(lines, "", HELP_COMMAND_SUMMARY + " Exits with " + Aiwf.PASSED + ", or " + Aiwf.USAGE
                + " for an unknown command.");
        lines.add("");
        commands(lines);
        print(lines, out);
    }

    /** {@code aiwf COMMAND --help}: every option with its description and default, exit codes, examples. */
    static void printCommand(AiwfCommand command, PrintWriter out) {
        CommandHelp help = command.help();
        List<String> lines = new ArrayList<>();
        usage(lines, help.synopsis());
        for (String paragraph : help.description()) {
            lines.add("");
            wrap(lines, "", paragraph);
        }
        lines.add("");
        lines.add("Options:");
        for (CliOption option : command.options()) {
            lines.add(INDENT + synopsis(option));
            wrap(lines, DESCRIPTION_INDENT, description(option, help.defaults()));
        }
        lines.add(INDENT + "-h, --help");
        wrap(lines, DESCRIPTION_INDENT, HELP_DESCRIPTION);
        lines.add(INDENT + "-V, --version");
        wrap(lines, DESCRIPTION_INDENT, VERSION_DESCRIPTION);
        lines.add("");
        exitCodes(lines, help.exitCodes());
        if (!help.footer().isEmpty()) {
            lines.add("");
            for (String line : help.footer()) {
                if (line.startsWith(" ")) {
                    lines.add(line); // an example, kept as written
                } else {
                    wrap(lines, "", line);
                }
            }
        }
        print(lines, out);
    }

    /**
     * {@code Usage: aiwf COMMAND ...} within {@value #WIDTH} columns: a long synopsis goes on below, lined up
     * after the command's name.
     */
    static void usage(List<String> lines, String synopsis) {
        String text = "Usage: " + synopsis;
        int second = text.indexOf(' ', "Usage: aiwf ".length());
        if (text.length() <= WIDTH || second < 0) {
            lines.add(text);
            return;
        }
        String indent = " ".repeat(second + 1);
        List<String> wrapped = new ArrayList<>();
        wrap(wrapped, indent, text.substring(second + 1));
        lines.add(text.substring(0, second + 1) + wrapped.get(0).substring(indent.length()));
        lines.addAll(wrapped.subList(1, wrapped.size()));
    }

    /** As the option's line shows it: {@code --reports=GLOB[,GLOB...]}, {@code --parser-threads=N, --threads=N}. */
    static String synopsis(CliOption option) {
        String synopsis = option.synopsis();
        if (option.kind() == CliOption.Kind.LIST) {
            synopsis += "[," + option.label() + "...]";
        }
        if (option.alias() != null) {
            synopsis += ", " + option.alias() + "=" + option.label();
        }
        return synopsis;
    }

    /** The description with the engine's default in place of {@value CliOption#DEFAULT_VALUE}. */
    static String description(CliOption option, Map<String, String> defaults) {
        String description = option.description();
        if (!description.contains(CliOption.DEFAULT_VALUE)) {
            return description;
        }
        String value = defaults.get(option.name());
        if (value == null) {
            throw new IllegalStateException("no engine default for " + option.name() + ", which shows one");
        }
        return description.replace(CliOption.DEFAULT_VALUE, value);
    }

    private static void commands(List<String> lines) {
        lines.add("Commands:");
        table(lines, List.of(ValidateCommand.NAME, ImplementCommand.NAME, RefineCommand.NAME,
                        Aiwf.HELP_COMMAND + " [COMMAND]"),
                List.of(new ValidateCommand(Map.of()).help().summary(), new ImplementCommand(Map.of()).help().summary(),
                        new RefineCommand(Map.of()).help().summary(), HELP_COMMAND_SUMMARY));
    }

    private static void exitCodes(List<String> lines, List<CommandHelp.ExitCode> exitCodes) {
        lines.add("Exit codes:");
        List<String> codes = new ArrayList<>();
        List<String> meanings = new ArrayList<>();
        for (CommandHelp.ExitCode exitCode : exitCodes) {
            codes.add(String.valueOf(exitCode.code()));
            meanings.add(exitCode.meaning());
        }
        table(lines, codes, meanings);
    }

    /** Two columns: the terms, and their texts wrapped beside them. */
    private static void table(List<String> lines, List<String> terms, List<String> texts) {
        int width = 0;
        for (String term : terms) {
            width = Math.max(width, term.length());
        }
        String indent = " ".repeat(INDENT.length() + width + 2);
        for (int i = 0; i < terms.size(); i++) {
            List<String> wrapped = new ArrayList<>();
            wrap(wrapped, indent, texts.get(i));
            String term = terms.get(i);
            lines.add(INDENT + term + " ".repeat(width - term.length() + 2) + wrapped.get(0).substring(indent.length()));
            lines.addAll(wrapped.subList(1, wrapped.size()));
        }
    }

    /**
     * The text's words in lines of at most {@value #WIDTH} columns, each starting with {@code indent};
     * {@code Default:} stays on the line of its value.
     */
    static void wrap(List<String> lines, String indent, String text) {
        StringBuilder line = new StringBuilder(indent);
        String[] words = text.split(" ");
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            if (word.isEmpty()) {
                continue;
            }
            if (word.equals("Default:") && i + 1 < words.length) {
                word += " " + words[++i];
            }
            if (line.length() > indent.length() && line.length() + 1 + word.length() > WIDTH) {
                lines.add(line.toString());
                line.setLength(0);
                line.append(indent);
            }
            if (line.length() > indent.length()) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
    }

    private static void print(List<String> lines, PrintWriter out) {
        for (String line : lines) {
            out.println(line);
        }
        out.flush();
    }
}
