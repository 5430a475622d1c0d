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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code aiwf validate}: runs the test command (optional), reads the JUnit XML reports and
 * applies the quality gate. Each option is the kebab-case form of the engine parameter it
 * sets ({@code requireTests} is {@code --require-tests}); an option not given keeps the engine's
 * default, which is also what help shows ({@link EngineDefaults}).
 *
 * <p>Every boolean is a negatable switch: {@code --require-tests} means true and
 * {@code --no-require-tests} false, whatever the default, so that the plain form never switches
 * off a condition that is on by default.
 */
public final class ValidateCommand implements AiwfCommand {
    static final String NAME = "validate";

    private static final SharedOptionsHelp SHARED = new SharedOptionsHelp(
            "Directory the command runs in and report globs are relative to. Default: the current directory.",
            "Write the JSON result here (docs/json-result.md); written atomically, parent directories created. "
                    + "Default: none.");

    /** The options in the order help shows them; built per run, which costs a few small objects. */
    private static List<CliOption> declareOptions() {
        List<CliOption> options = new ArrayList<>();
        options.add(CliOption.list("--reports", "GLOB", "Ant-style pattern of the JUnit XML report files, relative "
                + "to the workspace, such as '**/target/surefire-reports/TEST-*.xml'. Repeatable; comma-separated "
                + "lists are accepted. Required.").required());
        options.add(CliOption.value("--command", "CMD", "Shell command run first in the workspace (sh -c, cmd /c "
                + "on Windows), such as 'mvn -B test'. Reports it did not write are ignored as stale. Default: none, "
                + "the reports are only read."));
        options.add(CliOption.value("--command-timeout", "DURATION", "The command's process tree is killed after "
                + "this, which fails the gate: 90s, 30m, 2h, 1h30m or ISO-8601 such as PT1H. Default: "
                + CliOption.DEFAULT_VALUE + "."));
        options.add(CliOption.value("--max-command-output-chars", "N", "Command output kept for the JSON result "
                + "(head and tail); all of it is still printed. Default: " + CliOption.DEFAULT_VALUE + "."));
        options.add(WorkspaceOption.option(SHARED));
        options.add(CliOption.value("--baseline", "FILE", "JSON result file of an earlier run (written by --json) "
                + "to compare with: test count, skips and already failing tests (also by identity). Default: none."));
        options.add(ResultFiles.jsonOption(SHARED));
        options.add(ResultFiles.markdownOption());
        options.add(CliOption.negatable("--require-tests", "Fail when no test was executed. Default: "
                + CliOption.DEFAULT_VALUE + "."));
        options.add(CliOption.value("--max-failures", "N", "Most failed or errored tests allowed. Default: "
                + CliOption.DEFAULT_VALUE + "."));
        options.add(CliOption.value("--min-pass-rate", "RATE", "Least share of executed tests that must pass: 0 to "
                + "1 such as 0.95, or a percentage such as 95%. Default: " + CliOption.DEFAULT_VALUE + "."));
        options.add(CliOption.negatable("--allow-test-decrease", "Allow fewer tests than the baseline. Default: "
                + CliOption.DEFAULT_VALUE + "."));
        options.add(CliOption.negatable("--allow-skip-increase", "Allow more skipped tests than the baseline. "
                + "Default: " + CliOption.DEFAULT_VALUE + "."));
        options.add(CliOption.negatable("--allow-missing-tests", "Allow a test that ran in the baseline to be "
                + "missing (deleted or renamed), by identity; a JSON baseline names only its failing tests. Default: "
                + CliOption.DEFAULT_VALUE + "."));
        options.add(CliOption.negatable("--allow-newly-skipped-tests", "Allow a test that ran in the baseline to be "
                + "skipped, by identity. Default: " + CliOption.DEFAULT_VALUE + "."));
        options.add(CliOption.negatable("--new-failures-only", "Count only failures of tests that did not fail in "
                + "the baseline; needs --baseline. Default: " + CliOption.DEFAULT_VALUE + "."));
        options.add(CliOption.negatable("--allow-flaky", "Allow tests that passed only on a rerun (they are always "
                + "reported). Default: " + CliOption.DEFAULT_VALUE + "."));
        options.add(CliOption.negatable("--allow-report-problems", "Allow empty, truncated or malformed report "
                + "files. Default: " + CliOption.DEFAULT_VALUE + "."));
        options.add(CliOption.list("--accepted-exit-codes", "CODE", "Exit codes of the command that pass, such as "
                + "0,1. Default: " + CliOption.DEFAULT_VALUE + "."));
        options.add(CliOption.value("--parser-threads", "N", "Report files read at once. Default: "
                + CliOption.DEFAULT_VALUE + " (half the processors, 1 to 4).").alias("--threads"));
        options.add(CliOption.value("--max-message-chars", "N", "Characters kept of each failure message (head and "
                + "tail). Default: " + CliOption.DEFAULT_VALUE + "."));
        options.add(CliOption.value("--max-details-chars", "N", "Characters kept of each failure's details, usually "
                + "a stack trace. Default: " + CliOption.DEFAULT_VALUE + "."));
        options.add(CliOption.value("--max-test-output-chars", "N", "Characters kept of each notable test's "
                + "system-out and system-err. Default: " + CliOption.DEFAULT_VALUE + "."));
        options.add(CliOption.value("--max-detailed-cases", "N", "Notable tests of each kind (failed, flaky, "
                + "skipped) that are kept in full; later ones are counted, not listed. Default: "
                + CliOption.DEFAULT_VALUE + "."));
        options.add(CliOption.value("--max-kept-text-chars", "N", "Characters of messages, details and output kept "
                + "for all listed tests together; once spent, later tests are listed without texts. Default: "
                + CliOption.DEFAULT_VALUE + "."));
        options.add(CliOption.value("--max-kept-name-chars", "N", "Characters of names and problem types kept for "
                + "all listed tests together; once spent, later tests are counted, not listed. Default: "
                + CliOption.DEFAULT_VALUE + "."));
        return options;
    }

