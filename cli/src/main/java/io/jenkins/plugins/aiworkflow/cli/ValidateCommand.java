package io.jenkins.plugins.aiworkflow.cli;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.log.EngineLog;
import io.jenkins.plugins.aiworkflow.engine.output.ConsoleSummary;
import io.jenkins.plugins.aiworkflow.engine.output.MarkdownSummary;
import io.jenkins.plugins.aiworkflow.engine.output.ResultJson;
import io.jenkins.plugins.aiworkflow.engine.report.ReportParser;
import io.jenkins.plugins.aiworkflow.engine.report.TextLimits;
import io.jenkins.plugins.aiworkflow.engine.validate.Baseline;
import io.jenkins.plugins.aiworkflow.engine.validate.QualityGate;
import io.jenkins.plugins.aiworkflow.engine.validate.ValidationRequest;
import io.jenkins.plugins.aiworkflow.engine.validate.ValidationResult;
import io.jenkins.plugins.aiworkflow.engine.validate.Validator;
import io.jenkins.plugins.aiworkflow.engine.workspace.LocalWorkspace;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code aiwf validate}: runs the test command (optional), reads the JUnit XML reports and
 * applies the quality gate. Each option is the kebab-case form of the engine parameter it
 * sets ({@code requireTests} is {@code --require-tests}); defaults come from the engine.
 *
 * <p>Every boolean is negatable ({@code --no-require-tests}) and has {@code fallbackValue = "true"}:
 * without it picocli would make the plain form mean "the opposite of the default", so
 * {@code --require-tests} would switch off a condition that is on by default.
 */
@Command(name = "validate",
        mixinStandardHelpOptions = true,
        versionProvider = Aiwf.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        customSynopsis = "aiwf validate --reports=GLOB[,GLOB...] [--command=CMD] [OPTIONS]",
        defaultValueProvider = ValidateCommand.EngineDefaults.class,
        resourceBundle = "io.jenkins.plugins.aiworkflow.cli.ValidateCommand$Help",
        description = {
            "Decide with the quality gate whether a test run is good enough.",
            "Runs the test command (optional), reads the JUnit XML reports it wrote and applies the gate. The "
                    + "gate is strict by default: tests must have run, none may fail, every report must be "
                    + "readable and the command must exit 0.",
            "Engine log lines and the verdict with its reasons go to stdout, usage errors to stderr."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            Aiwf.PASSED + ":the quality gate passed",
            Aiwf.FAILED + ":the quality gate failed; the reasons are printed",
            Aiwf.USAGE + ":bad usage or unreadable input: unknown option, bad value, missing --reports, "
                    + "unreadable baseline, refused glob, missing workspace, output file not writable",
            Aiwf.INTERNAL_ERROR + ":internal error (a bug): the stack trace is printed"
        },
        footer = {"",
            "Relative --baseline, --json and --markdown paths are resolved against the current directory; "
                    + "report globs and the command against --workspace.",
            "",
            "Example:",
            "  aiwf validate --command 'mvn -B test' \\",
            "      --reports '**/target/surefire-reports/TEST-*.xml' --json target/aiwf/result.json"})
