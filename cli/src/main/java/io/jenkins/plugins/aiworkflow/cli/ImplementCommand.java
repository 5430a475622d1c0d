package io.jenkins.plugins.aiworkflow.cli;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.agent.AgentResult;
import io.jenkins.plugins.aiworkflow.engine.agent.AgentStatus;
import io.jenkins.plugins.aiworkflow.engine.agent.Implementation;
import io.jenkins.plugins.aiworkflow.engine.agent.ImplementationRequest;
import io.jenkins.plugins.aiworkflow.engine.agent.StopReason;
import io.jenkins.plugins.aiworkflow.engine.log.EngineLog;
import io.jenkins.plugins.aiworkflow.engine.output.AgentConsoleSummary;
import io.jenkins.plugins.aiworkflow.engine.output.AgentMarkdownSummary;
import io.jenkins.plugins.aiworkflow.engine.output.AgentResultJson;
import io.jenkins.plugins.aiworkflow.engine.workspace.LocalWorkspace;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * {@code aiwf implement}: lets the agent change the workspace to fulfil an intent. The options
 * become one {@link ImplementationRequest}, {@link Implementation} runs it, and the
 * {@link AgentResult} becomes the printed summary, an optional JSON file and the exit code; what
 * the request stands for (policy, prompt, model, secrets) is the engine's to derive. Each option
 * is the kebab-case form of the engine parameter it sets ({@code maxTurns} is
 * {@code --max-turns}); an option not given keeps the engine's default, which is also what help
 * shows ({@link EngineDefaults}).
 */
public final class ImplementCommand implements AiwfCommand {
    static final String NAME = "implement";
    static final String REPLAY_PREFIX = AgentOptions.REPLAY_PREFIX;
    static final String OPENAI_API_KEY = AgentOptions.OPENAI_API_KEY;
    static final String AZURE_OPENAI_API_KEY = AgentOptions.AZURE_OPENAI_API_KEY;

    /**
     * Engine parameter names, as {@link InvalidRequestException#parameter()} names them, with the option
     * that sets them. Names that equal their option's kebab case are here too, so that this map alone
     * says which parameter each option sets ({@code requestTimeout} of the model configuration is
     * {@code --request-timeout}, {@code timeout} of the budget is {@code --timeout}).
     */
    private static final Map<String, String> OPTIONS_BY_PARAMETER = optionsByParameter();

    private static final SharedOptionsHelp SHARED = new SharedOptionsHelp(
            "The directory the agent works in; every path it uses is relative to it. Default: the current "
                    + "directory.",
            "Write the JSON result here (docs/cli.md); written atomically, parent directories created. "
                    + "Default: none.");

    /** The options in the order help shows them. */
    private static List<CliOption> declareOptions() {
        List<CliOption> options = new ArrayList<>();
        AgentOptions.declareTask(options);
        options.add(CliOption.value("--command-timeout", "DURATION", "A command the agent runs is killed (with its "
                + "child processes) after this. Default: " + CliOption.DEFAULT_VALUE + "."));
        options.add(WorkspaceOption.option(SHARED));
        AgentOptions.declareModel(options);
        // the budget
        options.add(AgentOptions.maxTurnsOption("Most model calls. Default: none."));
        options.add(CliOption.value("--max-tokens", "N", "Most tokens, input plus output, over all model calls. "
                + "Default: none."));
        options.add(CliOption.value("--max-cost-usd", "USD", "Most money in US dollars, such as 0.50; a model "
                + "without a price stops the run before its first call. Default: none."));
        options.add(CliOption.value("--timeout", "DURATION", "Wall time of the run, waits for rate limits and "
                + "commands included: 90s, 30m, 2h, 1h30m or ISO-8601 such as PT1H. Default: none."));
        AgentOptions.declareCallLimits(options);
        // outputs
        options.add(CliOption.value("--transcript", "FILE", "Write the JSON Lines transcript of the run here "
                + "(docs/transcript.md), event by event; an existing file is replaced. Default: none."));
        options.add(ResultFiles.jsonOption(SHARED));
        options.add(ResultFiles.markdownOption());
        return options;
    }

    private final List<CliOption> options = declareOptions();

    /** The environment the API key is read from and the agent's commands inherit. */
    final Map<String, String> environment;

    // every field starts at the engine's default: an option not given leaves it there
    /** The task, the agent's files and commands, the model, the turn and call limits. */
    final AgentOptions agent;
    Duration commandTimeout = ImplementationRequest.DEFAULT_COMMAND_TIMEOUT;
    final WorkspaceOption workspace = new WorkspaceOption();
    Long maxTokens;
    Double maxCostUsd;
    Duration timeout;
    Path transcript;
    final ResultFiles resultFiles = new ResultFiles();

