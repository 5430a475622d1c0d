package io.jenkins.plugins.aiworkflow.cli;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.agent.AgentResult;
import io.jenkins.plugins.aiworkflow.engine.agent.AgentStatus;
import io.jenkins.plugins.aiworkflow.engine.agent.Implementation;
import io.jenkins.plugins.aiworkflow.engine.agent.ImplementationRequest;
import io.jenkins.plugins.aiworkflow.engine.agent.StopReason;
import io.jenkins.plugins.aiworkflow.engine.llm.ApiKey;
import io.jenkins.plugins.aiworkflow.engine.llm.OpenAiModelConfig;
import io.jenkins.plugins.aiworkflow.engine.llm.PriceTable;
import io.jenkins.plugins.aiworkflow.engine.log.EngineLog;
import io.jenkins.plugins.aiworkflow.engine.output.AgentConsoleSummary;
import io.jenkins.plugins.aiworkflow.engine.output.AgentMarkdownSummary;
import io.jenkins.plugins.aiworkflow.engine.output.AgentResultJson;
import io.jenkins.plugins.aiworkflow.engine.workspace.LocalWorkspace;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
    /** {@code --model replay:FILE} plays a scripted session instead of calling a model. */
    static final String REPLAY_PREFIX = "replay:";
    static final String OPENAI_API_KEY = "OPENAI_API_KEY";
    static final String AZURE_OPENAI_API_KEY = "AZURE_OPENAI_API_KEY";
    /** How long a cancelled run (Ctrl-C, SIGTERM) may take to write its transcript and result. */
    private static final long CANCEL_GRACE_SECONDS = 30;

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
        // what to do
        options.add(CliOption.value("--intent", "TEXT", "What to change, in words, such as 'Make slugify turn "
                + "\u00df into ss'. Required.").required());
        options.add(CliOption.list("--context", "GLOB", "Ant-style pattern of files read into the prompt up front, "
                + "such as 'src/main/**/Slugs.java'. Repeatable; comma-separated lists are accepted. Default: none "
                + "(the agent reads what it needs with its tools)."));
        options.add(CliOption.repeated("--instructions", "FILE", "An instruction file read into the prompt after "
                + "the default ones, such as 'docs/STYLE.md'; a missing one is reported. Repeatable. Default: none."));
        options.add(CliOption.negatable("--default-instructions", "Read the usual agent-instruction files when "
                + "present: AGENTS.md, CLAUDE.md, CONVENTIONS.md, CONTRIBUTING.md and others (docs/context.md). "
                + "Default: " + CliOption.DEFAULT_VALUE + "."));
        // what the agent may do
        options.add(CliOption.list("--writable", "GLOB", "Ant-style pattern of files the agent may create, change "
                + "or delete, such as 'src/**'. Repeatable. Default: ** (everything but .git)."));
        options.add(CliOption.list("--read-only", "GLOB", "Pattern of files the agent may not change even when "
                + "writable, such as 'src/test/**'. Repeatable. .git is always read-only. Default: none."));
        options.add(CliOption.list("--hidden", "GLOB", "Pattern of files the agent may not list, read, search or "
                + "change, such as '**/.env'. Repeatable. .git is always hidden. Default: none."));
        options.add(CliOption.repeated("--allow-command", "PREFIX", "First words of a command the agent may run in "
                + "the workspace, such as 'mvn -B -q test' or './gradlew test'; matched word by word, and no ; & | ` "
                + "$( > < anywhere. Repeatable. Default: none (the agent runs no command)."));
        options.add(CliOption.value("--command-timeout", "DURATION", "A command the agent runs is killed (with its "
                + "child processes) after this. Default: " + CliOption.DEFAULT_VALUE + "."));
        options.add(WorkspaceOption.option(SHARED));
        // the model
        options.add(CliOption.value("--model", "MODEL", "The model, such as gpt-4.1-mini (Azure: the deployment "
                + "name; Ollama: llama3.1), or replay:FILE to play a scripted session (docs/models.md) instead of "
                + "calling a model. Required.").required());
        options.add(CliOption.value("--provider", "PROVIDER", "openai, azure (--base-url is the resource endpoint) "
                + "or compatible (any OpenAI-compatible server such as Ollama, vLLM or LiteLLM at --base-url). "
                + "Default: " + CliOption.DEFAULT_VALUE + "."));
        options.add(CliOption.value("--base-url", "URL", "The API's base URL, such as http://127.0.0.1:11434/v1; "
                + "required for azure and compatible. Default: https://api.openai.com/v1."));
        options.add(CliOption.value("--api", "API", "chat (Chat Completions, every provider) or responses (the "
                + "Responses API). Default: " + CliOption.DEFAULT_VALUE + "."));
        options.add(CliOption.negatable("--stream", "Receive answers as a stream of events. Default: "
                + CliOption.DEFAULT_VALUE + "."));
        options.add(CliOption.value("--api-key-env", "VAR", "The environment variable holding the API key; it is "
                + "removed from the environment of commands the agent runs. Default: " + OPENAI_API_KEY + " ("
                + AZURE_OPENAI_API_KEY + " with --provider azure). Required to be set for openai and azure; "
                + "compatible servers are called without a key when it is not set."));
        options.add(CliOption.value("--azure-api-version", "VERSION", "Azure's api-version, such as 2024-10-21; only "
                + "with --provider azure. Default: the SDK's latest stable version."));
        options.add(CliOption.value("--request-timeout", "DURATION", "Limit of one HTTP attempt of a model call, a "
                + "whole stream included. Default: " + CliOption.DEFAULT_VALUE + "."));
        options.add(CliOption.value("--max-retries", "N", "Retries of a failed model call (429, 408, 409, 5xx, "
                + "timeouts, connection errors), 0 to " + OpenAiModelConfig.MAX_MAX_RETRIES + ". Default: "
                + CliOption.DEFAULT_VALUE + "."));
        options.add(CliOption.value("--max-retry-after", "DURATION", "The longest wait a server may ask for with "
                + "Retry-After before the call fails instead. Default: " + CliOption.DEFAULT_VALUE + "."));
        options.add(CliOption.value("--prices", "FILE", "JSON file of model prices in USD per 1M tokens that add to "
                + "or replace the defaults (docs/models.md). Default: none (OpenAI's list prices; other models' cost "
                + "is unknown)."));
        // the budget
        options.add(CliOption.value("--max-turns", "N", "Most model calls. Default: none."));
        options.add(CliOption.value("--max-tokens", "N", "Most tokens, input plus output, over all model calls. "
                + "Default: none."));
        options.add(CliOption.value("--max-cost-usd", "USD", "Most money in US dollars, such as 0.50; a model "
                + "without a price stops the run before its first call. Default: none."));
        options.add(CliOption.value("--timeout", "DURATION", "Wall time of the run, waits for rate limits and "
                + "commands included: 90s, 30m, 2h, 1h30m or ISO-8601 such as PT1H. Default: none."));
        options.add(CliOption.value("--max-output-tokens", "N", "Most output tokens of one model call. Default: none "
                + "(the model's own limit)."));
        options.add(CliOption.value("--max-consecutive-errors", "N", "Unusable replies in a row (invalid tool JSON, "
                + "unknown tool, cut-off answer, refusal, no tool call) before the run stops. Default: "
                + CliOption.DEFAULT_VALUE + "."));
        options.add(CliOption.value("--token-budget", "N", "Tokens of the first prompt: rules, instruction files, "
                + "repository map, context files and intent. Default: " + CliOption.DEFAULT_VALUE + "."));
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
    String intent;
    final List<String> context = new ArrayList<>();
    final List<String> instructions = new ArrayList<>();
    boolean defaultInstructions = ImplementationRequest.DEFAULT_DEFAULT_INSTRUCTIONS;
    final List<String> writable = new ArrayList<>();
    final List<String> readOnly = new ArrayList<>();
    final List<String> hidden = new ArrayList<>();
    final List<String> allowCommand = new ArrayList<>();
    Duration commandTimeout = ImplementationRequest.DEFAULT_COMMAND_TIMEOUT;
    final WorkspaceOption workspace = new WorkspaceOption();
    String model;
    OpenAiModelConfig.Provider provider = OpenAiModelConfig.DEFAULT_PROVIDER;
    String baseUrl;
    OpenAiModelConfig.Api api = OpenAiModelConfig.DEFAULT_API;
    boolean stream = OpenAiModelConfig.DEFAULT_STREAMING;
    String apiKeyEnv;
    String azureApiVersion;
    Duration requestTimeout = OpenAiModelConfig.DEFAULT_REQUEST_TIMEOUT;
    int maxRetries = OpenAiModelConfig.DEFAULT_MAX_RETRIES;
    Duration maxRetryAfter = OpenAiModelConfig.DEFAULT_MAX_RETRY_AFTER;
    Path prices;
    Integer maxTurns;
    Long maxTokens;
    Double maxCostUsd;
    Duration timeout;
    Integer maxOutputTokens;
    int maxConsecutiveErrors = ImplementationRequest.DEFAULT_MAX_CONSECUTIVE_ERRORS;
    int tokenBudget = ImplementationRequest.DEFAULT_TOKEN_BUDGET;
    Path transcript;
    final ResultFiles resultFiles = new ResultFiles();

    /** @param environment where the API key is read from; the agent's commands inherit it */
    ImplementCommand(Map<String, String> environment) {
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
            case "--intent" -> intent = value;
            case "--context" -> context.add(value);
            case "--instructions" -> instructions.add(value);
            case "--default-instructions" -> defaultInstructions = Boolean.parseBoolean(value);
            case "--writable" -> writable.add(value);
            case "--read-only" -> readOnly.add(value);
            case "--hidden" -> hidden.add(value);
            case "--allow-command" -> allowCommand.add(value);
            case "--command-timeout" -> commandTimeout = Converters.parseDuration(value);
            case "--model" -> model = value;
            case "--provider" -> provider = Converters.parseProvider(value);
            case "--base-url" -> baseUrl = value;
            case "--api" -> api = Converters.parseApi(value);
            case "--stream" -> stream = Boolean.parseBoolean(value);
            case "--api-key-env" -> apiKeyEnv = value;
            case "--azure-api-version" -> azureApiVersion = value;
            case "--request-timeout" -> requestTimeout = Converters.parseDuration(value);
            case "--max-retries" -> maxRetries = Converters.parseInt(value);
            case "--max-retry-after" -> maxRetryAfter = Converters.parseDuration(value);
            case "--prices" -> prices = Path.of(value);
            case "--max-turns" -> maxTurns = Converters.parseInt(value);
            case "--max-tokens" -> maxTokens = Converters.parseLong(value);
            case "--max-cost-usd" -> maxCostUsd = Converters.parseDouble(value);
            case "--timeout" -> timeout = Converters.parseDuration(value);
            case "--max-output-tokens" -> maxOutputTokens = Converters.parseInt(value);
            case "--max-consecutive-errors" -> maxConsecutiveErrors = Converters.parseInt(value);
            case "--token-budget" -> tokenBudget = Converters.parseInt(value);
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
        CountDownLatch finished = new CountDownLatch(1);
        Thread cancel = cancelOnShutdown(Thread.currentThread(), finished);
        try {
            AgentResult result = implement(request.withTranscript(openTranscript()), root, log);
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
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(cancel);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook is running and waits for this method
            }
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
     * Ctrl-C or SIGTERM interrupts the run, so that the model call is cancelled and the agent stops
     * with a CANCELLED reason; the JVM waits (bounded) until the transcript and result are written.
     */
    private static Thread cancelOnShutdown(Thread worker, CountDownLatch finished) {
        Thread hook = new Thread(() -> {
            worker.interrupt();
            try {
                finished.await(CANCEL_GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "aiwf-cancel-implement");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /**
     * The one engine request these options stand for, each option setting the parameter it is named
     * after; the engine checks every value and derives the rest (policy, prompt, secrets).
     */
    ImplementationRequest toRequest() {
        ApiKey apiKey = apiKey();
        ImplementationRequest.Builder builder = ImplementationRequest.builder()
                .intent(intent)
                .context(context)
                .instructions(instructions)
                .defaultInstructions(defaultInstructions)
                .writable(writable)
                .readOnly(readOnly)
                .hidden(hidden)
                .commands(allowCommand)
                .commandTimeout(commandTimeout)
                .tokenBudget(tokenBudget)
                .prices(priceTable())
                .maxTurns(maxTurns)
                .maxTokens(maxTokens)
                .maxCostUsd(maxCostUsd)
                .timeout(timeout)
                .maxOutputTokens(maxOutputTokens)
                .maxConsecutiveErrors(maxConsecutiveErrors);
        Path replay = replayFile();
        if (replay != null) {
            builder.replay(replayScript(replay), replay.toString());
        } else {
            builder.model(toModelConfig(apiKey));
        }
        if (apiKey == null) {
            // No key is sent (a replay, a keyless server); the variable --api-key-env names stays out of the
            // agent's commands and masked all the same. A key that is sent, the engine registers itself.
            builder.removeVariables(List.of(apiKeyVariable()));
            String value = environment.get(apiKeyVariable());
            if (value != null && !value.isBlank()) {
                builder.secretValues(List.of(value.strip()));
            }
        }
        return builder.build();
    }

    /** The model configuration for a real model; null for {@code replay:FILE}. */
    OpenAiModelConfig toModelConfig(ApiKey apiKey) {
        if (replayFile() != null) {
            return null;
        }
        return OpenAiModelConfig.builder()
                .model(model)
                .provider(provider)
                .api(api)
                .baseUrl(baseUrl)
                .azureApiVersion(azureApiVersion)
                .apiKey(apiKey)
                .requestTimeout(requestTimeout)
                .maxRetries(maxRetries)
                .streaming(stream)
                .maxRetryAfter(maxRetryAfter)
                .build();
    }

    /** The text of the scripted session of {@code --model replay:FILE}; the engine checks it. */
    private static String replayScript(Path replay) {
        checkReadable(replay, "replay script", "model", "a replay script (JSON, see docs/models.md) after "
                + REPLAY_PREFIX);
        try {
            return Files.readString(replay, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw badInput("replay script '" + replay + "' cannot be read (" + e.getMessage() + "); accepted: a "
                    + "replay script (JSON, see docs/models.md) after " + REPLAY_PREFIX, "model", e);
        }
    }

    /**
     * The API key from {@code --api-key-env}, or null: for a replay, and for a compatible server
     * when the variable is not set.
     */
    ApiKey apiKey() {
        if (replayFile() != null) {
            return null;
        }
        String variable = apiKeyVariable();
        String value = environment.get(variable);
        if ((value == null || value.isBlank()) && provider == OpenAiModelConfig.Provider.COMPATIBLE) {
            return null;
        }
        try {
            return ApiKey.fromEnvironment(variable, environment::get);
        } catch (IllegalArgumentException e) {
            throw badInput(e.getMessage() + "; accepted: --api-key-env naming a variable that holds the key, or "
                    + "--provider compatible for a server that needs none", "apiKey", e);
        }
    }

    String apiKeyVariable() {
        if (apiKeyEnv != null && !apiKeyEnv.isBlank()) {
            return apiKeyEnv.strip();
        }
        return provider == OpenAiModelConfig.Provider.AZURE ? AZURE_OPENAI_API_KEY : OPENAI_API_KEY;
    }

    /** The file after {@code replay:}, or null when {@code --model} names a real model. */
    Path replayFile() {
        if (model == null || !model.startsWith(REPLAY_PREFIX)) {
            return null;
        }
        String file = model.substring(REPLAY_PREFIX.length()).strip();
        if (file.isEmpty()) {
            throw badInput("--model " + model + " names no file; accepted: replay:FILE such as "
                    + "replay:examples/demo/replay/fix-slug.json", "model", null);
        }
        return Path.of(file);
    }

    PriceTable priceTable() {
        if (prices == null) {
            return PriceTable.defaults();
        }
        checkReadable(prices, "price file", "prices", "a JSON file of model prices (docs/models.md)");
        try {
            return PriceTable.defaults().withOverrides(PriceTable.fromFile(prices));
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw badInput(e.getMessage() + "; accepted: a JSON object mapping model names to {\"input\": ..., "
                    + "\"cachedInput\": ..., \"output\": ...} in USD per 1M tokens (docs/models.md)", "prices", e);
        }
    }

    /** A clear message for the usual problem, before the file is read. */
    private static void checkReadable(Path file, String what, String parameter, String accepted) {
        String problem = !Files.exists(file) ? "does not exist" : !Files.isRegularFile(file) ? "is not a file"
                : !Files.isReadable(file) ? "is not readable" : null;
        if (problem != null) {
            throw badInput(what + " '" + file + "' " + problem + "; accepted: " + accepted, parameter, null);
        }
    }

    /** The {@code --transcript} file, emptied, or null without the option; the run writes and closes it. */
    private OutputStream openTranscript() {
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

    /**
     * Bad input this command finds itself, naming the engine parameter its option sets, so that it is
     * reported like the engine's own refusals, with the option ({@link #optionFor}).
     */
    private static InvalidRequestException badInput(String message, String parameter, Exception cause) {
        return new InvalidRequestException(parameter, Objects.requireNonNullElse(message, "invalid value"), cause);
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
        options.put("intent", "--intent");
        options.put("context", "--context");
        options.put("instructions", "--instructions");
        options.put("writable", "--writable");
        options.put("readOnly", "--read-only");
        options.put("hidden", "--hidden");
        options.put("commands", "--allow-command");
        options.put("commandTimeout", "--command-timeout");
        options.put("tokenBudget", "--token-budget");
        options.put("model", "--model");
        options.put("provider", "--provider");
        options.put("api", "--api");
        options.put("baseUrl", "--base-url");
        options.put("azureApiVersion", "--azure-api-version");
        options.put("apiKey", "--api-key-env");
        options.put("removeVariables", "--api-key-env");
        options.put("secretValues", "--api-key-env");
        options.put("requestTimeout", "--request-timeout");
        options.put("maxRetries", "--max-retries");
        options.put("streaming", "--stream");
        options.put("maxRetryAfter", "--max-retry-after");
        options.put("prices", "--prices");
        options.put("maxTurns", "--max-turns");
        options.put("maxTokens", "--max-tokens");
        options.put("maxCostUsd", "--max-cost-usd");
        options.put("timeout", "--timeout");
        options.put("maxOutputTokens", "--max-output-tokens");
        options.put("maxConsecutiveErrors", "--max-consecutive-errors");
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
            defaults.put("--default-instructions", String.valueOf(ImplementationRequest.DEFAULT_DEFAULT_INSTRUCTIONS));
            defaults.put("--command-timeout", Converters.formatDuration(ImplementationRequest.DEFAULT_COMMAND_TIMEOUT));
            defaults.put("--provider", OpenAiModelConfig.DEFAULT_PROVIDER.name().toLowerCase(Locale.ROOT));
            defaults.put("--api", Converters.formatApi(OpenAiModelConfig.DEFAULT_API));
            defaults.put("--stream", String.valueOf(OpenAiModelConfig.DEFAULT_STREAMING));
            defaults.put("--request-timeout", Converters.formatDuration(OpenAiModelConfig.DEFAULT_REQUEST_TIMEOUT));
            defaults.put("--max-retries", String.valueOf(OpenAiModelConfig.DEFAULT_MAX_RETRIES));
            defaults.put("--max-retry-after", Converters.formatDuration(OpenAiModelConfig.DEFAULT_MAX_RETRY_AFTER));
            defaults.put("--max-consecutive-errors", String.valueOf(ImplementationRequest.DEFAULT_MAX_CONSECUTIVE_ERRORS));
            defaults.put("--token-budget", String.valueOf(ImplementationRequest.DEFAULT_TOKEN_BUDGET));
            return Map.copyOf(defaults);
        }
    }
}