public final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--reports", required = true, split = ",", paramLabel = "GLOB",
            description = "Ant-style pattern of the JUnit XML report files, relative to the workspace, such as "
                    + "'**/target/surefire-reports/TEST-*.xml'. Repeatable; comma-separated lists are accepted. "
                    + "Required.")
    List<String> reports;

    @Option(names = "--command", paramLabel = "CMD",
            description = "Shell command run first in the workspace (sh -c, cmd /c on Windows), such as 'mvn -B "
                    + "test'. Reports it did not write are ignored as stale. Default: none, the reports are only "
                    + "read.")
    String command;

    @Option(names = "--command-timeout", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "The command's process tree is killed after this, which fails the gate: 90s, 30m, 2h, "
                    + "1h30m or ISO-8601 such as PT1H. Default: ${DEFAULT-VALUE}.")
    Duration commandTimeout;

    @Option(names = "--max-command-output-chars", paramLabel = "N",
            description = "Command output kept for the JSON result (head and tail); all of it is still printed. "
                    + "Default: ${DEFAULT-VALUE}.")
    int maxCommandOutputChars;

    @Mixin
    WorkspaceOption workspace;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "JSON result file of an earlier run (written by --json) to compare with: test count, "
                    + "skips and already failing tests. Default: none.")
    Path baseline;

    @Mixin
    ResultFiles resultFiles;

    @Option(names = "--require-tests", negatable = true, fallbackValue = "true",
            description = "Fail when no test was executed. Default: ${DEFAULT-VALUE}.")
    boolean requireTests;

    @Option(names = "--max-failures", paramLabel = "N",
            description = "Most failed or errored tests allowed. Default: ${DEFAULT-VALUE}.")
    long maxFailures;

    @Option(names = "--min-pass-rate", paramLabel = "RATE", converter = Converters.PassRateConverter.class,
            description = "Least share of executed tests that must pass: 0 to 1 such as 0.95, or a percentage "
                    + "such as 95%%. Default: ${DEFAULT-VALUE}.")
    double minPassRate;

    @Option(names = "--allow-test-decrease", negatable = true, fallbackValue = "true",
            description = "Allow fewer tests than the baseline. Default: ${DEFAULT-VALUE}.")
    boolean allowTestDecrease;

    @Option(names = "--allow-skip-increase", negatable = true, fallbackValue = "true",
            description = "Allow more skipped tests than the baseline. Default: ${DEFAULT-VALUE}.")
    boolean allowSkipIncrease;

    @Option(names = "--new-failures-only", negatable = true, fallbackValue = "true",
            description = "Count only failures of tests that did not fail in the baseline; needs --baseline. "
                    + "Default: ${DEFAULT-VALUE}.")
    boolean newFailuresOnly;

    @Option(names = "--allow-flaky", negatable = true, fallbackValue = "true",
            description = "Allow tests that passed only on a rerun (they are always reported). "
                    + "Default: ${DEFAULT-VALUE}.")
    boolean allowFlaky;

    @Option(names = "--allow-report-problems", negatable = true, fallbackValue = "true",
            description = "Allow empty, truncated or malformed report files. Default: ${DEFAULT-VALUE}.")
    boolean allowReportProblems;

    @Option(names = "--accepted-exit-codes", split = ",", paramLabel = "CODE",
            description = "Exit codes of the command that pass, such as 0,1. Default: ${DEFAULT-VALUE}.")
    List<Integer> acceptedExitCodes;

    @Option(names = {"--parser-threads", "--threads"}, paramLabel = "N",
            description = "Report files read at once. Default: ${DEFAULT-VALUE} (half the processors, 1 to 4).")
    int parserThreads;

    @Option(names = "--max-message-chars", paramLabel = "N",
            description = "Characters kept of each failure message (head and tail). Default: ${DEFAULT-VALUE}.")
    int maxMessageChars;

    @Option(names = "--max-details-chars", paramLabel = "N",
            description = "Characters kept of each failure's details, usually a stack trace. "
                    + "Default: ${DEFAULT-VALUE}.")
    int maxDetailsChars;

    @Option(names = "--max-test-output-chars", paramLabel = "N",
            description = "Characters kept of each notable test's system-out and system-err. "
                    + "Default: ${DEFAULT-VALUE}.")
    int maxTestOutputChars;

    @Option(names = "--max-detailed-cases", paramLabel = "N",
            description = "Notable tests of each kind (failed, flaky, skipped) that are kept in full; later ones "
                    + "are counted, not listed. Default: ${DEFAULT-VALUE}.")
    int maxDetailedCases;

    @Option(names = "--max-kept-text-chars", paramLabel = "N",
            description = "Characters of messages, details and output kept for all listed tests together; "
                    + "once spent, later tests are listed without texts. Default: ${DEFAULT-VALUE}.")
    int maxKeptTextChars;

    @Option(names = "--max-kept-name-chars", paramLabel = "N",
            description = "Characters of names and problem types kept for all listed tests together; once "
                    + "spent, later tests are counted, not listed. Default: ${DEFAULT-VALUE}.")
    int maxKeptNameChars;

    @Override
    public Integer call() throws IOException {
        ValidationRequest request = toRequest();
        resultFiles.checkTargets();
        LocalWorkspace root = workspace.open(System.getenv());

        PrintWriter out = spec.commandLine().getOut();
        // validate holds no secret of its own (no API key) to mask
        EngineLog log = Aiwf.printingLog(out, UnaryOperator.identity());
        ValidationResult result = new Validator().validate(request, root, log);
        ConsoleSummary.render(result).forEach(out::println);
        out.flush();
        resultFiles.write(out, stream -> ResultJson.write(result, stream), () -> MarkdownSummary.render(result));
        return result.verdict().passed() ? Aiwf.PASSED : Aiwf.FAILED;
    }

    /** The one engine request these options stand for; the engine checks every value. */
    ValidationRequest toRequest() {
        QualityGate gate = QualityGate.builder()
                .requireTests(requireTests)
                .maxFailures(maxFailures)
                .minPassRate(minPassRate)
                .allowTestDecrease(allowTestDecrease)
                .allowSkipIncrease(allowSkipIncrease)
                .newFailuresOnly(newFailuresOnly)
                .allowFlaky(allowFlaky)
                .allowReportProblems(allowReportProblems)
                .acceptedExitCodes(acceptedExitCodes)
                .build();
        return ValidationRequest.builder()
                .reports(reports)
                .command(command)
                .commandTimeout(commandTimeout)
                .maxCommandOutputChars(maxCommandOutputChars)
                .gate(gate)
                .baseline(baseline == null ? null : readBaseline(baseline))
                .textLimits(textLimits())
                .parserThreads(parserThreads)
                .build();
    }

    private TextLimits textLimits() {
        try {
            return new TextLimits(maxMessageChars, maxDetailsChars, maxTestOutputChars, maxDetailedCases,
                    maxKeptTextChars, maxKeptNameChars);
        } catch (IllegalArgumentException e) {
            // TextLimits names its component (maxMessageChars ...), the kebab-case form is the option
            throw new InvalidRequestException(e.getMessage(), e);
        }
    }

    private static Baseline readBaseline(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Baseline.read(in, file.toString());
        } catch (IOException e) {
            String why = e instanceof NoSuchFileException ? "does not exist"
                    : e instanceof AccessDeniedException ? "is not readable (access denied)"
                    : "cannot be read (" + e.getMessage() + ")";
            throw new InvalidRequestException("baseline '" + file + "' " + why
                    + "; accepted: a JSON result file written by 'aiwf validate --json' or aiValidate", e);
        }
    }

    /** Every default shown by {@code --help} and used when an option is not given is the engine's. */
    static final class EngineDefaults extends EngineDefaultValues {
        static final Map<String, String> DEFAULTS = defaults();

        EngineDefaults() {
            super(DEFAULTS);
        }

        private static Map<String, String> defaults() {
            QualityGate gate = QualityGate.defaults();
            TextLimits limits = TextLimits.DEFAULT;
            Map<String, String> defaults = new HashMap<>();
            defaults.put("--command-timeout", Converters.formatDuration(ValidationRequest.DEFAULT_COMMAND_TIMEOUT));
            defaults.put("--max-command-output-chars",
                    String.valueOf(ValidationRequest.DEFAULT_MAX_COMMAND_OUTPUT_CHARS));
            defaults.put("--require-tests", String.valueOf(gate.requireTests()));
            defaults.put("--max-failures", String.valueOf(gate.maxFailures()));
            defaults.put("--min-pass-rate", String.valueOf(gate.minPassRate()));
            defaults.put("--allow-test-decrease", String.valueOf(gate.allowTestDecrease()));
            defaults.put("--allow-skip-increase", String.valueOf(gate.allowSkipIncrease()));
            defaults.put("--new-failures-only", String.valueOf(gate.newFailuresOnly()));
            defaults.put("--allow-flaky", String.valueOf(gate.allowFlaky()));
            defaults.put("--allow-report-problems", String.valueOf(gate.allowReportProblems()));
            defaults.put("--accepted-exit-codes", gate.acceptedExitCodes().stream().map(String::valueOf)
                    .collect(Collectors.joining(",")));
            defaults.put("--parser-threads", String.valueOf(ReportParser.defaultThreads()));
            defaults.put("--max-message-chars", String.valueOf(limits.maxMessageChars()));
            defaults.put("--max-details-chars", String.valueOf(limits.maxDetailsChars()));
            defaults.put("--max-test-output-chars", String.valueOf(limits.maxTestOutputChars()));
            defaults.put("--max-detailed-cases", String.valueOf(limits.maxDetailedCases()));
            defaults.put("--max-kept-text-chars", String.valueOf(limits.maxKeptTextChars()));
            defaults.put("--max-kept-name-chars", String.valueOf(limits.maxKeptNameChars()));
            return Map.copyOf(defaults);
        }
    }

    /** This command's words for the shared options whose meaning is its own (see {@code resourceBundle}). */
    public static final class Help extends SharedOptionsHelp {
        private static final String WORKSPACE = "Directory the command runs in and report globs are relative to. "
                + "Default: the current directory.";
        private static final String JSON = "Write the JSON result here (docs/json-result.md); written atomically, "
                + "parent directories created. Default: none.";

        public Help() {
            super(WORKSPACE, JSON);
        }
    }
}