    /** @param environment where the API key is read from; the agent's commands inherit it */
    ImplementCommand(Map<String, String> environment) {
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
        if (workspace.set(option, value) || resultFiles.set(option, value) || agent.set(option, value)) {
            return;
        }
        switch (option) {
            case "--command-timeout" -> commandTimeout = Converters.parseDuration(value);
            case "--max-tokens" -> maxTokens = Converters.parseLong(value);
            case "--max-cost-usd" -> maxCostUsd = Converters.parseDouble(value);
            case "--timeout" -> timeout = Converters.parseDuration(value);
            case "--transcript" -> transcript = Path.of(value);
            default -> throw new IllegalStateException("option " + option + " is declared but not handled");
        }
    }

    @Override
    public int call(PrintWriter out) throws IOException {
        resultFiles.checkTargets();
        AtomicFiles.checkTarget(transcript, "--transcript");
        ImplementationRequest request = toRequest();
        LocalWorkspace root = workspace.open(environment);
        // the registered secrets, the key's value among them, masked even when a replay needs no key
        UnaryOperator<String> redactor = request::redact;

        EngineLog log = Aiwf.printingLog(out, redactor);
        try (CancelOnShutdown cancel = new CancelOnShutdown(Thread.currentThread(), "aiwf-cancel-implement")) {
            AgentResult result = implement(request.withTranscript(openTranscript(transcript)), root, log);
            // a cancelled run leaves the interrupt flag set; the result must still be written
            boolean interrupted = Thread.interrupted();
            AgentConsoleSummary.render(result, redactor).forEach(out::println);
            if (transcript != null) {
                out.println("Transcript written to " + transcript);
            }
            out.flush();
            resultFiles.write(out, stream -> AgentResultJson.write(result, request.modelDescription(), redactor,
                    stream), () -> AgentMarkdownSummary.render(result, redactor));
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return exitCode(result);
        }
    }

    /**
     * The exit code of a result: its status's, except for a run that an internal error stopped (stop
     * reason INTERNAL_ERROR), which is {@value Aiwf#INTERNAL_ERROR} like every internal error, with the
     * result written all the same.
     */
    static int exitCode(AgentResult result) {
        return result.stopReason().kind() == StopReason.Kind.INTERNAL_ERROR ? Aiwf.INTERNAL_ERROR
                : exitCode(result.status());
    }

    /** The exit code of a status: CHANGED 0, NO_CHANGE 1, LIMIT 4, ERROR 5. */
    static int exitCode(AgentStatus status) {
        return switch (status) {
            case CHANGED -> Aiwf.PASSED;
            case NO_CHANGE -> Aiwf.FAILED;
            case LIMIT -> Aiwf.LIMIT;
            case ERROR -> Aiwf.AGENT_ERROR;
        };
    }

    /** The engine's one call; a prompt larger than --token-budget is bad input naming tokenBudget. */
    private static AgentResult implement(ImplementationRequest request, LocalWorkspace root, EngineLog log) {
        return new Implementation().run(request, root, log);
    }

    /**
     * The one engine request these options stand for, each option setting the parameter it is named
     * after; the engine checks every value and derives the rest (policy, prompt, secrets).
     */
    ImplementationRequest toRequest() {
        return agent.toBuilder()
                .commandTimeout(commandTimeout)
                .maxTokens(maxTokens)
                .maxCostUsd(maxCostUsd)
                .timeout(timeout)
                .build();
    }

    /** The {@code --transcript} file, emptied, or null without the option; the run writes and closes it. */
    static OutputStream openTranscript(Path transcript) {
        if (transcript == null) {
            return null;
        }
        try {
            Path parent = transcript.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            // a plain file stream, not an interruptible channel: a cancelled run must still write its stop event
            return new FileOutputStream(transcript.toFile());
        } catch (IOException e) {
            throw badInput("transcript file '" + transcript + "' cannot be written (" + e.getMessage()
                    + "); accepted: a file path whose directory exists or can be created and is writable",
                    "transcript", e);
        }
    }

    private static InvalidRequestException badInput(String message, String parameter, Exception cause) {
        return AgentOptions.badInput(message, parameter, cause);
    }

    /** The option that sets an engine parameter, or null for one no option sets. */
    @Override
    public String optionFor(String parameter) {
        return OPTIONS_BY_PARAMETER.get(parameter);
    }

