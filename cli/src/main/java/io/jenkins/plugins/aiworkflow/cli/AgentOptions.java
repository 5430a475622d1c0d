package io.jenkins.plugins.aiworkflow.cli;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.agent.ImplementationRequest;
import io.jenkins.plugins.aiworkflow.engine.llm.ApiKey;
import io.jenkins.plugins.aiworkflow.engine.llm.OpenAiModelConfig;
import io.jenkins.plugins.aiworkflow.engine.llm.PriceTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The options of the implementation step, declared once and shared by every command that runs the agent:
 * {@code implement}, and {@code refine}, which runs it in every iteration. Three groups, so that each command
 * places its own options between them as its help shows them: the task and what the agent may do
 * ({@link #declareTask}), the model ({@link #declareModel}), and the limits of one model call and of the prompt
 * ({@link #declareCallLimits}). Each option is the kebab-case form of the engine parameter it sets (the
 * exceptions are in {@link #putOptionsByParameter}); every field starts at the engine's default. The command
 * adds what is its own (the budget, the agent's command timeout, the transcript) to the builder
 * {@link #toBuilder} returns.
 */
final class AgentOptions {
    /** {@code --model replay:FILE} plays a scripted session instead of calling a model. */
    static final String REPLAY_PREFIX = "replay:";
    static final String OPENAI_API_KEY = "OPENAI_API_KEY";
    static final String AZURE_OPENAI_API_KEY = "AZURE_OPENAI_API_KEY";

    /** The environment the API key is read from. */
    private final Map<String, String> environment;

    String intent;
    final List<String> context = new ArrayList<>();
    final List<String> instructions = new ArrayList<>();
    boolean defaultInstructions = ImplementationRequest.DEFAULT_DEFAULT_INSTRUCTIONS;
    final List<String> writable = new ArrayList<>();
    final List<String> readOnly = new ArrayList<>();
    final List<String> hidden = new ArrayList<>();
    final List<String> allowCommand = new ArrayList<>();
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
    Integer maxOutputTokens;
    int maxConsecutiveErrors = ImplementationRequest.DEFAULT_MAX_CONSECUTIVE_ERRORS;
    int tokenBudget = ImplementationRequest.DEFAULT_TOKEN_BUDGET;

    /** @param environment where the API key is read from */
    AgentOptions(Map<String, String> environment) {
        this.environment = environment;
    }

    /** {@code --intent} to {@code --allow-command}: what to do and what the agent may do. */
    static void declareTask(List<CliOption> options) {
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
        options.add(CliOption.list("--writable", "GLOB", "Ant-style pattern of files the agent may create, change "
                + "or delete, such as 'src/**'. Repeatable. Default: ** (everything but .git)."));
        options.add(CliOption.list("--read-only", "GLOB", "Pattern of files the agent may not change even when "
                + "writable, such as 'src/test/**'. Repeatable. .git is always read-only. Default: none."));
        options.add(CliOption.list("--hidden", "GLOB", "Pattern of files the agent may not list, read, search or "
                + "change, such as '**/.env'. Repeatable. .git is always hidden. Default: none."));
        options.add(CliOption.repeated("--allow-command", "PREFIX", "First words of a command the agent may run in "
                + "the workspace, such as 'mvn -B -q test' or './gradlew test'; matched word by word, and no ; & | ` "
                + "$( > < anywhere. Repeatable. Default: none (the agent runs no command)."));
    }

    /** {@code --model} to {@code --prices}. */
    static void declareModel(List<CliOption> options) {
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
    }

    /** {@code --max-turns}, worded by the command (what it counts the turns of). */
    static CliOption maxTurnsOption(String description) {
        return CliOption.value("--max-turns", "N", description);
    }

    /** {@code --max-output-tokens}, {@code --max-consecutive-errors}, {@code --token-budget}. */
    static void declareCallLimits(List<CliOption> options) {
        options.add(CliOption.value("--max-output-tokens", "N", "Most output tokens of one model call. Default: none "
                + "(the model's own limit)."));
        options.add(CliOption.value("--max-consecutive-errors", "N", "Unusable replies in a row (invalid tool JSON, "
                + "unknown tool, cut-off answer, refusal, no tool call) before the run stops. Default: "
                + CliOption.DEFAULT_VALUE + "."));
        options.add(CliOption.value("--token-budget", "N", "Tokens of the first prompt: rules, instruction files, "
                + "repository map, context files and intent. Default: " + CliOption.DEFAULT_VALUE + "."));
    }

    /** Takes the value if {@code option} is one of these; false for any other option. */
    boolean set(String option, String value) {
        switch (option) {
            case "--intent" -> intent = value;
            case "--context" -> context.add(value);
            case "--instructions" -> instructions.add(value);
            case "--default-instructions" -> defaultInstructions = Boolean.parseBoolean(value);
            case "--writable" -> writable.add(value);
            case "--read-only" -> readOnly.add(value);
            case "--hidden" -> hidden.add(value);
            case "--allow-command" -> allowCommand.add(value);
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
            case "--max-output-tokens" -> maxOutputTokens = Converters.parseInt(value);
            case "--max-consecutive-errors" -> maxConsecutiveErrors = Converters.parseInt(value);
            case "--token-budget" -> tokenBudget = Converters.parseInt(value);
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * A request builder with every parameter these options set: the task, the policy's globs and commands,
     * the model (or the replay) with its key and prices, the turn and call limits. The engine checks every
     * value when the command builds it.
     */
    ImplementationRequest.Builder toBuilder() {
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
                .tokenBudget(tokenBudget)
                .prices(priceTable())
                .maxTurns(maxTurns)
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
        return builder;
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
    static void checkReadable(Path file, String what, String parameter, String accepted) {
        String problem = !Files.exists(file) ? "does not exist" : !Files.isRegularFile(file) ? "is not a file"
                : !Files.isReadable(file) ? "is not readable" : null;
        if (problem != null) {
            throw badInput(what + " '" + file + "' " + problem + "; accepted: " + accepted, parameter, null);
        }
    }

    /**
     * Bad input a command finds itself, naming the engine parameter its option sets, so that it is
     * reported like the engine's own refusals, with the option ({@link AiwfCommand#optionFor}).
     */
    static InvalidRequestException badInput(String message, String parameter, Exception cause) {
        return new InvalidRequestException(parameter, Objects.requireNonNullElse(message, "invalid value"), cause);
    }

    /**
     * The parameters of the implementation request and the model configuration these options set, with the
     * option that sets each. Most options are the parameter's kebab case; {@code commands} is
     * {@code --allow-command}, {@code streaming} {@code --stream}, and {@code apiKey} and the secrets the
     * command registers come from the variable {@code --api-key-env} names.
     */
    static void putOptionsByParameter(Map<String, String> options) {
        options.put("intent", "--intent");
        options.put("context", "--context");
        options.put("instructions", "--instructions");
        options.put("writable", "--writable");
        options.put("readOnly", "--read-only");
        options.put("hidden", "--hidden");
        options.put("commands", "--allow-command");
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
        options.put("maxOutputTokens", "--max-output-tokens");
        options.put("maxConsecutiveErrors", "--max-consecutive-errors");
    }

    /** The engine's default of each of these options, as help shows it. */
    static void putDefaults(Map<String, String> defaults) {
        defaults.put("--default-instructions", String.valueOf(ImplementationRequest.DEFAULT_DEFAULT_INSTRUCTIONS));
        defaults.put("--provider", OpenAiModelConfig.DEFAULT_PROVIDER.name().toLowerCase(Locale.ROOT));
        defaults.put("--api", Converters.formatApi(OpenAiModelConfig.DEFAULT_API));
        defaults.put("--stream", String.valueOf(OpenAiModelConfig.DEFAULT_STREAMING));
        defaults.put("--request-timeout", Converters.formatDuration(OpenAiModelConfig.DEFAULT_REQUEST_TIMEOUT));
        defaults.put("--max-retries", String.valueOf(OpenAiModelConfig.DEFAULT_MAX_RETRIES));
        defaults.put("--max-retry-after", Converters.formatDuration(OpenAiModelConfig.DEFAULT_MAX_RETRY_AFTER));
        defaults.put("--max-consecutive-errors", String.valueOf(ImplementationRequest.DEFAULT_MAX_CONSECUTIVE_ERRORS));
        defaults.put("--token-budget", String.valueOf(ImplementationRequest.DEFAULT_TOKEN_BUDGET));
    }
}
