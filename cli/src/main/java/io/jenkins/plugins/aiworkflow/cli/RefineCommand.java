package io.jenkins.plugins.aiworkflow.cli;

import io.jenkins.plugins.aiworkflow.engine.agent.ImplementationRequest;
import io.jenkins.plugins.aiworkflow.engine.agent.StopReason;
import io.jenkins.plugins.aiworkflow.engine.log.EngineLog;
import io.jenkins.plugins.aiworkflow.engine.output.RefineConsoleSummary;
import io.jenkins.plugins.aiworkflow.engine.output.RefineMarkdownSummary;
import io.jenkins.plugins.aiworkflow.engine.output.RefineReports;
import io.jenkins.plugins.aiworkflow.engine.refine.IterationRecord;
import io.jenkins.plugins.aiworkflow.engine.refine.Keep;
import io.jenkins.plugins.aiworkflow.engine.refine.Recover;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineListener;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineRequest;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineResult;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineRunJson;
import io.jenkins.plugins.aiworkflow.engine.refine.Refinement;
import io.jenkins.plugins.aiworkflow.engine.refine.StopRule;
import io.jenkins.plugins.aiworkflow.engine.workspace.LocalWorkspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * {@code aiwf refine}: the loop of implement, test and validate until the gate passes or a limit stops it
 * (docs/refine.md). The options become one {@link RefineRequest}, made of the implementation request (the
 * agent's options, shared with {@code implement} through {@link AgentOptions}) and the validation request (the
 * test command and the gate, shared with {@code validate} through {@link ValidationOptions}) plus the loop's own
 * parameters; {@link Refinement} runs it, and the {@link RefineResult} becomes progress lines, the reports in
 * {@code --report-dir} (after every iteration) and the exit code. Each option is the kebab-case form of the
 * engine parameter it sets (the exceptions are in {@link #optionsByParameter()}).
 */
public final class RefineCommand implements AiwfCommand {
    static final String NAME = "refine";
    /** Where the reports go without {@code --report-dir}, relative to the current directory. */
    static final String DEFAULT_REPORT_DIR = "target/aiwf-refine";
    static final String JSON_REPORT = RefineReports.JSON;
    static final String MARKDOWN_REPORT = RefineReports.MARKDOWN;
    static final String HTML_REPORT = RefineReports.HTML;

    private static final Map<String, String> OPTIONS_BY_PARAMETER = optionsByParameter();

    private static final SharedOptionsHelp SHARED = new SharedOptionsHelp(
            "The directory the agent works in and the test command runs in; every path the agent uses and the "
                    + "report globs are relative to it. Default: the current directory.",
            "Also write the run JSON here, as refine.json in --report-dir (docs/refine.md); written atomically, "
                    + "parent directories created. Default: none.");

    /** The options in the order help shows them. */
    private static List<CliOption> declareOptions() {
        List<CliOption> options = new ArrayList<>();
        AgentOptions.declareTask(options);
        ValidationOptions.declareCommand(options, "Repeatable; comma-separated lists are accepted. Required.",
                CliOption.value("--command", "CMD", "The test command, run in the workspace (sh -c, cmd /c on "
                        + "Windows) at iteration 0 and after every attempt, such as 'mvn -B test'; it never sees the "
                        + "API key or any registered secret. Reports it did not write are ignored as stale. "
                        + "Required.").required());
        options.add(WorkspaceOption.option(SHARED));
        AgentOptions.declareModel(options);
        // the loop and its budget
        options.add(CliOption.value("--max-iterations", "N", "Attempts of the agent after iteration 0 (which only "
                + "runs the tests), 1 to " + RefineRequest.MAX_MAX_ITERATIONS + ". Default: "
                + CliOption.DEFAULT_VALUE + "."));
        options.add(AgentOptions.maxTurnsOption("Most model calls of one iteration. Default: none."));
        options.add(CliOption.value("--max-tokens", "N", "Most tokens, input plus output, over the whole run (all "
                + "iterations). Default: none."));
        options.add(CliOption.value("--max-cost-usd", "USD", "Most money in US dollars over the whole run, such as "
                + "0.50; refused for a model without a price, whose cost could not be counted. Default: none."));
        options.add(CliOption.value("--timeout", "DURATION", "Wall time of the whole run, model calls and test runs "
                + "included: 90s, 30m, 2h, 1h30m or ISO-8601 such as PT1H. Default: none."));
        options.add(CliOption.value("--keep", "KEEP", "What the workspace holds when no iteration passed: best (the "
                + "fewest failing tests, then the smallest diff; the start when no attempt did better), last (the "
                + "last attempt) or none (the workspace as before the run). Default: " + CliOption.DEFAULT_VALUE
                + "."));
        options.add(CliOption.value("--rerun-failures", "N", "Reruns of the test command, 0 to "
                + RefineRequest.MAX_RERUN_FAILURES + ", when tests fail, before an iteration is spent on them; tests "
                + "that pass on a rerun are reported flaky. Default: " + CliOption.DEFAULT_VALUE + "."));
        options.add(CliOption.negatable("--tamper-guard", "Make the test sources read-only to the agent, and fail "
                + "the gate when tests that ran at iteration 0 are missing or skipped, or fewer tests ran. Default: "
                + CliOption.DEFAULT_VALUE + "."));
        options.add(CliOption.list("--test-sources", "GLOB", "Ant-style pattern of the test sources the tamper "
                + "guard makes read-only, such as 'src/test/**'; the first one replaces the defaults. Repeatable. "
                + "Default: the usual layouts of Java, Kotlin, JavaScript, TypeScript, Python and Go "
                + "(docs/refine.md)."));
        options.add(CliOption.value("--feedback-tokens", "N", "Tokens of the next prompt kept for the feedback of "
                + "a failed iteration, " + RefineRequest.MIN_FEEDBACK_TOKENS + " to " + RefineRequest.MAX_FEEDBACK_TOKENS
                + ". Default: " + CliOption.DEFAULT_VALUE + "."));
        options.add(CliOption.value("--recover", "RECOVER", "When an earlier run on this workspace was killed: "
                + "refuse (stop and say how to go on), restore (put the workspace back as it was before that run, "
                + "then run) or discard (keep the workspace as it is, then run). Default: " + CliOption.DEFAULT_VALUE
                + "."));
        options.add(CliOption.value("--state-store", "DIR", "Directory outside the workspace where the states of "
                + "the files the agent may change are recorded. Default: a new temporary directory."));
        AgentOptions.declareCallLimits(options);
        // the gate, against iteration 0 (no --new-failures-only: a validation request refuses it without a baseline)
        ValidationOptions.declareGate(options, false);
        // outputs
        options.add(CliOption.value("--report-dir", "DIR", "Write refine.json, refine.md and refine.html here after "
                + "every iteration; created when missing, hidden from the agent when inside the workspace. Default: "
                + DEFAULT_REPORT_DIR + " (in the current directory)."));
        options.add(CliOption.value("--transcript", "FILE", "Write the JSON Lines transcript of every iteration's "
                + "agent here (docs/transcript.md), event by event; an existing file is replaced. Default: none."));
        options.add(ResultFiles.jsonOption(SHARED));
        options.add(ResultFiles.markdownOption());
        return options;
    }

    private final List<CliOption> options = declareOptions();

    /** The environment the API key is read from and the commands inherit. */
    final Map<String, String> environment;

    // every field starts at the engine's default: an option not given leaves it there
    /** The task, the agent's files and commands, the model, the turn and call limits. */
    final AgentOptions agent;
    /** The test command, its reports and the gate. */
    final ValidationOptions validation = new ValidationOptions();
    final WorkspaceOption workspace = new WorkspaceOption();
    int maxIterations = RefineRequest.DEFAULT_MAX_ITERATIONS;
    Long maxTokens;
    Double maxCostUsd;
    Duration timeout;
    Keep keep = RefineRequest.DEFAULT_KEEP;
    int rerunFailures = RefineRequest.DEFAULT_RERUN_FAILURES;
    boolean tamperGuard = RefineRequest.DEFAULT_TAMPER_GUARD;
    /** Null until the option is given: then the given globs replace the engine's. */
    List<String> testSources;
    int feedbackTokens = RefineRequest.DEFAULT_FEEDBACK_TOKENS;
    Recover recover = RefineRequest.DEFAULT_RECOVER;
    String stateStore;
    Path reportDir = Path.of(DEFAULT_REPORT_DIR);
    Path transcript;
    final ResultFiles resultFiles = new ResultFiles();

    /** @param environment where the API key is read from; the agent's and the test commands inherit it */
    RefineCommand(Map<String, String> environment) {
        this.environment = environment;
        this.agent = new AgentOptions(environment);
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
        if (workspace.set(option, value) || resultFiles.set(option, value) || agent.set(option, value)
                || validation.set(option, value)) {
            return;
        }
        switch (option) {
            case "--max-iterations" -> maxIterations = Converters.parseInt(value);
            case "--max-tokens" -> maxTokens = Converters.parseLong(value);
            case "--max-cost-usd" -> maxCostUsd = Converters.parseDouble(value);
            case "--timeout" -> timeout = Converters.parseDuration(value);
            case "--keep" -> keep = parseKeep(value);
            case "--rerun-failures" -> rerunFailures = Converters.parseInt(value);
            case "--tamper-guard" -> tamperGuard = Boolean.parseBoolean(value);
            case "--test-sources" -> {
                if (testSources == null) {
                    testSources = new ArrayList<>();
                }
                testSources.add(value);
            }
            case "--feedback-tokens" -> feedbackTokens = Converters.parseInt(value);
            case "--recover" -> recover = parseRecover(value);
            case "--state-store" -> stateStore = value;
            case "--report-dir" -> reportDir = Path.of(value);
            case "--transcript" -> transcript = Path.of(value);
            default -> throw new IllegalStateException("option " + option + " is declared but not handled");
        }
    }

    /** {@code best}, {@code last} or {@code none}, in any letter case. */
    static Keep parseKeep(String value) {
        String text = value.strip().toUpperCase(Locale.ROOT);
        for (Keep keep : Keep.values()) {
            if (keep.name().equals(text)) {
                return keep;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not a keep; accepted: best (the best iteration), last "
                + "(the last one) or none (the workspace as before the run)");
    }

    /** {@code refuse}, {@code restore} or {@code discard}, in any letter case. */
    static Recover parseRecover(String value) {
        String text = value.strip().toUpperCase(Locale.ROOT);
        for (Recover recover : Recover.values()) {
            if (recover.name().equals(text)) {
                return recover;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not a recovery; accepted: refuse, restore or discard");
    }

    @Override
    public int call(PrintWriter out) throws IOException {
        resultFiles.checkTargets();
        AtomicFiles.checkTarget(transcript, "--transcript");
        RefineRequest request = toRequest();
        LocalWorkspace root = workspace.open(environment);
        checkReportDir();
        // every registered secret, the key's value among them, masked even when a replay needs no key
        UnaryOperator<String> redactor = request::redact;
        EngineLog log = Aiwf.printingLog(out, redactor);
        Progress progress = new Progress(out, redactor, reportDir, agent.intent);
        try (CancelOnShutdown cancel = new CancelOnShutdown(Thread.currentThread(), "aiwf-cancel-refine")) {
            RefineResult result = new Refinement().run(withTranscript(request), root, log, progress);
            // an aborted run leaves the interrupt flag set; the reports and result must still be written
            boolean interrupted = Thread.interrupted();
            progress.writeReports(result);
            summary(result, reportDir, redactor).forEach(out::println);
            if (transcript != null) {
                out.println("Transcript written to " + transcript);
            }
            out.flush();
            resultFiles.write(out, stream -> RefineRunJson.write(result, redactor, stream),
                    () -> RefineMarkdownSummary.render(result, redactor.apply(agent.intent)));
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return exitCode(result);
        }
    }

    /** The request with the transcript opened, when {@code --transcript} is given. */
    private RefineRequest withTranscript(RefineRequest request) {
        if (transcript == null) {
            return request;
        }
        return request.toBuilder()
                .implementation(request.implementation().withTranscript(ImplementCommand.openTranscript(transcript)))
                .build();
    }

    /**
     * The one engine request these options stand for: the implementation request (the run's limits are the
     * refine request's, so it leaves them unset), the validation request and the loop's parameters. The
     * report directory and the transcript, when inside the workspace, are hidden from the agent: it must not
     * read or change them, and a restore of a recorded state must not delete them.
     */
    RefineRequest toRequest() {
        ImplementationRequest.Builder implementation = agent.toBuilder();
        List<String> hidden = new ArrayList<>(agent.hidden);
        addIfInsideWorkspace(hidden, reportDir, true);
        addIfInsideWorkspace(hidden, transcript, false);
        if (hidden.size() > agent.hidden.size()) {
            implementation.hidden(hidden);
        }
        return RefineRequest.builder()
                .implementation(implementation.build())
                .validation(validation.toRequest(null))
                .maxIterations(maxIterations)
                .maxTokens(maxTokens)
                .maxCostUsd(maxCostUsd)
                .timeout(timeout)
                .keep(keep)
                .rerunFailures(rerunFailures)
                .tamperGuard(tamperGuard)
                .testSourceGlobs(testSources)
                .feedbackTokens(feedbackTokens)
                .recover(recover)
                .stateStore(stateStore == null ? null : Path.of(stateStore).toAbsolutePath().toString())
                .build();
    }

    /** Adds the pattern of {@code path} relative to the workspace (with {@code /**} for a directory) when it is inside. */
    private void addIfInsideWorkspace(List<String> globs, Path path, boolean directory) {
        if (path == null) {
            return;
        }
        Path root = workspace.workspace.toAbsolutePath().normalize();
        Path target = path.toAbsolutePath().normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            return;
        }
        String relative = root.relativize(target).toString().replace('\\', '/');
        globs.add(directory ? relative + "/**" : relative);
    }

    /** Fails at once, naming the option, when the report directory cannot be made. */
    private void checkReportDir() {
        try {
            Files.createDirectories(reportDir);
        } catch (IOException e) {
            throw AgentOptions.badInput("report directory '" + reportDir + "' cannot be created (" + e
                    + "); accepted: a directory that exists or can be created, and is writable", "reportDir", e);
        }
        if (!Files.isWritable(reportDir)) {
            throw AgentOptions.badInput("report directory '" + reportDir + "' is not writable; accepted: a directory "
                    + "that exists or can be created, and is writable", "reportDir", null);
        }
    }

    /**
     * The exit code of a run: 0 the gate passed; 1 the gate not met (iterations spent, no progress, the agent
     * cannot proceed); 4 a limit (tokens, cost, wall time); 5 the model failed or the run was aborted, like
     * {@code implement}'s ERROR; 3 an internal error stopped the agent, like every internal error.
     */
    static int exitCode(RefineResult result) {
        StopRule rule = result.stopRule();
        if (rule == StopRule.ERROR && stoppedByInternalError(result)) {
            return Aiwf.INTERNAL_ERROR;
        }
        return switch (rule) {
            case GATE_PASSED -> Aiwf.PASSED;
            case MAX_ITERATIONS, NO_PROGRESS, CANNOT_PROCEED -> Aiwf.FAILED;
            case MAX_TOKENS, MAX_COST, TIMEOUT -> Aiwf.LIMIT;
            case ABORTED, ERROR -> Aiwf.AGENT_ERROR;
        };
    }

    private static boolean stoppedByInternalError(RefineResult result) {
        IterationRecord last = result.lastIteration().orElse(null);
        return last != null && last.agent() != null
                && last.agent().stopReason().kind() == StopReason.Kind.INTERNAL_ERROR;
    }

    /** The lines printed at the end: the engine's summary of the run, then where the reports are. */
    static List<String> summary(RefineResult result, Path reportDir, UnaryOperator<String> redactor) {
        List<String> lines = new ArrayList<>(RefineConsoleSummary.render(result, redactor));
        lines.add(redactor.apply("Reports written to " + reportDir + ": " + JSON_REPORT + ", " + MARKDOWN_REPORT
                + ", " + HTML_REPORT));
        return lines;
    }

    /**
     * The live progress: a line when an iteration ends (its verdict, failing tests, the run's tokens and cost so
     * far; the engine's log says when one starts and what the agent does), and the reports rewritten after every
     * iteration so that an abort or a kill loses nothing already done. Every line is masked.
     */
    static final class Progress implements RefineListener {
        private final PrintWriter out;
        private final UnaryOperator<String> redactor;
        private final Path reportDir;
        private final String intent;

        Progress(PrintWriter out, UnaryOperator<String> redactor, Path reportDir, String intent) {
            this.out = out;
            this.redactor = redactor;
            this.reportDir = reportDir;
            this.intent = intent;
        }

        @Override
        public void iterationFinished(IterationRecord record, RefineResult soFar) {
            print(RefineConsoleSummary.iterationLine(record, soFar, redactor));
            writeReports(soFar);
        }

        /** Writes the three reports; a failure is printed, never the end of the run. */
        void writeReports(RefineResult result) {
            try {
                RefineReports.write(result, intent, redactor, reportDir);
            } catch (IOException | UncheckedIOException e) {
                print("WARNING: the reports could not be written: " + e.getMessage());
            }
        }

        private void print(String line) {
            out.println(redactor.apply(line));
            out.flush();
        }
    }

    /** The option that sets an engine parameter, or null for one no option sets. */
    @Override
    public String optionFor(String parameter) {
        return OPTIONS_BY_PARAMETER.get(parameter);
    }

    /**
     * The parameters of the refine request and of the implementation and validation requests it is made of,
     * with the option that sets each: the kebab case, but {@code testSourceGlobs} is {@code --test-sources}, and
     * the agent's exceptions ({@link AgentOptions#putOptionsByParameter}).
     */
    private static Map<String, String> optionsByParameter() {
        Map<String, String> options = new LinkedHashMap<>();
        AgentOptions.putOptionsByParameter(options);
        for (String option : List.of("--reports", "--command", "--command-timeout", "--max-command-output-chars",
                "--require-tests", "--max-failures", "--min-pass-rate", "--allow-test-decrease",
                "--allow-skip-increase", "--allow-missing-tests", "--allow-newly-skipped-tests",
                "--allow-flaky", "--allow-report-problems", "--accepted-exit-codes",
                "--parser-threads", "--max-message-chars", "--max-details-chars", "--max-test-output-chars",
                "--max-detailed-cases", "--max-kept-text-chars", "--max-kept-name-chars", "--max-iterations",
                "--max-tokens", "--max-cost-usd", "--timeout", "--keep", "--rerun-failures", "--tamper-guard",
                "--feedback-tokens", "--recover", "--state-store", "--report-dir", "--transcript")) {
            options.put(camelCase(option), option);
        }
        options.put("testSourceGlobs", "--test-sources");
        options.put(LocalWorkspace.WORKSPACE, WorkspaceOption.NAME);
        return Map.copyOf(options);
    }

    /** {@code --max-failures} as {@code maxFailures}. */
    static String camelCase(String option) {
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (int i = 2; i < option.length(); i++) {
            char c = option.charAt(i);
            if (c == '-') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }

    @Override
    public CommandHelp help() {
        return new CommandHelp("aiwf refine --intent=TEXT --command=CMD --reports=GLOB[,GLOB...] "
                + "--model=MODEL|replay:FILE [OPTIONS]",
                List.of("Implement, test and validate in a loop until the quality gate passes or a limit stops it.",
                        "Iteration 0 runs the test command on the untouched workspace: its failures are what the run "
                                + "must fix, its tests the baseline. Then each iteration lets the agent implement "
                                + "the intent (from the second on, with bounded feedback on what still fails), runs "
                                + "the test command and applies the gate. Test sources are read-only to the agent, "
                                + "and deleting or skipping tests fails the gate. When no iteration passed, the "
                                + "workspace keeps the best attempt (--keep).",
                        "The engine's log (each iteration, the agent's turns, the test command) and a progress line "
                                + "when an iteration ends (verdict, failing tests, tokens and cost so far) go to "
                                + "stdout, then the outcome, what was kept and the usage; usage errors to stderr. refine.json, refine.md and refine.html are "
                                + "rewritten in --report-dir after every iteration. The API key never appears in any "
                                + "output."),
                List.of(new CommandHelp.ExitCode(Aiwf.PASSED, "the quality gate passed (at iteration 0 too, then "
                                + "nothing was spent)"),
                        new CommandHelp.ExitCode(Aiwf.FAILED, "the gate not met: every iteration was spent, no "
                                + "progress was made, or the agent said it cannot proceed; the best attempt is kept"),
                        new CommandHelp.ExitCode(Aiwf.USAGE, "bad usage or unreadable input: unknown option, bad "
                                + "value, API key variable not set, unreadable replay or price file, missing "
                                + "workspace, report directory not writable, an interrupted earlier run (see "
                                + "--recover)"),
                        new CommandHelp.ExitCode(Aiwf.INTERNAL_ERROR, "internal error (a bug, or out of memory): the "
                                + "stack trace is printed; when it stopped the agent, the reports are written all the "
                                + "same"),
                        new CommandHelp.ExitCode(Aiwf.LIMIT, "a limit stopped the run: --max-tokens, --max-cost-usd or "
                                + "--timeout; the best attempt is kept"),
                        new CommandHelp.ExitCode(Aiwf.AGENT_ERROR, "the model failed (after retries), kept sending "
                                + "unusable replies, or the run was aborted (Ctrl-C, SIGTERM); the best attempt is "
                                + "kept")),
                List.of("Relative --instructions, --context, --writable, --read-only, --hidden and --test-sources "
                                + "patterns and the report globs are relative to --workspace; --prices, "
                                + "--report-dir, --transcript, --json, --markdown, --state-store and replay files to "
                                + "the current directory.",
                        "",
                        "Examples:",
                        "  export OPENAI_API_KEY=...",
                        "  aiwf refine --model gpt-4.1-mini \\",
                        "      --intent 'Make the failing tests in SlugsTest pass' \\",
                        "      --command 'mvn -B test' \\",
                        "      --reports 'target/surefire-reports/TEST-*.xml' \\",
                        "      --max-iterations 5 --max-cost-usd 2 --timeout 30m",
                        "  aiwf refine --workspace target/demo \\",
                        "      --model replay:examples/demo/replay/refine-slug.json \\",
                        "      --intent 'Make the failing SlugsTest tests pass' \\",
                        "      --command '../../mvnw -B -q test' \\",
                        "      --reports 'target/surefire-reports/TEST-*.xml'"),
                EngineDefaults.DEFAULTS);
    }

    /** The engine's default of each option, as help shows it; the fields start at the same engine values. */
    static final class EngineDefaults {
        static final Map<String, String> DEFAULTS = defaults();

        private EngineDefaults() {
        }

        private static Map<String, String> defaults() {
            Map<String, String> defaults = new HashMap<>(ValidationOptions.EngineDefaults.DEFAULTS);
            AgentOptions.putDefaults(defaults);
            defaults.put("--max-iterations", String.valueOf(RefineRequest.DEFAULT_MAX_ITERATIONS));
            defaults.put("--keep", RefineRequest.DEFAULT_KEEP.name().toLowerCase(Locale.ROOT));
            defaults.put("--rerun-failures", String.valueOf(RefineRequest.DEFAULT_RERUN_FAILURES));
            defaults.put("--tamper-guard", String.valueOf(RefineRequest.DEFAULT_TAMPER_GUARD));
            defaults.put("--feedback-tokens", String.valueOf(RefineRequest.DEFAULT_FEEDBACK_TOKENS));
            defaults.put("--recover", RefineRequest.DEFAULT_RECOVER.name().toLowerCase(Locale.ROOT));
            return Map.copyOf(defaults);
        }
    }
}