    /**
     * The parameters of the implementation request and the model configuration. Most options are the
     * parameter's kebab case; {@code commands} is {@code --allow-command}, {@code streaming}
     * {@code --stream}, and {@code apiKey} and the secrets this command registers come from the variable
     * {@code --api-key-env} names.
     */
    private static Map<String, String> optionsByParameter() {
        Map<String, String> options = new LinkedHashMap<>();
        AgentOptions.putOptionsByParameter(options);
        options.put("commandTimeout", "--command-timeout");
        options.put("maxTokens", "--max-tokens");
        options.put("maxCostUsd", "--max-cost-usd");
        options.put("timeout", "--timeout");
        options.put("transcript", "--transcript");
        options.put(LocalWorkspace.WORKSPACE, WorkspaceOption.NAME);
        return Map.copyOf(options);
    }

    @Override
    public CommandHelp help() {
        return new CommandHelp("aiwf implement --intent=TEXT --model=MODEL|replay:FILE [OPTIONS]",
                List.of("Let a tool-calling agent change the workspace to fulfil an intent.",
                        "The agent reads the repository through its tools, edits files it may write, runs commands "
                                + "it is allowed to run and finishes with a summary. Limits are checked before "
                                + "every model call; whatever stops the run, the work done so far stays in the "
                                + "workspace.",
                        "Engine log lines (one per turn: tools called, tokens and cost so far), then the status, "
                                + "stop reason, summary, changed files, the unified diff and the usage go to "
                                + "stdout; usage errors to stderr. The API key never appears in any output."),
                List.of(new CommandHelp.ExitCode(Aiwf.PASSED, "CHANGED: the agent finished and changed files"),
                        new CommandHelp.ExitCode(Aiwf.FAILED, "NO_CHANGE: the agent finished without changing "
                                + "anything (never a success)"),
                        new CommandHelp.ExitCode(Aiwf.USAGE, "bad usage or unreadable input: unknown option, bad "
                                + "value, unknown provider, API key variable not set, unreadable replay or price "
                                + "file, missing workspace, output file not writable"),
                        new CommandHelp.ExitCode(Aiwf.INTERNAL_ERROR, "internal error (a bug, or out of memory): the "
                                + "stack trace is printed; when it happened inside the agent's run, the run stops "
                                + "with ERROR (INTERNAL_ERROR) and the result, the transcript's stop event and "
                                + "--json are written all the same"),
                        new CommandHelp.ExitCode(Aiwf.LIMIT, "LIMIT: --max-turns, --max-tokens, --max-cost-usd or "
                                + "--timeout stopped the run; the work done so far is kept"),
                        new CommandHelp.ExitCode(Aiwf.AGENT_ERROR, "ERROR: the model failed (after retries), kept "
                                + "sending unusable replies, or the run was cancelled; the work done so far is "
                                + "kept")),
                List.of("Relative --instructions, --context, --writable, --read-only and --hidden paths are "
                                + "relative to --workspace; --prices, --transcript, --json, --markdown and replay "
                                + "files to the current directory.",
                        "",
                        "Examples:",
                        "  export OPENAI_API_KEY=...",
                        "  aiwf implement --model gpt-4.1-mini \\",
                        "      --intent 'Make slugify turn \u00df into ss' \\",
                        "      --writable 'src/**' --allow-command 'mvn -B -q test' \\",
                        "      --max-turns 30 --max-cost-usd 1 \\",
                        "      --transcript target/aiwf/transcript.jsonl \\",
                        "      --json target/aiwf/implement.json",
                        "  aiwf implement --provider compatible --model llama3.1 \\",
                        "      --base-url http://127.0.0.1:11434/v1 --intent 'Add a --verbose option'",
                        "  aiwf implement --workspace /tmp/demo \\",
                        "      --model replay:examples/demo/replay/fix-slug.json \\",
                        "      --intent 'Make slugify turn \u00df into ss'"),
                EngineDefaults.DEFAULTS);
    }

    /** The engine's default of each option, as help shows it; the fields start at the same engine values. */
    static final class EngineDefaults {
        static final Map<String, String> DEFAULTS = defaults();

        private EngineDefaults() {
        }

        private static Map<String, String> defaults() {
            Map<String, String> defaults = new HashMap<>();
            AgentOptions.putDefaults(defaults);
            defaults.put("--command-timeout", Converters.formatDuration(ImplementationRequest.DEFAULT_COMMAND_TIMEOUT));
            return Map.copyOf(defaults);
        }
    }
}