    private final List<CliOption> options = declareOptions();
    /** The environment commands run in the workspace inherit. */
    private final Map<String, String> environment;

    // every field starts at the engine's default: an option not given leaves it there
    private final QualityGate defaultGate = QualityGate.defaults();
    final List<String> reports = new ArrayList<>();
    String command;
    Duration commandTimeout = ValidationRequest.DEFAULT_COMMAND_TIMEOUT;
    int maxCommandOutputChars = ValidationRequest.DEFAULT_MAX_COMMAND_OUTPUT_CHARS;
    final WorkspaceOption workspace = new WorkspaceOption();
    Path baseline;
    final ResultFiles resultFiles = new ResultFiles();
    boolean requireTests = defaultGate.requireTests();
    long maxFailures = defaultGate.maxFailures();
    double minPassRate = defaultGate.minPassRate();
    boolean allowTestDecrease = defaultGate.allowTestDecrease();
    boolean allowSkipIncrease = defaultGate.allowSkipIncrease();
    boolean allowMissingTests = defaultGate.allowMissingTests();
    boolean allowNewlySkippedTests = defaultGate.allowNewlySkippedTests();
    boolean newFailuresOnly = defaultGate.newFailuresOnly();
    boolean allowFlaky = defaultGate.allowFlaky();
    boolean allowReportProblems = defaultGate.allowReportProblems();
    /** Null until the option is given: then the given codes replace the engine's. */
    List<Integer> acceptedExitCodes;
    int parserThreads = ReportParser.defaultThreads();
    int maxMessageChars = TextLimits.DEFAULT.maxMessageChars();
    int maxDetailsChars = TextLimits.DEFAULT.maxDetailsChars();
    int maxTestOutputChars = TextLimits.DEFAULT.maxTestOutputChars();
    int maxDetailedCases = TextLimits.DEFAULT.maxDetailedCases();
    int maxKeptTextChars = TextLimits.DEFAULT.maxKeptTextChars();
    int maxKeptNameChars = TextLimits.DEFAULT.maxKeptNameChars();

    /** @param environment what the command run in the workspace inherits */
    ValidateCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<CliOption> options() {
        return options;
    }

    @Override
    public void set(String option, String value) {
        if (workspace.set(option, value) || resultFiles.set(option, value)) {
            return;
        }
        switch (option) {
            case "--reports" -> reports.add(value);
            case "--command" -> command = value;
            case "--command-timeout" -> commandTimeout = Converters.parseDuration(value);
            case "--max-command-output-chars" -> maxCommandOutputChars = Converters.parseInt(value);
            case "--baseline" -> baseline = Path.of(value);
            case "--require-tests" -> requireTests = Boolean.parseBoolean(value);
            case "--max-failures" -> maxFailures = Converters.parseLong(value);
            case "--min-pass-rate" -> minPassRate = Converters.parsePassRate(value);
            case "--allow-test-decrease" -> allowTestDecrease = Boolean.parseBoolean(value);
            case "--allow-skip-increase" -> allowSkipIncrease = Boolean.parseBoolean(value);
            case "--allow-missing-tests" -> allowMissingTests = Boolean.parseBoolean(value);
            case "--allow-newly-skipped-tests" -> allowNewlySkippedTests = Boolean.parseBoolean(value);
            case "--new-failures-only" -> newFailuresOnly = Boolean.parseBoolean(value);
            case "--allow-flaky" -> allowFlaky = Boolean.parseBoolean(value);
            case "--allow-report-problems" -> allowReportProblems = Boolean.parseBoolean(value);
            case "--accepted-exit-codes" -> {
                if (acceptedExitCodes == null) {
                    acceptedExitCodes = new ArrayList<>();
                }
                acceptedExitCodes.add(Converters.parseInt(value));
            }
            case "--parser-threads" -> parserThreads = Converters.parseInt(value);
            case "--max-message-chars" -> maxMessageChars = Converters.parseInt(value);
            case "--max-details-chars" -> maxDetailsChars = Converters.parseInt(value);
            case "--max-test-output-chars" -> maxTestOutputChars = Converters.parseInt(value);
            case "--max-detailed-cases" -> maxDetailedCases = Converters.parseInt(value);
            case "--max-kept-text-chars" -> maxKeptTextChars = Converters.parseInt(value);
            case "--max-kept-name-chars" -> maxKeptNameChars = Converters.parseInt(value);
            default -> throw new IllegalStateException("option " + option + " is declared but not handled");
        }
    }

