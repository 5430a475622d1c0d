package io.jenkins.plugins.aiworkflow.cli;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.log.EngineLog;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code aiwf} command line. It only translates: options become one engine request,
 * the engine's result becomes log lines, files and an exit code (see docs/cli.md).
 */
@Command(name = "aiwf",
        mixinStandardHelpOptions = true,
        versionProvider = Aiwf.Version.class,
        description = "AI-native workflow steps from the command line; the same engine as the Jenkins plugin.",
        synopsisSubcommandLabel = "COMMAND",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            Aiwf.PASSED + ":validate: the quality gate passed; implement: CHANGED (or help/version was shown)",
            Aiwf.FAILED + ":validate: the quality gate failed; implement: NO_CHANGE",
            Aiwf.USAGE + ":bad usage or unreadable input: unknown option, bad value, unreadable file, "
                    + "missing workspace, output file not writable; nothing was decided",
            Aiwf.INTERNAL_ERROR + ":internal error (a bug, or out of memory): the stack trace is printed; implement "
                    + "still writes its result when the error came inside the agent's run (ERROR, INTERNAL_ERROR)",
            Aiwf.LIMIT + ":implement: LIMIT, a budget limit stopped the agent (its work is kept)",
            Aiwf.AGENT_ERROR + ":implement: ERROR, the model failed or the run was cancelled (its work is kept)"
        },
        footer = {"", "See 'aiwf help COMMAND' for a command's options; docs/cli.md for examples."})
public final class Aiwf {
    /** The quality gate passed. */
    public static final int PASSED = 0;
    /** The quality gate failed. */
    public static final int FAILED = 1;
    /** Bad usage or unreadable input; nothing was decided. */
    public static final int USAGE = 2;
    /** An unexpected exception: a bug in aiwf. */
    public static final int INTERNAL_ERROR = 3;
    /** {@code implement}: a budget limit (turns, tokens, cost, wall time) stopped the agent. */
    public static final int LIMIT = 4;
    /** {@code implement}: the model failed, kept sending unusable replies, or the run was cancelled. */
    public static final int AGENT_ERROR = 5;

    public static void main(String[] args) {
        AtomicBoolean finished = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!finished.get()) {
                // killed (Ctrl-C, SIGTERM): the engine's own hook ends a running command with all it started;
                // this ends any other child still running
                ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
            }
        }, "aiwf-kill-children"));
        int exitCode = run(commandLine(args), args);
        finished.set(true);
        System.exit(exitCode);
    }

    /**
     * Runs the command line. An {@link Error} (a {@code NoClassDefFoundError} from a class missing
     * in the jar, an {@code OutOfMemoryError}) passes picocli's handlers; it is an internal error
     * too, never an exit code that means something else, such as 1.
     */
    static int run(CommandLine commandLine, String... args) {
        try {
            return commandLine.execute(args);
        } catch (Error e) {
            PrintWriter err = commandLine.getErr();
            err.println(commandLine.getCommandSpec().qualifiedName()
                    + ": internal error, please report it with this stack trace: " + e);
            e.printStackTrace(err);
            err.flush();
            return INTERNAL_ERROR;
        }
    }

    /**
     * The command line with aiwf's exit-code mapping: parameter problems and bad input
     * ({@link InvalidRequestException}, {@link WorkspaceException}, I/O errors) are {@value #USAGE}
     * with a one-line message on stderr, any other exception is {@value #INTERNAL_ERROR}.
     */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command line for these arguments: when the first one names a command, only that command is
     * set up. Picocli reads every option of every command it is given by reflection, and a run of
     * {@code aiwf validate} does not need {@code implement}'s: start-up is a good part of what a user
     * waits for on a small report (docs/performance.md). Anything else ({@code help}, {@code --help},
     * a mistyped command, which gets suggestions) sets up all commands.
     */
    public static CommandLine commandLine(String... args) {
        CommandLine commandLine = new CommandLine(new Aiwf());
        Object named = args.length == 0 ? null : switch (args[0]) {
            case "validate" -> new ValidateCommand();
            case "implement" -> new ImplementCommand();
            default -> null;
        };
        if (named != null) {
            commandLine.addSubcommand(named);
        } else {
            commandLine.addSubcommand(new ValidateCommand());
            commandLine.addSubcommand(new ImplementCommand());
            commandLine.addSubcommand(new CommandLine.HelpCommand());
        }
        // a later option wins, so wrapper scripts can append overrides
        commandLine.setOverwrittenOptionsAllowed(true);
        commandLine.setParameterExceptionHandler(new ShortParameterMessage());
        commandLine.setExecutionExceptionHandler(new BadInputMessage());
        return commandLine;
    }

    /**
     * The engine's log as a command prints it: each line on {@code out} as it happens, through the
     * redactor, flushed at once so that a long run shows its progress.
     */
    static EngineLog printingLog(PrintWriter out, UnaryOperator<String> redactor) {
        return EngineLog.to(line -> {
            out.println(redactor.apply(line.toString()));
            out.flush();
        });
    }

    /** One line naming the problem, picocli's suggestions for a mistyped option, and where help is. */
    static final class ShortParameterMessage implements IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException exception, String[] args) {
            CommandLine commandLine = exception.getCommandLine();
            PrintWriter err = commandLine.getErr();
            String command = commandLine.getCommandSpec().qualifiedName();
            err.println(command + ": " + exception.getMessage());
            UnmatchedArgumentException.printSuggestions(exception, err);
            err.println("Try '" + command + " --help' for the options and the values they accept.");
            err.flush();
            return USAGE;
        }
    }

    /** Bad input found while running is a usage problem (exit 2), anything else a bug (exit 3). */
    static final class BadInputMessage implements IExecutionExceptionHandler {
        private static final Pattern LEADING_PARAMETER = Pattern.compile("([a-z][A-Za-z0-9]*)\\b");

        @Override
        public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
            PrintWriter err = commandLine.getErr();
            String command = commandLine.getCommandSpec().qualifiedName();
            if (isBadInput(exception)) {
                err.println(command + ": " + exception.getMessage() + optionHint(exception, commandLine));
                err.flush();
                return USAGE;
            }
            err.println(command + ": internal error, please report it with this stack trace: " + exception);
            exception.printStackTrace(err);
            err.flush();
            return INTERNAL_ERROR;
        }

        /**
         * Engine messages start with the parameter's name ({@code maxFailures must be >= 0});
         * names the option that sets it, its kebab-case form, when the command has one and the
         * message does not name its option already.
         */
        static String optionHint(Exception exception, CommandLine commandLine) {
            if (!(exception instanceof InvalidRequestException) || exception.getMessage() == null
                    || exception.getMessage().contains("(option --")) {
                return "";
            }
            Matcher parameter = LEADING_PARAMETER.matcher(exception.getMessage());
            if (!parameter.lookingAt()) {
                return "";
            }
            String option = "--" + parameter.group(1).replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
            return commandLine.getCommandSpec().findOption(option) == null ? "" : " (option " + option + ")";
        }

        private static boolean isBadInput(Exception exception) {
            return exception instanceof InvalidRequestException || exception instanceof WorkspaceException
                    || exception instanceof IOException || exception instanceof UncheckedIOException;
        }
    }

    /** The version the build wrote into {@code version.properties}. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"aiwf " + version(), "Java " + System.getProperty("java.version") + " ("
                    + System.getProperty("java.vendor") + ")"};
        }

        static String version() {
            Properties properties = new Properties();
            try (InputStream in = Aiwf.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (IOException e) {
                // fall through to "unknown"
            }
            return properties.getProperty("version", "unknown");
        }
    }
}
