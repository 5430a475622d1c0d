package io.jenkins.plugins.aiworkflow.cli;

import static io.jenkins.plugins.aiworkflow.cli.JUnitXml.failed;
import static io.jenkins.plugins.aiworkflow.cli.JUnitXml.passed;
import static io.jenkins.plugins.aiworkflow.cli.JUnitXml.suite;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.aiworkflow.engine.report.ReportParser;
import io.jenkins.plugins.aiworkflow.engine.report.TextLimits;
import io.jenkins.plugins.aiworkflow.engine.validate.QualityGate;
import io.jenkins.plugins.aiworkflow.engine.validate.ValidationRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code aiwf validate} in-process: how options become the engine request, and how problems become exit codes. */
class ValidateCommandTest {
    /** Engine builder methods the CLI deliberately does not offer as options. */
    private static final Set<String> NOT_OPTIONS = Set.of("build", "gate", "textLimits", "commandEnvironment");

    @TempDir
    Path workspace;

    @Test
    void shouldUseTheEngineDefaultsWhenOnlyReportsAreGiven() {
        // given
        QualityGate engine = QualityGate.defaults();

        // when
        ValidationRequest request = request("--reports", "**/TEST-*.xml");

        // then
        QualityGate gate = request.gate();
        assertThat(gate.requireTests()).isEqualTo(engine.requireTests());
        assertThat(gate.maxFailures()).isEqualTo(engine.maxFailures());
        assertThat(gate.minPassRate()).isEqualTo(engine.minPassRate());
        assertThat(gate.allowTestDecrease()).isEqualTo(engine.allowTestDecrease());
        assertThat(gate.allowSkipIncrease()).isEqualTo(engine.allowSkipIncrease());
        assertThat(gate.allowMissingTests()).isEqualTo(engine.allowMissingTests()).isFalse();
        assertThat(gate.allowNewlySkippedTests()).isEqualTo(engine.allowNewlySkippedTests()).isFalse();
        assertThat(gate.newFailuresOnly()).isEqualTo(engine.newFailuresOnly());
        assertThat(gate.allowFlaky()).isEqualTo(engine.allowFlaky());
        assertThat(gate.allowReportProblems()).isEqualTo(engine.allowReportProblems());
        assertThat(gate.acceptedExitCodes()).isEqualTo(engine.acceptedExitCodes());
        assertThat(request.reports()).containsExactly("**/TEST-*.xml");
        assertThat(request.command()).isNull();
        assertThat(request.baseline()).isNull();
        assertThat(request.commandTimeout()).isEqualTo(ValidationRequest.DEFAULT_COMMAND_TIMEOUT);
        assertThat(request.maxCommandOutputChars()).isEqualTo(ValidationRequest.DEFAULT_MAX_COMMAND_OUTPUT_CHARS);
        assertThat(request.textLimits()).isEqualTo(TextLimits.DEFAULT);
        assertThat(request.parserThreads()).isEqualTo(ReportParser.defaultThreads());
    }

