package io.jenkins.plugins.aiworkflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.aiworkflow.engine.context.ContextRequest;
import io.jenkins.plugins.aiworkflow.engine.ledger.Budget;
import io.jenkins.plugins.aiworkflow.engine.ledger.Totals;
import io.jenkins.plugins.aiworkflow.engine.refine.Keep;
import io.jenkins.plugins.aiworkflow.engine.refine.Recover;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineRequest;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineResult;
import io.jenkins.plugins.aiworkflow.engine.refine.StopRule;
import io.jenkins.plugins.aiworkflow.engine.validate.QualityGate;
import io.jenkins.plugins.aiworkflow.engine.validate.ValidationRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code aiwf refine} in-process: how options become the engine request, and how problems become exit codes. */
class RefineCommandTest {
    private static final String KEY = "sk-refine-test-0123456789abcdef";

    @TempDir
    Path workspace;

    @TempDir
    Path outside;

    /** The environment the command reads its API key from. */
    final Map<String, String> environment = new HashMap<>(Map.of("OPENAI_API_KEY", KEY, "PATH", "/usr/bin:/bin"));

    private Path replay;

    @BeforeEach
    void setUp() throws IOException {
        replay = Files.writeString(outside.resolve("replay.json"), "{\"model\": \"gpt-4.1-mini\", \"turns\": []}");
    }

    @Test
    void shouldUseTheEngineDefaultsWhenOnlyTheRequiredOptionsAreGiven() {
        // when
        RefineRequest request = parse(required()).toRequest();

        // then: the loop's parameters
        assertThat(request.maxIterations()).isEqualTo(RefineRequest.DEFAULT_MAX_ITERATIONS);
        assertThat(request.maxTokens()).isNull();
        assertThat(request.maxCostUsd()).isNull();
        assertThat(request.timeout()).isNull();
        assertThat(request.keep()).isEqualTo(Keep.BEST);
        assertThat(request.rerunFailures()).isZero();
        assertThat(request.tamperGuard()).isTrue();
        assertThat(request.testSourceGlobs()).isEqualTo(RefineRequest.DEFAULT_TEST_SOURCE_GLOBS);
        assertThat(request.feedbackTokens()).isEqualTo(RefineRequest.DEFAULT_FEEDBACK_TOKENS);
        assertThat(request.recover()).isEqualTo(Recover.REFUSE);
        assertThat(request.stateStore()).isNull();
        // the implementation: the intent, the replay, no limit of its own
        ContextRequest context = request.agentRequest().context();
        assertThat(context.intent()).isEqualTo("Make the tests pass");
        assertThat(context.modelName()).isEqualTo("gpt-4.1-mini");
        Budget budget = request.budget();
        assertThat(budget.turnsPerIteration()).isTrue();
        assertThat(budget.maxTurns()).isEmpty();
        assertThat(budget.maxTokens()).isEmpty();
        // the validation: the test command, the reports and the validate command's gate
        ValidationRequest validation = request.validationRequest();
        assertThat(validation.command()).isEqualTo("mvn -B test");
        assertThat(validation.reports()).containsExactly("target/surefire-reports/TEST-*.xml");
        assertThat(validation.commandTimeout()).isEqualTo(ValidationRequest.DEFAULT_COMMAND_TIMEOUT);
        assertThat(validation.baseline()).isNull();
        QualityGate gate = validation.gate();
        QualityGate defaults = QualityGate.defaults();
        assertThat(gate.maxFailures()).isEqualTo(defaults.maxFailures());
        assertThat(gate.minPassRate()).isEqualTo(defaults.minPassRate());
        assertThat(gate.requireTests()).isEqualTo(defaults.requireTests());
        assertThat(gate.acceptedExitCodes()).isEqualTo(defaults.acceptedExitCodes());
    }

