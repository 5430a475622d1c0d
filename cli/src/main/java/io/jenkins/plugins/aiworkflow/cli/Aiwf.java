package io.jenkins.plugins.aiworkflow.cli;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.log.EngineLog;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The {@code aiwf} command line. It only translates: options become one engine request,
 * the engine's result becomes log lines, files and an exit code (see docs/cli.md).
 *
 * <p>Start-up is a good part of what a user waits for on a small report (docs/performance.md), so
 * a run sets up only the command it names, with plain objects: no reflection, no help text, nothing
 * of another command (for {@code validate}, nothing of the agent, its model client or JSON library).
 */
public final class Aiwf {
    /** The quality gate passed. */
    public static final int PASSED = 0;
    /** The quality gate failed. */
    public static final int FAILED = 1;
    /** Bad usage or unreadable input; nothing was decided. */
    public static final int USAGE = 2;
    /** An unexpected exception: a bug in aiwf. */
    public static final int INTERNAL_ERROR = 3;
    /**
     * {@code implement}: a budget limit (turns, tokens, cost, wall time) stopped the agent; {@code refine}: a limit
     * of the run (tokens, cost, wall time) stopped the loop.
     */
    public static final int LIMIT = 4;
    /**
     * {@code implement} and {@code refine}: the model failed, kept sending unusable replies, or the run was
     * cancelled.
     */
    public static final int AGENT_ERROR = 5;

    static final String NAME = "aiwf";
    static final String HELP_COMMAND = "help";
    /** The commands, in the order help lists them. */
    static final List<String> COMMANDS = List.of(ValidateCommand.NAME, ImplementCommand.NAME, RefineCommand.NAME,
            HELP_COMMAND);

    private Aiwf() {
    }

    public static void main(String[] args) {
        KillChildren killChildren = new KillChildren();
        Runtime.getRuntime().addShutdownHook(new Thread(killChildren, "aiwf-kill-children"));
        int exitCode = run(System.getenv(), printWriter(System.out, "sun.stdout.encoding"),
                printWriter(System.err, "sun.stderr.encoding"), args);
        killChildren.finished = true;
        System.exit(exitCode);
    }

    /**
     * Runs the command line and returns the exit code.
     *
     * @param environment what the commands run in the workspace inherit, and where the API key is read
     */
    static int run(Map<String, String> environment, PrintWriter out, PrintWriter err, String... args) {
        try {
            return dispatch(environment, out, err, args);
        } catch (RuntimeException | Error e) {
            // a bug in setting up a command or in the help, never an exit code that means something else
            return BadInputMessage.internalError(NAME, e, err);
        }
    }

    /** Picks what the first argument names: a command, help, the version. */
    private static int dispatch(Map<String, String> environment, PrintWriter out, PrintWriter err, String... args) {
        if (args.length == 0) {
            return usageError(NAME, new UsageException("Missing required subcommand; accepted: "
                    + String.join(", ", COMMANDS)), err);
        }
        String first = args[0];
        if (ValidateCommand.NAME.equals(first)) {
            return execute(new ValidateCommand(environment), args, out, err);
        }
        if (ImplementCommand.NAME.equals(first)) {
            return execute(new ImplementCommand(environment), args, out, err);
        }
        if (RefineCommand.NAME.equals(first)) {
            return execute(new RefineCommand(environment), args, out, err);
        }
        if (HELP_COMMAND.equals(first)) {
            return help(environment, args, out, err);
        }
        if ("-h".equals(first) || OptionParser.HELP.equals(first)) {
            HelpText.printMain(out);
            return PASSED;
        }
        if ("-V".equals(first) || OptionParser.VERSION.equals(first)) {
            printVersion(out);
            return PASSED;
        }
        if (first.startsWith("-")) {
            return usageError(NAME, new UsageException("Unknown option: '" + first + "'",
                    Suggestions.didYouMean(first, List.of(OptionParser.HELP, OptionParser.VERSION))), err);
        }
        return usageError(NAME, new UsageException("Unknown command: '" + first + "'",
                Suggestions.didYouMean(first, COMMANDS)), err);
    }

    /** Reads the command's options, then shows its help or version, or runs it. */
    static int execute(AiwfCommand command, String[] args, PrintWriter out, PrintWriter err) {
        String name = NAME + " " + command.name();
        OptionParser.Request request;
        try {
            request = OptionParser.parse(command, args, 1);
            if (request == OptionParser.Request.HELP) {
                HelpText.printCommand(command, out);
                return PASSED;
            }
            if (request == OptionParser.Request.VERSION) {
                printVersion(out);
                return PASSED;
            }
        } catch (UsageException e) {
            return usageError(name, e, err);
        } catch (RuntimeException | Error e) {
            // a bug in an option's declaration or the help
            return BadInputMessage.internalError(name, e, err);
        }
        return call(name, command, out, err);
    }

    /**
     * Runs a command whose options are set. Bad input found while running ({@link InvalidRequestException})
     * and input that cannot be read or written ({@link WorkspaceException}, I/O errors) are {@value #USAGE}
     * with a one-line message on stderr; any
     * other exception, and any {@link Error} (a {@code NoClassDefFoundError} from a class missing in the
     * jar, an {@code OutOfMemoryError}), is {@value #INTERNAL_ERROR} with the stack trace, never an exit
     * code that means something else, such as 1.
     *
     * @param name the command as the user typed it, such as {@code aiwf validate}, for the messages
     */
    static int call(String name, AiwfCommand command, PrintWriter out, PrintWriter err) {
        try {
            return command.call(out);
        } catch (Exception e) {
            return BadInputMessage.report(name, command, e, err);
        } catch (Error e) {
            return BadInputMessage.internalError(name, e, err);
        }
    }

