package io.jenkins.plugins.aiworkflow.cli;

import io.jenkins.plugins.aiworkflow.engine.report.ReportParser;
import io.jenkins.plugins.aiworkflow.engine.report.TextLimits;
import io.jenkins.plugins.aiworkflow.engine.validate.Baseline;
import io.jenkins.plugins.aiworkflow.engine.validate.QualityGate;
import io.jenkins.plugins.aiworkflow.engine.validate.ValidationRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of the validation step, declared once and shared by every command that runs it:
 * {@code validate}, and {@code refine}, which validates after every attempt. Two groups, so that each
 * command places its own options between them as its help shows them: the test command and its reports
 * ({@link #declareCommand}), then the gate and how reports are read ({@link #declareGate}). Each option is
 * the kebab-case form of the engine parameter it sets; every field starts at the engine's default.
 *
 * <p>Loaded by every {@code validate} run: nothing of the agent, and the help's defaults only in
 * {@link EngineDefaults}, which a run does not load.
 */
final class ValidationOptions {
    private final QualityGate defaultGate = QualityGate.defaults();
    final List<String> reports = new ArrayList<>();
    String command;
    Duration commandTimeout = ValidationRequest.DEFAULT_COMMAND_TIMEOUT;
    int maxCommandOutputChars = ValidationRequest.DEFAULT_MAX_COMMAND_OUTPUT_CHARS;
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

    /**
     * {@code --reports}, {@code --command}, {@code --command-timeout}, {@code --max-command-output-chars}.
     *
     * @param reportsHelp   the end of the help of {@code --reports}: whether it repeats, that it is required
     * @param commandOption {@code --command} as this command words it (optional in validate, required in refine)
     */
    static void declareCommand(List<CliOption> options, String reportsHelp, CliOption commandOption) {
        options.add(CliOption.list("--reports", "GLOB", "Ant-style pattern of the JUnit XML report files, relative "
                + "to the workspace, such as '**/target/surefire-reports/TEST-*.xml'. " + reportsHelp).required());
        options.add(commandOption);
        options.add(CliOption.value("--command-timeout", "DURATION", "The command's process tree is killed after "
                + "this, which fails the gate: 90s, 30m, 2h, 1h30m or ISO-8601 such as PT1H. Default: "
                + CliOption.DEFAULT_VALUE + "."));
        options.add(CliOption.value("--max-command-output-chars", "N", "Command output kept for the JSON result "
                + "(head and tail); all of it is still printed. Default: " + CliOption.DEFAULT_VALUE + "."));
    }

    /**
     * The gate's conditions, then how reports are read.
     *
     * @param newFailuresOnly whether to offer {@code --new-failures-only}: a validation request refuses it without a
     *                        baseline, so {@code refine}, whose baseline is iteration 0 and known only once the run
     *                        started, cannot offer it
     */
    static void declareGate(List<CliOption> options, boolean newFailuresOnly) {
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
        if (newFailuresOnly) {
            options.add(CliOption.negatable("--new-failures-only", "Count only failures of tests that did not fail "
                    + "in the baseline; needs --baseline. Default: " + CliOption.DEFAULT_VALUE + "."));
        }
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
    }

    /** Takes the value if {@code option} is one of these; false for any other option. */
    boolean set(String option, String value) {
        switch (option) {
            case "--reports" -> reports.add(value);
            case "--command" -> command = value;
            case "--command-timeout" -> commandTimeout = Converters.parseDuration(value);
            case "--max-command-output-chars" -> maxCommandOutputChars = Converters.parseInt(value);
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
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The one engine request these options stand for; the engine checks every value. */
    ValidationRequest toRequest(Baseline baseline) {
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
                .baseline(baseline)
                .textLimits(new TextLimits(maxMessageChars, maxDetailsChars, maxTestOutputChars, maxDetailedCases,
                        maxKeptTextChars, maxKeptNameChars))
                .parserThreads(parserThreads)
                .build();
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