    @Test
    void shouldSetEachParameterFromTheOptionNamedAfterIt() {
        // when
        RefineRequest request = parse(required("--max-iterations", "3", "--max-turns", "7", "--max-tokens", "90000",
                "--max-cost-usd", "0.75", "--timeout", "1h30m", "--keep", "LAST", "--rerun-failures", "2",
                "--test-sources", "spec/**,e2e/**", "--feedback-tokens", "2000", "--recover", "restore",
                "--state-store", outside.resolve("states").toString(), "--command-timeout", "5m",
                "--max-failures", "1", "--min-pass-rate", "90%", "--accepted-exit-codes", "0,1")).toRequest();

        // then
        assertThat(request.maxIterations()).isEqualTo(3);
        assertThat(request.budget().maxTurns()).hasValue(7);
        assertThat(request.maxTokens()).isEqualTo(90_000L);
        assertThat(request.maxCostUsd()).isEqualTo(0.75);
        assertThat(request.timeout()).isEqualTo(Duration.ofMinutes(90));
        assertThat(request.keep()).isEqualTo(Keep.LAST);
        assertThat(request.rerunFailures()).isEqualTo(2);
        assertThat(request.testSourceGlobs()).containsExactly("spec/**", "e2e/**");
        assertThat(request.agentRequest().policy().readOnly()).contains("spec/**", "e2e/**");
        assertThat(request.feedbackTokens()).isEqualTo(2000);
        assertThat(request.recover()).isEqualTo(Recover.RESTORE);
        assertThat(request.stateStore()).isEqualTo(outside.resolve("states").toAbsolutePath().toString());
        assertThat(request.validationRequest().commandTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(request.validationRequest().gate().maxFailures()).isEqualTo(1);
        assertThat(request.validationRequest().gate().minPassRate()).isEqualTo(0.9);
        assertThat(request.validationRequest().gate().acceptedExitCodes()).containsExactly(0, 1);
    }

    @Test
    void shouldTurnTheTamperGuardOffOnlyWhenAsked() {
        // when
        RefineRequest guarded = parse(required()).toRequest();
        RefineRequest unguarded = parse(required("--no-tamper-guard", "--allow-test-decrease")).toRequest();

        // then: with the guard the test sources are read-only to the agent; without it, fewer tests may pass
        assertThat(guarded.agentRequest().policy().readOnly()).contains("src/test/**");
        assertThat(unguarded.tamperGuard()).isFalse();
        assertThat(unguarded.agentRequest().policy().readOnly()).doesNotContain("src/test/**");
        assertThat(unguarded.validationRequest().gate().allowTestDecrease()).isTrue();
    }

    @Test
    void shouldHideTheReportDirectoryAndTranscriptFromTheAgentWhenInsideTheWorkspace() {
        // when
        RefineRequest inside = parse(required("--workspace", workspace.toString(), "--report-dir",
                workspace.resolve("build/refine").toString(), "--transcript",
                workspace.resolve("build/t.jsonl").toString(), "--hidden", "**/.env")).toRequest();
        RefineRequest outsideWorkspace = parse(required("--workspace", workspace.toString(), "--report-dir",
                outside.resolve("refine").toString())).toRequest();

        // then: the agent may not read or change them, and a restore leaves them alone
        assertThat(inside.agentRequest().policy().hidden()).contains("**/.env", "build/refine/**", "build/t.jsonl");
        assertThat(inside.stateRequest(null).hidden()).contains("build/refine/**");
        assertThat(outsideWorkspace.agentRequest().policy().hidden()).noneMatch(glob -> glob.contains("refine"));
    }

    @Test
    void shouldOfferTheAgentsAndTheGatesOptionsWordedAsInImplementAndValidate() {
        // given
        Map<String, String> refine = descriptions(new RefineCommand(Map.of()), RefineCommand.EngineDefaults.DEFAULTS);
        Map<String, String> implement = descriptions(new ImplementCommand(Map.of()),
                ImplementCommand.EngineDefaults.DEFAULTS);
        Map<String, String> validate = descriptions(new ValidateCommand(Map.of()),
                ValidateCommand.EngineDefaults.DEFAULTS);
        // options whose meaning in refine differs: the run's limits, the test command, the agent's command timeout
        Set<String> own = Set.of("--workspace", "--json", "--command", "--command-timeout", "--max-turns",
                "--max-tokens", "--max-cost-usd", "--timeout", "--transcript", "--baseline", "--new-failures-only");

        // then: one declaration each, so the same words
        List<String> shared = new ArrayList<>();
        implement.forEach((option, description) -> {
            if (!own.contains(option)) {
                assertThat(refine).as("refine's %s", option).containsEntry(option, description);
                shared.add(option);
            }
        });
        validate.forEach((option, description) -> {
            if (!own.contains(option)) {
                assertThat(refine).as("refine's %s", option).containsEntry(option, description);
                shared.add(option);
            }
        });
        assertThat(shared).contains("--intent", "--model", "--api-key-env", "--prices", "--reports", "--max-failures",
                "--allow-flaky", "--markdown");
        assertThat(refine).doesNotContainKey("--baseline")
                .doesNotContainKey("--new-failures-only")
                .containsKeys("--command", "--command-timeout", "--max-iterations", "--keep",
                        "--rerun-failures", "--tamper-guard", "--test-sources", "--feedback-tokens", "--recover",
                        "--state-store", "--report-dir");
    }

    @Test
    void shouldDocumentEveryOptionWithItsDefaultAndTheExitCodesInHelp() {
        // when
        Run run = run("refine", "--help");
        Run help = run("help", "refine");
        Run main = run("--help");

        // then
        assertThat(run.exitCode).isZero();
        assertThat(help.out).isEqualTo(run.out);
        String words = run.out.replaceAll("\\s+", " ");
        assertThat(words).contains("Usage: aiwf refine --intent=TEXT --command=CMD --reports=GLOB[,GLOB...]",
                        "--keep=KEEP", "--[no-]tamper-guard", "--report-dir=DIR", "Default: best.", "Default: 5.",
                        "Default: refuse.", "Default: target/aiwf-refine")
                .contains("Exit codes:", "the gate not met", "a limit stopped the run")
                .doesNotContain("${DEFAULT-VALUE}", "Default: null");
        List<CliOption> options = new RefineCommand(Map.of()).options();
        for (CliOption option : options) {
            String description = HelpText.description(option, RefineCommand.EngineDefaults.DEFAULTS);
            assertThat(HelpTexts.optionHelp(run.out, HelpText.synopsis(option))).as("help of %s", option.name())
                    .isEqualTo(description);
            assertThat(description).as("default of %s", option.name()).containsAnyOf("Default:", "Required.");
        }
        assertThat(main.out).contains("  refine ", "Implement, test and validate in a loop");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--keep|sometimes|Invalid value for option '--keep': 'sometimes' is not a keep; accepted: best",
            "--recover|retry|Invalid value for option '--recover': 'retry' is not a recovery; accepted: refuse, "
                    + "restore or discard",
            "--max-iterations|0|maxIterations must be between 1 and 100, was 0; accepted: a whole number from 1 to "
                    + "100 (option --max-iterations)",
            "--max-iterations|many|Invalid value for option '--max-iterations': 'many' is not a whole number",
            "--rerun-failures|9|(option --rerun-failures)",
            "--feedback-tokens|10|(option --feedback-tokens)",
            "--max-cost-usd|-1|(option --max-cost-usd)",
            "--allow-test-decrease||which the tamper guard forbids; accepted: leave allowTestDecrease, "
                    + "allowSkipIncrease, allowMissingTests and allowNewlySkippedTests false, or set tamperGuard "
                    + "false (option --tamper-guard)",
    })
    void shouldExitTwoNamingTheOptionOfABadValue(String option, String value, String message) {
        // when
        List<String> args = new ArrayList<>(List.of("refine"));
        args.addAll(List.of(required()));
        args.add(option);
        if (value != null) {
            args.add(value);
        }
        args.addAll(List.of("--workspace", workspace.toString(), "--report-dir", outside.resolve("r").toString()));
        Run run = run(args.toArray(String[]::new));

        // then: nothing ran, nothing was written
        assertThat(run.exitCode).as(run.err).isEqualTo(Aiwf.USAGE);
        assertThat(run.err).contains(message);
        assertThat(run.out).isEmpty();
        assertThat(outside.resolve("r")).doesNotExist();
    }