    @Override
    public int call(PrintWriter out) throws IOException {
        ValidationRequest request = toRequest();
        resultFiles.checkTargets();
        LocalWorkspace root = workspace.open(environment);

        // validate holds no secret of its own (no API key) to mask
        EngineLog log = Aiwf.printingLog(out);
        ValidationResult result = new Validator().validate(request, root, log);
        for (String line : ConsoleSummary.render(result)) {
            out.println(line);
        }
        out.flush();
        if (resultFiles.requested()) {
            // only here: a lambda's class is made when its expression is first run
            resultFiles.write(out, stream -> ResultJson.write(result, stream), () -> MarkdownSummary.render(result));
        }
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
                .allowMissingTests(allowMissingTests)
                .allowNewlySkippedTests(allowNewlySkippedTests)
                .newFailuresOnly(newFailuresOnly)
                .allowFlaky(allowFlaky)
                .allowReportProblems(allowReportProblems)
                .acceptedExitCodes(acceptedExitCodes == null ? defaultGate.acceptedExitCodes() : acceptedExitCodes)
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
        return new TextLimits(maxMessageChars, maxDetailsChars, maxTestOutputChars, maxDetailedCases,
                maxKeptTextChars, maxKeptNameChars);
    }

    private static Baseline readBaseline(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Baseline.read(in, file.toString());
        } catch (IOException e) {
            String why = e instanceof NoSuchFileException ? "does not exist"
                    : e instanceof AccessDeniedException ? "is not readable (access denied)"
                    : "cannot be read (" + e.getMessage() + ")";
            throw new InvalidRequestException("baseline", "baseline '" + file + "' " + why
                    + "; accepted: a JSON result file written by 'aiwf validate --json' or aiValidate", e);
        }
    }

    @Override
    public CommandHelp help() {
        return new CommandHelp("aiwf validate --reports=GLOB[,GLOB...] [--command=CMD] [OPTIONS]",
                List.of("Decide with the quality gate whether a test run is good enough.",
                        "Runs the test command (optional), reads the JUnit XML reports it wrote and applies the gate. "
                                + "The gate is strict by default: tests must have run, none may fail, every report "
                                + "must be readable and the command must exit 0.",
                        "Engine log lines and the verdict with its reasons go to stdout, usage errors to stderr."),
                List.of(new CommandHelp.ExitCode(Aiwf.PASSED, "the quality gate passed"),
                        new CommandHelp.ExitCode(Aiwf.FAILED, "the quality gate failed; the reasons are printed"),
                        new CommandHelp.ExitCode(Aiwf.USAGE, "bad usage or unreadable input: unknown option, bad "
                                + "value, missing --reports, unreadable baseline, refused glob, missing workspace, "
                                + "output file not writable"),
                        new CommandHelp.ExitCode(Aiwf.INTERNAL_ERROR, "internal error (a bug): the stack trace is "
                                + "printed")),
                List.of("Relative --baseline, --json and --markdown paths are resolved against the current "
                                + "directory; report globs and the command against --workspace.",
                        "",
                        "Example:",
                        "  aiwf validate --command 'mvn -B test' \\",
                        "      --reports '**/target/surefire-reports/TEST-*.xml' \\",
                        "      --json target/aiwf/result.json"),
                EngineDefaults.DEFAULTS);
    }

    /**
     * The engine's default of each option, as help shows it; a run does not need these texts, its
     * fields start at the same engine values.
     */
    static final class EngineDefaults {
        static final Map<String, String> DEFAULTS = defaults();

        private EngineDefaults() {
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
            defaults.put("--allow-missing-tests", String.valueOf(gate.allowMissingTests()));
            defaults.put("--allow-newly-skipped-tests", String.valueOf(gate.allowNewlySkippedTests()));
            defaults.put("--new-failures-only", String.valueOf(gate.newFailuresOnly()));
            defaults.put("--allow-flaky", String.valueOf(gate.allowFlaky()));
            defaults.put("--allow-report-problems", String.valueOf(gate.allowReportProblems()));
            List<String> codes = new ArrayList<>();
            for (Integer code : gate.acceptedExitCodes()) {
                codes.add(String.valueOf(code));
            }
            defaults.put("--accepted-exit-codes", String.join(",", codes));
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
}