    @Test
    void shouldTranslateEveryOptionIntoTheRequest() throws IOException {
        // given
        Path baseline = workspace.resolve("baseline.json");
        Files.writeString(baseline, "{\"totals\": {\"tests\": 3, \"passed\": 2, \"failures\": 1, \"errors\": 0, "
                + "\"skipped\": 0, \"flaky\": 0}, \"failures\": [{\"className\": \"com.acme.A\", \"name\": \"b\"}]}");

        // when
        ValidationRequest request = request("--reports", "a/*.xml", "--command", "make test",
                "--command-timeout", "90s", "--max-command-output-chars", "100", "--baseline", baseline.toString(),
                "--no-require-tests", "--max-failures", "3", "--min-pass-rate", "0.9", "--allow-test-decrease",
                "--allow-skip-increase", "--allow-missing-tests", "--allow-newly-skipped-tests", "--new-failures-only", "--no-allow-flaky", "--allow-report-problems",
                "--accepted-exit-codes", "0,1", "--parser-threads", "2", "--max-message-chars", "10",
                "--max-details-chars", "20", "--max-test-output-chars", "30", "--max-detailed-cases", "40",
                "--max-kept-text-chars", "50", "--max-kept-name-chars", "60");

        // then
        QualityGate gate = request.gate();
        assertThat(gate.requireTests()).isFalse();
        assertThat(gate.maxFailures()).isEqualTo(3);
        assertThat(gate.minPassRate()).isEqualTo(0.9);
        assertThat(gate.allowTestDecrease()).isTrue();
        assertThat(gate.allowSkipIncrease()).isTrue();
        assertThat(gate.allowMissingTests()).isTrue();
        assertThat(gate.allowNewlySkippedTests()).isTrue();
        assertThat(gate.newFailuresOnly()).isTrue();
        assertThat(gate.allowFlaky()).isFalse();
        assertThat(gate.allowReportProblems()).isTrue();
        assertThat(gate.acceptedExitCodes()).containsExactly(0, 1);
        assertThat(request.command()).isEqualTo("make test");
        assertThat(request.commandTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(request.maxCommandOutputChars()).isEqualTo(100);
        assertThat(request.baseline().counts().tests()).isEqualTo(3);
        assertThat(request.baseline().failedIds()).extracting(Object::toString).containsExactly("com.acme.A.b");
        assertThat(request.parserThreads()).isEqualTo(2);
        assertThat(request.textLimits()).isEqualTo(new TextLimits(10, 20, 30, 40, 50, 60));
    }

    @Test
    void shouldMakeThePlainFormOfANegatableOptionMeanTrueWhateverTheDefault() {
        // when
        QualityGate plain = request("--reports", "*.xml", "--require-tests", "--allow-flaky",
                "--allow-test-decrease").gate();
        QualityGate negated = request("--reports", "*.xml", "--no-require-tests", "--no-allow-flaky",
                "--no-allow-test-decrease").gate();

        // then
        assertThat(plain.requireTests()).isTrue();
        assertThat(plain.allowFlaky()).isTrue();
        assertThat(plain.allowTestDecrease()).isTrue();
        assertThat(negated.requireTests()).isFalse();
        assertThat(negated.allowFlaky()).isFalse();
        assertThat(negated.allowTestDecrease()).isFalse();
    }

    @Test
    void shouldLetALaterOptionOverrideAnEarlierOne() {
        // when
        ValidationRequest request = request("--reports", "*.xml", "--max-failures", "1", "--no-require-tests",
                "--max-failures", "2", "--require-tests");

        // then
        assertThat(request.gate().maxFailures()).isEqualTo(2);
        assertThat(request.gate().requireTests()).isTrue();
    }

    @Test
    void shouldLetTheLastOfSeveralValuesWinWhateverTheirForm() {
        // when
        ValidationRequest request = request("--reports", "*.xml", "--command-timeout=1m", "--command-timeout", "2m",
                "--min-pass-rate", "90%", "--min-pass-rate=0.5", "--no-allow-flaky", "--allow-flaky",
                "--parser-threads", "1", "--threads", "3", "--command", "first", "--command=second");

        // then
        assertThat(request.commandTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(request.gate().minPassRate()).isEqualTo(0.5);
        assertThat(request.gate().allowFlaky()).isTrue();
        assertThat(request.parserThreads()).isEqualTo(3);
        assertThat(request.command()).isEqualTo("second");
    }

    @Test
    void shouldAcceptAValueAfterAnEqualsSign() {
        // when
        ValidationRequest request = request("--reports=a/*.xml,b/*.xml", "--max-failures=3", "--min-pass-rate=95%",
                "--command=make test --flag=x", "--accepted-exit-codes=0,1", "--max-failures=-1", "--max-failures=4",
                "--command-timeout=PT2H");

        // then
        assertThat(request.reports()).containsExactly("a/*.xml", "b/*.xml");
        assertThat(request.gate().maxFailures()).isEqualTo(4);
        assertThat(request.gate().minPassRate()).isEqualTo(0.95);
        assertThat(request.command()).isEqualTo("make test --flag=x");
        assertThat(request.gate().acceptedExitCodes()).containsExactly(0, 1);
        assertThat(request.commandTimeout()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void shouldTakeValuesAsTheShellPassedThem() {
        // when: quotes the shell left in stay, a value may start with a hyphen
        ValidateCommand quoted = parse("--reports", "*.xml", "--command", "\"quoted\"", "--max-failures", "-1");
        ValidateCommand hyphen = parse("--reports", "*.xml", "--command", "-x", "--baseline", "-reports");

        // then
        assertThat(quoted.validation.command).isEqualTo("\"quoted\"");
        assertThat(quoted.validation.maxFailures).isEqualTo(-1);
        assertThat(hyphen.validation.command).isEqualTo("-x");
        assertThat(hyphen.baseline).isEqualTo(Path.of("-reports"));
    }

    @Test
    void shouldExitTwoOnAnArgumentThatIsNoOption() {
        // when
        Run run = run("validate", "--reports", "*.xml", "extra");

        // then
        assertThat(run.exitCode).isEqualTo(Aiwf.USAGE);
        assertThat(run.err).contains("aiwf validate: Unexpected argument: 'extra'", "Try 'aiwf validate --help'");
    }

    @Test
    void shouldAcceptRepeatedAndCommaSeparatedReportPatterns() {
        // when
        ValidationRequest request = request("--reports", "a/TEST-*.xml,b/TEST-*.xml", "--reports", "c/**/*.xml");

        // then
        assertThat(request.reports()).containsExactly("a/TEST-*.xml", "b/TEST-*.xml", "c/**/*.xml");
    }

    @Test
    void shouldReplaceTheDefaultExitCodesWhenSomeAreGiven() {
        // when
        ValidationRequest request = request("--reports", "*.xml", "--accepted-exit-codes", "3",
                "--accepted-exit-codes", "5");

        // then
        assertThat(request.gate().acceptedExitCodes()).containsExactly(3, 5);
    }

    @Test
    void shouldAcceptThreadsAsAShortNameForParserThreads() {
        // when
        ValidationRequest request = request("--reports", "*.xml", "--threads", "3");

        // then
        assertThat(request.parserThreads()).isEqualTo(3);
    }

    @ParameterizedTest
    @CsvSource({"0.95, 0.95", "95%, 0.95", "99.9%, 0.999", "0, 0.0", "100%, 1.0", "1, 1.0"})
    void shouldAcceptThePassRateAsAShareOrAPercentage(String option, double share) {
        // when
        ValidationRequest request = request("--reports", "*.xml", "--min-pass-rate", option);

        // then
        assertThat(request.gate().minPassRate()).isEqualTo(share);
    }

    @ParameterizedTest
    @CsvSource({"90s, PT1M30S", "30m, PT30M", "2h, PT2H", "1h30m, PT1H30M", "500ms, PT0.5S", "PT1H, PT1H",
        "pt45s, PT45S"})
    void shouldAcceptDurationsWithUnitsOrInIso8601(String option, String expected) {
        // when
        ValidationRequest request = request("--reports", "*.xml", "--command-timeout", option);

        // then
        assertThat(request.commandTimeout()).isEqualTo(Duration.parse(expected));
    }

    @Test
    void shouldNameEveryEngineParameterByItsKebabCaseForm() {
        // given
        List<String> parameters = new ArrayList<>();
        Stream.of(QualityGate.Builder.class, ValidationRequest.Builder.class)
                .flatMap(type -> Stream.of(type.getDeclaredMethods()))
                .filter(method -> Modifier.isPublic(method.getModifiers()))
                .map(Method::getName)
                .filter(name -> !NOT_OPTIONS.contains(name))
                .forEach(parameters::add);
        Stream.of(TextLimits.class.getRecordComponents()).map(RecordComponent::getName).forEach(parameters::add);

        // when
        Set<String> options = new TreeSet<>(OptionParser.names(validateOptions()));

        // then
        assertThat(parameters).isNotEmpty();
        for (String parameter : parameters) {
            assertThat(options).as("option for engine parameter %s", parameter).contains(kebab(parameter));
        }
    }

    @Test
    void shouldDocumentEveryOptionWithItsDefaultAndTheExitCodesInHelp() {
        // when
        Run run = run("validate", "--help");

        // then: the help is wrapped at 80 columns, so words are compared, not lines
        String help = run.out.replaceAll("\\s+", " ");
        assertThat(run.exitCode).isZero();
        assertThat(run.err).isEmpty();
        assertThat(help)
                .contains("--[no-]require-tests", "--max-failures=N", "--min-pass-rate=RATE", "--reports=GLOB[,GLOB...]",
                        "--accepted-exit-codes=CODE[,CODE...]", "--parser-threads=N, --threads=N")
                .contains("Default: " + ValidateCommand.EngineDefaults.DEFAULTS.get("--max-message-chars") + ".")
                .contains("Default: 1h.")
                .contains("Exit codes:", "the quality gate passed", "the quality gate failed")
                .contains("Example: aiwf validate --command 'mvn -B test'")
                .doesNotContain("${DEFAULT-VALUE}", "Default: null");
        for (CliOption option : validateOptions()) {
            String description = HelpText.description(option, ValidateCommand.EngineDefaults.DEFAULTS);
            assertThat(help).as("help of %s", option.name()).contains(HelpText.synopsis(option) + " " + description);
            assertThat(description).as("default of %s", option.name()).containsAnyOf("Default:", "Required.");
        }
    }

    @Test
    void shouldShowTheEngineDefaultOfEveryOptionThatHasOneInHelp() {
        // given
        String help = run("validate", "--help").out;
        Set<String> withDefault = new TreeSet<>();
        for (CliOption option : validateOptions()) {
            if (option.description().contains(CliOption.DEFAULT_VALUE)) {
                withDefault.add(option.name());
            }
        }

        // then: every default the engine has, in the help of the option it belongs to
        assertThat(ValidateCommand.EngineDefaults.DEFAULTS.keySet()).isEqualTo(withDefault);
        ValidateCommand.EngineDefaults.DEFAULTS.forEach((name, value) -> assertThat(
                HelpTexts.optionHelp(help, HelpText.synopsis(OptionParser.find(validateOptions(), name))))
                .as("help of %s", name).contains("Default: " + value));
        assertThat(HelpTexts.optionHelp(help, "--workspace=DIR")).endsWith("Default: the current directory.");
        assertThat(HelpTexts.optionHelp(help, "--json=FILE")).endsWith("Default: none.");
    }

    @Test
    void shouldPrintTheVersionTheBuildWroteDown() {
        // when
        Run run = run("--version");
        Run ofValidate = run("validate", "--version");

        // then
        assertThat(run.exitCode).isZero();
        assertThat(run.out).startsWith("aiwf ").doesNotContain("unknown").doesNotContain("${");
        assertThat(ofValidate.exitCode).isZero();
        assertThat(ofValidate.out).isEqualTo(run.out);
    }

    @Test
    void shouldExitTwoWhenNoCommandIsGiven() {
        // when
        Run run = run();

        // then
        assertThat(run.exitCode).isEqualTo(Aiwf.USAGE);
        assertThat(run.err).contains("Missing required subcommand").contains("aiwf --help");
    }

    @Test
    void shouldExitTwoAndSuggestTheOptionWhenOneIsMisspelled() {
        // when
        Run run = run("validate", "--reports", "*.xml", "--max-failure", "1");
        Run swapped = run("validate", "--reprots", "*.xml");
        Run negated = run("validate", "--reports", "*.xml", "--no-require-test");

        // then
        assertThat(run.exitCode).isEqualTo(Aiwf.USAGE);
        assertThat(run.err.lines()).containsExactly("aiwf validate: Unknown option: '--max-failure'",
                "Did you mean --max-failures?",
                "Try 'aiwf validate --help' for the options and the values they accept.");
        assertThat(run.out).isEmpty();
        assertThat(swapped.err).contains("Unknown option: '--reprots'", "Did you mean --reports?");
        assertThat(negated.err).contains("Unknown option: '--no-require-test'", "Did you mean --no-require-tests?");
    }

    @ParameterizedTest
    @CsvSource({"--max-fail, --max-failures", "--require, --require-tests", "--work, --workspace",
        "--thread, --threads"})
    void shouldRefuseAShortenedOptionAndSuggestItsFullName(String shortened, String full) {
        // when
        Run run = run("validate", "--workspace", workspace.toString(), "--reports", "*.xml", shortened, "1");

        // then
        assertThat(run.exitCode).isEqualTo(Aiwf.USAGE);
        assertThat(run.err).contains("Unknown option: '" + shortened + "'").contains(full);
        assertThat(run.out).isEmpty();
    }

    @Test
    void shouldRefuseALongOptionWithOneHyphen() {
        // when: Commons CLI alone would read these as --reports and as --workspace with the value x
        Run oneHyphen = run("validate", "-reports", "*.xml");
        Run glued = run("validate", "--reports", "*.xml", "-workspacex");

        // then
        assertThat(oneHyphen.exitCode).isEqualTo(Aiwf.USAGE);
        assertThat(oneHyphen.err).contains("Unknown option: '-reports'", "Did you mean --reports?");
        assertThat(glued.exitCode).isEqualTo(Aiwf.USAGE);
        assertThat(glued.err).contains("Unknown option: '-workspacex'");
    }

    @Test
    void shouldExitTwoWhenASwitchIsGivenAValue() {
        // when
        Run withEquals = run("validate", "--reports", "*.xml", "--require-tests=false");
        Run separate = run("validate", "--reports", "*.xml", "--require-tests", "false");

        // then
        assertThat(withEquals.exitCode).isEqualTo(Aiwf.USAGE);
        assertThat(withEquals.err).contains("Invalid value for option '--require-tests': it is a switch and takes "
                + "no value; accepted: --require-tests or --no-require-tests");
        assertThat(separate.exitCode).isEqualTo(Aiwf.USAGE);
        assertThat(separate.err).contains("Unexpected argument: 'false'");
    }

    @Test
    void shouldExitTwoWhenAnOptionHasNoValue() {
        // when
        Run atTheEnd = run("validate", "--reports", "*.xml", "--max-failures");
        Run beforeAnother = run("validate", "--command", "--reports", "*.xml");
        Run alias = run("validate", "--reports", "*.xml", "--threads");

        // then
        assertThat(atTheEnd.exitCode).isEqualTo(Aiwf.USAGE);
        assertThat(atTheEnd.err).contains("Missing value for option '--max-failures' (N)");
        assertThat(beforeAnother.exitCode).isEqualTo(Aiwf.USAGE);
        assertThat(beforeAnother.err).contains("Missing value for option '--command' (CMD)");
        assertThat(alias.err).contains("Missing value for option '--threads' (N)");
    }

    @Test
    void shouldExitTwoWhenReportsAreMissing() {
        // when
        Run run = run("validate", "--workspace", workspace.toString());

        // then
        assertThat(run.exitCode).isEqualTo(Aiwf.USAGE);
        assertThat(run.err).contains("Missing required option: '--reports=GLOB'");
    }

    @Test
    void shouldExitTwoWithTheAcceptedFormsWhenADurationIsMalformed() {
        // when
        Run run = run("validate", "--reports", "*.xml", "--command-timeout", "soon");

        // then
        assertThat(run.exitCode).isEqualTo(Aiwf.USAGE);
        assertThat(run.err).contains("--command-timeout", "'soon' is not a duration", "accepted:", "30m");
    }

    @Test
    void shouldExitTwoWithTheAcceptedFormsWhenAPassRateIsNoNumber() {
        // when
        Run run = run("validate", "--reports", "*.xml", "--min-pass-rate", "most");

        // then
        assertThat(run.exitCode).isEqualTo(Aiwf.USAGE);
        assertThat(run.err).contains("--min-pass-rate", "'most' is not a pass rate", "95%");
    }

    @Test
    void shouldExitTwoWithTheEngineMessageWhenAValueIsOutOfRange() {
        // when
        Run maxFailures = run("validate", "--workspace", workspace.toString(), "--reports", "*.xml",
                "--max-failures=-1");
        Run minPassRate = run("validate", "--workspace", workspace.toString(), "--reports", "*.xml",
                "--min-pass-rate", "150%");
        Run textLimit = run("validate", "--workspace", workspace.toString(), "--reports", "*.xml",
                "--max-message-chars=-5");

        // then
        assertThat(maxFailures.exitCode).isEqualTo(Aiwf.USAGE);
        assertThat(maxFailures.err).contains("maxFailures must be >= 0, was -1 (option --max-failures)");
        assertThat(minPassRate.exitCode).isEqualTo(Aiwf.USAGE);
        assertThat(minPassRate.err).contains("minPassRate must be between 0.0 and 1.0", "was 1.5 (option --min-pass-rate)");
        assertThat(textLimit.exitCode).isEqualTo(Aiwf.USAGE);
        assertThat(textLimit.err).contains("maxMessageChars must be >= 0, was -5 (option --max-message-chars)");
    }

    @Test
    void shouldExitTwoWhenNewFailuresOnlyHasNoBaseline() {
        // when
        Run run = run("validate", "--workspace", workspace.toString(), "--reports", "*.xml", "--new-failures-only");

        // then
        assertThat(run.exitCode).isEqualTo(Aiwf.USAGE);
        assertThat(run.err).contains("newFailuresOnly needs a baseline", "(option --new-failures-only)");
    }

    @Test
    void shouldExitTwoWhenAGlobLeavesTheWorkspace() {
        // when
        Run run = run("validate", "--workspace", workspace.toString(), "--reports", "../elsewhere/*.xml");

        // then
        assertThat(run.exitCode).isEqualTo(Aiwf.USAGE);
        assertThat(run.err).contains("reports:", "'../elsewhere/*.xml'", "leads outside the workspace", "accepted:", "(option --reports)");
    }

    @Test
    void shouldExitTwoWhenTheWorkspaceDoesNotExist() {
        // when
        Run run = run("validate", "--workspace", workspace.resolve("missing").toString(), "--reports", "*.xml");

        // then
        assertThat(run.exitCode).isEqualTo(Aiwf.USAGE);
        assertThat(run.err).contains("workspace root", "missing", "does not exist")
                .contains("accepted: an existing directory (option --workspace)");
    }

    @Test
    void shouldExitTwoWhenTheBaselineIsNoResultFile() throws IOException {
        // given
        Path baseline = Files.writeString(workspace.resolve("baseline.json"), "{\"verdict\": \"PASSED\"}");

        // when
        Run run = run("validate", "--workspace", workspace.toString(), "--reports", "*.xml",
                "--baseline", baseline.toString());

        // then
        assertThat(run.exitCode).isEqualTo(Aiwf.USAGE);
        assertThat(run.err).contains("baseline '" + baseline + "' has no 'totals' object", "accepted:", "(option --baseline)");
    }

    @Test
    void shouldExitTwoBeforeRunningTheCommandWhenTheJsonTargetIsADirectory() throws IOException {
        // given
        Path directory = Files.createDirectories(workspace.resolve("out"));

        // when
        Run run = run("validate", "--workspace", workspace.toString(), "--reports", "*.xml",
                "--command", "touch ran", "--json", directory.toString());

        // then
        assertThat(run.exitCode).isEqualTo(Aiwf.USAGE);
        assertThat(run.err).contains("--json file", "is a directory");
        assertThat(workspace.resolve("ran")).doesNotExist();
    }

    @Test
    void shouldExitTwoWhenTheMarkdownFileCannotBeWritten() throws IOException {
        // given
        JUnitXml.write(workspace, "r/TEST-a.xml", suite(passed("shouldAdd")));
        Path blocker = Files.writeString(workspace.resolve("blocker"), "a file, not a directory");

        // when
        Run run = run("validate", "--workspace", workspace.toString(), "--reports", "r/*.xml",
                "--markdown", blocker.resolve("summary.md").toString());

        // then
        assertThat(run.exitCode).isEqualTo(Aiwf.USAGE);
        assertThat(run.out).contains("Validation PASSED");
        assertThat(run.err).contains("--markdown file", "summary.md", "cannot be written");
    }

    @Test
    void shouldPrintTheEngineLogAndTheSummaryToStdout() {
        // given
        JUnitXml.write(workspace, "r/TEST-a.xml", suite(passed("shouldAdd"), passed("shouldSubtract")));

        // when
        Run run = run("validate", "--workspace", workspace.toString(), "--reports", "r/*.xml");

        // then
        assertThat(run.exitCode).isEqualTo(Aiwf.PASSED);
        assertThat(run.out).contains("Reading 1 report file(s) matching r/*.xml")
                .contains("Validation PASSED: 2 tests, 2 passed");
        assertThat(run.err).isEmpty();
    }

    @Test
    void shouldExitOneAndNameTheGateConditionWhenTooManyTestsFail() {
        // given
        JUnitXml.write(workspace, "r/TEST-a.xml", suite(passed("shouldAdd"), failed("shouldDivide", "boom"),
                failed("shouldMultiply", "bang")));

        // when
        Run strict = run("validate", "--workspace", workspace.toString(), "--reports", "r/*.xml",
                "--min-pass-rate", "0");
        Run lenient = run("validate", "--workspace", workspace.toString(), "--reports", "r/*.xml",
                "--max-failures", "2", "--min-pass-rate", "30%");

        // then
        assertThat(strict.exitCode).isEqualTo(Aiwf.FAILED);
        assertThat(strict.out).contains("FAILED maxFailures: 2 test(s) failed, maxFailures is 0",
                "com.acme.CalculatorTest.shouldDivide");
        assertThat(lenient.exitCode).isEqualTo(Aiwf.PASSED);
    }

    @Test
    void shouldPassWhenTheCommandExitsWithAnAcceptedCode() {
        // given
        String command = "mkdir -p r && printf '" + suite(passed("shouldAdd")) + "' > r/TEST-a.xml; exit 3";

        // when
        Run run = run("validate", "--workspace", workspace.toString(), "--reports", "r/*.xml",
                "--command", command, "--accepted-exit-codes", "0,3");

        // then
        assertThat(run.exitCode).isEqualTo(Aiwf.PASSED);
        assertThat(run.out).contains("Test command exited with 3");
    }

    @Test
    void shouldCreateParentDirectoriesAndLeaveOnlyTheOutputFiles() throws IOException {
        // given
        JUnitXml.write(workspace, "r/TEST-a.xml", suite(passed("shouldAdd")));
        Path json = workspace.resolve("out/deep/result.json");
        Path markdown = workspace.resolve("out/deep/summary.md");

        // when
        Run run = run("validate", "--workspace", workspace.toString(), "--reports", "r/*.xml",
                "--json", json.toString(), "--markdown", markdown.toString());

        // then
        assertThat(run.exitCode).isEqualTo(Aiwf.PASSED);
        try (Stream<Path> files = Files.list(json.getParent())) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactlyInAnyOrder("result.json",
                    "summary.md");
        }
        assertThat(json).content().startsWith("{").contains("\"verdict\" : \"PASSED\"");
        assertThat(markdown).content().contains("Validation passed");
        assertThat(run.out).contains("JSON result written to " + json, "Markdown summary written to " + markdown);
    }

    @Test
    void shouldReplaceAnExistingJsonFileWhole() throws IOException {
        // given
        JUnitXml.write(workspace, "r/TEST-a.xml", suite(failed("shouldDivide", "boom")));
        Path json = Files.writeString(workspace.resolve("result.json"), "old content that is longer than nothing");

        // when
        Run run = run("validate", "--workspace", workspace.toString(), "--reports", "r/*.xml",
                "--json", json.toString());

        // then
        assertThat(run.exitCode).isEqualTo(Aiwf.FAILED);
        assertThat(json).content().startsWith("{").doesNotContain("old content").endsWith("}\n");
    }

    private static String kebab(String camelCase) {
        return "--" + camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static List<CliOption> validateOptions() {
        return new ValidateCommand(Map.of()).options();
    }

    /** Reads the options of {@code aiwf validate} and returns the request they stand for, without running it. */
    private static ValidationRequest request(String... options) {
        return parse(options).toRequest();
    }

    /** Reads the options of {@code aiwf validate} into the command, without running it. */
    private static ValidateCommand parse(String... options) {
        ValidateCommand command = new ValidateCommand(Map.of());
        assertThat(OptionParser.parse(command, options, 0)).isEqualTo(OptionParser.Request.RUN);
        return command;
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Aiwf.run(System.getenv(), new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {
    }
}