    @Test
    void shouldRefuseAMoneyLimitForAModelWithoutAPriceNamingTheOption() throws IOException {
        // given
        Path unpriced = Files.writeString(outside.resolve("unpriced.json"), "{\"model\": \"my-local-model\", "
                + "\"turns\": []}");

        // when
        Run run = run("refine", "--intent", "x", "--model", "replay:" + unpriced, "--command", "make test",
                "--reports", "*.xml", "--max-cost-usd", "1", "--workspace", workspace.toString(),
                "--report-dir", outside.resolve("r").toString());

        // then: a limit that could not be enforced is refused, not ignored
        assertThat(run.exitCode).as(run.err).isEqualTo(Aiwf.USAGE);
        assertThat(run.err).contains("maxCostUsd").contains("(option --max-cost-usd)");
        assertThat(outside.resolve("r")).doesNotExist();
    }

    @Test
    void shouldNotOfferNewFailuresOnlyWhichARefineRequestCannotCarry() {
        // when: the gate's baseline in refine is iteration 0, known only once the run started, and a validation
        // request refuses newFailuresOnly without a baseline
        Run run = run("refine", "--intent", "x", "--model", "replay:" + replay, "--command", "make test",
                "--reports", "*.xml", "--new-failures-only");

        // then: refused as an option refine does not have, not as a value it could take
        assertThat(run.exitCode).isEqualTo(Aiwf.USAGE);
        assertThat(run.err).contains("Unknown option: '--new-failures-only'");
    }