    /** {@code aiwf help [COMMAND]}: the help of aiwf, of a command, or of help itself. */
    private static int help(Map<String, String> environment, String[] args, PrintWriter out, PrintWriter err) {
        String name = NAME + " " + HELP_COMMAND;
        if (args.length == 1) {
            HelpText.printMain(out);
            return PASSED;
        }
        String topic = args[1];
        if (args.length > 2) {
            return usageError(name, new UsageException("Unexpected argument: '" + args[2] + "'; accepted: one "
                    + "command"), err);
        }
        if (ValidateCommand.NAME.equals(topic)) {
            HelpText.printCommand(new ValidateCommand(environment), out);
        } else if (ImplementCommand.NAME.equals(topic)) {
            HelpText.printCommand(new ImplementCommand(environment), out);
        } else if (RefineCommand.NAME.equals(topic)) {
            HelpText.printCommand(new RefineCommand(environment), out);
        } else if (HELP_COMMAND.equals(topic) || "-h".equals(topic) || OptionParser.HELP.equals(topic)) {
            HelpText.printHelpCommand(out);
        } else {
            return usageError(name, new UsageException("Unknown command: '" + topic + "'",
                    Suggestions.didYouMean(topic, COMMANDS)), err);
        }
        return PASSED;
    }

    /** One line naming the problem, a suggestion if there is one, and where the help is. */
    static int usageError(String name, UsageException problem, PrintWriter err) {
        err.println(name + ": " + problem.getMessage());
        if (problem.suggestion() != null) {
            err.println(problem.suggestion());
        }
        err.println("Try '" + name + " --help' for the options and the values they accept.");
        err.flush();
        return USAGE;
    }

    /**
     * The engine's log as a command prints it: each line on {@code out} as it happens, flushed at once so
     * that a long run shows its progress.
     */
    static EngineLog printingLog(PrintWriter out) {
        return EngineLog.to(new PrintingSink(out, null));
    }

    /** The same, each line through the redactor first. */
    static EngineLog printingLog(PrintWriter out, UnaryOperator<String> redactor) {
        return EngineLog.to(new PrintingSink(out, redactor));
    }

    /** {@code aiwf VERSION} and the Java it runs on. */
    static void printVersion(PrintWriter out) {
        out.println(NAME + " " + version());
        out.println("Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        out.flush();
    }

    /** The version the build wrote into {@code version.properties}. */
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

    /**
     * A writer on stdout or stderr in the encoding the JVM gives the stream ({@code sun.stdout.encoding}
     * on a Windows console), else the default one; lines are flushed as they are printed.
     */
    private static PrintWriter printWriter(OutputStream stream, String encodingProperty) {
        Charset charset = Charset.defaultCharset();
        String encoding = System.getProperty(encodingProperty);
        if (encoding != null) {
            try {
                charset = Charset.forName(encoding);
            } catch (IllegalArgumentException e) {
                // an encoding this JVM does not know: the default one
            }
        }
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(stream, charset)), true);
    }

    /** Prints each engine log line; a named class, not a lambda, which would cost a generated class at start-up. */
    private static final class PrintingSink implements Consumer<EngineLog.Line> {
        private final PrintWriter out;
        private final UnaryOperator<String> redactor;

        PrintingSink(PrintWriter out, UnaryOperator<String> redactor) {
            this.out = out;
            this.redactor = redactor;
        }

        @Override
        public void accept(EngineLog.Line line) {
            out.println(redactor == null ? line.toString() : redactor.apply(line.toString()));
            out.flush();
        }
    }

    /**
     * Killed (Ctrl-C, SIGTERM) while running: the engine's own hook ends a running command with all it
     * started; this ends any other child still running.
     */
    private static final class KillChildren implements Runnable {
        volatile boolean finished;

        @Override
        public void run() {
            if (!finished) {
                ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
            }
        }
    }

    /** Bad input found while running is a usage problem (exit 2), anything else a bug (exit 3). */
    static final class BadInputMessage {
        private BadInputMessage() {
        }

        /** Prints the message of an exception a command threw and returns its exit code. */
        static int report(String name, AiwfCommand command, Exception exception, PrintWriter err) {
            if (isBadInput(exception)) {
                err.println(name + ": " + exception.getMessage() + optionHint(exception, command));
                err.flush();
                return USAGE;
            }
            return internalError(name, exception, err);
        }

        static int internalError(String name, Throwable problem, PrintWriter err) {
            err.println(name + ": internal error, please report it with this stack trace: " + problem);
            problem.printStackTrace(err);
            err.flush();
            return INTERNAL_ERROR;
        }

        /**
         * The option that sets the refused parameter ({@link InvalidRequestException#parameter()}), as
         * {@code " (option --max-failures)"}, when the command has one; empty otherwise.
         */
        static String optionHint(Exception exception, AiwfCommand command) {
            if (!(exception instanceof InvalidRequestException)) {
                return "";
            }
            String parameter = ((InvalidRequestException) exception).parameter().orElse(null);
            String option = parameter == null ? null : command.optionFor(parameter);
            return option == null ? "" : " (option " + option + ")";
        }

        private static boolean isBadInput(Exception exception) {
            return exception instanceof InvalidRequestException || exception instanceof WorkspaceException
                    || exception instanceof IOException || exception instanceof UncheckedIOException;
        }
    }
}