    @Test
    void shouldExitTwoWhenARequiredOptionIsMissing() {
        // when
        Run noCommand = run("refine", "--intent", "x", "--model", "replay:" + replay, "--reports", "*.xml");
        Run noReports = run("refine", "--intent", "x", "--model", "replay:" + replay, "--command", "make test");

        // then
        assertThat(noCommand.exitCode).isEqualTo(Aiwf.USAGE);
        assertThat(noCommand.err).contains("Missing required option: '--command=CMD'");
        assertThat(noReports.exitCode).isEqualTo(Aiwf.USAGE);
        assertThat(noReports.err).contains("--reports");
    }

    @ParameterizedTest
    @EnumSource(StopRule.class)
    void shouldTellTheOutcomesApartByExitCode(StopRule rule) {
        // given
        RefineResult result = new RefineResult(rule.outcome(), rule, "why", "replay", 5, List.of(), null,
                Totals.NONE, Instant.EPOCH, Duration.ZERO, null);

        // when
        int exitCode = RefineCommand.exitCode(result);

        // then: as implement's codes: 0 done, 1 not met, 4 a limit, 5 the model or an abort
        int expected = switch (rule) {
            case GATE_PASSED -> 0;
            case MAX_ITERATIONS, NO_PROGRESS, CANNOT_PROCEED -> 1;
            case MAX_TOKENS, MAX_COST, TIMEOUT -> 4;
            case ABORTED, ERROR -> 5;
        };
        assertThat(exitCode).isEqualTo(expected);
    }

    @Test
    void shouldFindTheOptionOfEveryParameterTheRequestRefuses() {
        // given
        RefineCommand refine = new RefineCommand(Map.of());

        // then
        assertThat(refine.optionFor("testSourceGlobs")).isEqualTo("--test-sources");
        assertThat(refine.optionFor("commands")).isEqualTo("--allow-command");
        assertThat(refine.optionFor("baseline")).isNull();
        for (String parameter : List.of("intent", "model", "apiKey", "prices", "maxTurns", "maxIterations",
                "maxTokens", "maxCostUsd", "timeout", "keep", "rerunFailures", "tamperGuard", "feedbackTokens",
                "recover", "stateStore", "command", "reports", "maxFailures", "minPassRate", "reportDir", "workspace",
                "transcript", "parserThreads")) {
            assertThat(OptionParser.find(refine.options(), refine.optionFor(parameter)))
                    .as("the option of %s", parameter).isNotNull();
        }
    }

    private String[] required(String... more) {
        List<String> args = new ArrayList<>(List.of("--intent", "Make the tests pass", "--model", "replay:" + replay,
                "--command", "mvn -B test", "--reports", "target/surefire-reports/TEST-*.xml"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static Map<String, String> descriptions(AiwfCommand command, Map<String, String> defaults) {
        Map<String, String> descriptions = new HashMap<>();
        for (CliOption option : command.options()) {
            descriptions.put(option.name(), HelpText.synopsis(option) + " " + HelpText.description(option, defaults));
        }
        return descriptions;
    }

    /** Reads the options of {@code aiwf refine} (with this test's environment), without running it. */
    private RefineCommand parse(String... options) {
        RefineCommand command = new RefineCommand(environment);
        assertThat(OptionParser.parse(command, options, 0)).isEqualTo(OptionParser.Request.RUN);
        return command;
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Aiwf.run(environment, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {
    }
}
