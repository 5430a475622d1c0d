package io.jenkins.plugins.aiworkflow.engine.agent;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.context.ContextRequest;
import io.jenkins.plugins.aiworkflow.engine.ledger.Budget;
import io.jenkins.plugins.aiworkflow.engine.llm.ApiKey;
import io.jenkins.plugins.aiworkflow.engine.llm.Model;
import io.jenkins.plugins.aiworkflow.engine.llm.OpenAiModel;
import io.jenkins.plugins.aiworkflow.engine.llm.OpenAiModelConfig;
import io.jenkins.plugins.aiworkflow.engine.llm.PriceTable;
import io.jenkins.plugins.aiworkflow.engine.llm.ReplayModel;
import io.jenkins.plugins.aiworkflow.engine.log.EngineLog;
import io.jenkins.plugins.aiworkflow.engine.sandbox.WorkspacePolicy;
import io.jenkins.plugins.aiworkflow.engine.workspace.EnvironmentPolicy;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Everything one implementation step needs ({@code aiwf implement}, {@code aiImplement}), checked once
 * when built; the request of {@link Implementation}. The builder's methods are the step's parameters,
 * named as in DESIGN §3 and docs/cli.md ({@code intent}, {@code context}, {@code instructions},
 * {@code writable}, {@code readOnly}, {@code commands}, {@code model}, {@code maxTurns},
 * {@code maxTokens}, {@code maxCostUsd}, {@code timeout} ...), so that an adapter's parameters map onto
 * it one to one; a refused value is an {@link InvalidRequestException} whose
 * {@link InvalidRequestException#parameter() parameter} is that name. Immutable, except that the
 * {@link Builder#transcript transcript} stream, if any, is written and closed by the run.
 *
 * <p>What the engine derives, so that every adapter gets the same:
 * <ul>
 *   <li>the workspace policy from {@code writable}, {@code readOnly}, {@code hidden}, {@code commands}
 *       and {@code commandTimeout}, and the prompt's statement of it: the writable patterns (when
 *       given) and the allowed commands, as the policy enforces them;</li>
 *   <li>the secrets: the model configuration's API key, and the {@code secretValues}, are masked in the
 *       log the caller prints through {@link #redact}, in the transcript, the result and every text sent
 *       to the model, and no command the agent runs sees a variable holding one; the key's variable and
 *       the {@code removeVariables} are removed from that environment by name as well;</li>
 *   <li>the model name the prompt is counted and the calls are priced by: the configuration's
 *       {@code model}, or for a replay the script's {@code model}.</li>
 * </ul>
 */
public final class ImplementationRequest {
    /** Default {@code commandTimeout}: a command the agent runs is killed after this. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = WorkspacePolicy.DEFAULT_COMMAND_TIMEOUT;
    /** Default {@code tokenBudget}: tokens of the first prompt. */
    public static final int DEFAULT_TOKEN_BUDGET = ContextRequest.DEFAULT_TOKEN_BUDGET;
    /** Default {@code maxConsecutiveErrors}: unusable replies in a row before the run stops. */
    public static final int DEFAULT_MAX_CONSECUTIVE_ERRORS = AgentRequest.DEFAULT_MAX_CONSECUTIVE_ERRORS;
    /** Default {@code defaultInstructions}: the usual agent-instruction files are read when present. */
    public static final boolean DEFAULT_DEFAULT_INSTRUCTIONS = true;

    private final Builder values;
    private final AgentRequest agentRequest;
    private final OpenAiModelConfig modelConfig;
    private final String modelDescription;
    private final PriceTable prices;

    private ImplementationRequest(Builder builder) {
        values = new Builder(builder);
        boolean replay = values.replayScript != null;
        if (replay == (values.modelConfig != null)) {
            throw new InvalidRequestException("model", "model " + (replay ? "is given twice, as a configuration "
                    + "and as a replay script" : "is missing") + "; accepted: a model configuration (model, "
                    + "provider, baseUrl ...) or a replay script (docs/models.md), one of them", null);
        }
        modelConfig = values.modelConfig;
        String modelName;
        if (replay) {
            ReplayModel script = replay();
            modelName = script.modelId();
            modelDescription = script.describe();
        } else {
            modelName = modelConfig.model();
            modelDescription = modelConfig.describe();
        }
        prices = values.prices;
        WorkspacePolicy policy = policy(environment());
        ContextRequest context = context(policy, modelName);
        Budget.Builder budget = Budget.builder();
        check("maxTurns", () -> budget.maxTurns(values.maxTurns).build());
        check("maxTokens", () -> budget.maxTokens(values.maxTokens).build());
        check("maxCostUsd", () -> budget.maxCostUsd(values.maxCostUsd).build());
        check("timeout", () -> budget.timeout(values.timeout).build());
        AgentRequest.Builder agent = AgentRequest.builder().context(context).policy(policy).budget(budget.build());
        check("maxConsecutiveErrors", () -> agent.maxConsecutiveErrors(values.maxConsecutiveErrors).build());
        agentRequest = check("maxOutputTokens", () -> agent.maxOutputTokens(values.maxOutputTokens).build());
    }

    /**
     * The registered secrets: the model's API key by value and by its variable (the rule that the
     * provider's key never reaches a command the agent runs, whoever builds the request), and the
     * caller's.
     */
    private EnvironmentPolicy environment() {
        EnvironmentPolicy.Builder environment = EnvironmentPolicy.builder().secretValues(values.secretValues);
        check("removeVariables", () -> environment.removeVariables(values.removeVariables));
        Optional<ApiKey> key = modelConfig == null ? Optional.empty() : modelConfig.apiKey();
        key.ifPresent(apiKey -> {
            apiKey.registerAsSecret(environment::secretValue);
            apiKey.environmentVariable().ifPresent(variable -> environment.removeVariables(List.of(variable)));
        });
        return environment.build();
    }

    /** Built one parameter at a time, so that a refusal names the parameter it is about. */
    private WorkspacePolicy policy(EnvironmentPolicy environment) {
        WorkspacePolicy.Builder policy = WorkspacePolicy.builder().environment(environment);
        if (!values.writable.isEmpty()) {
            check("writable", () -> policy.writable(values.writable).build());
        }
        check("readOnly", () -> policy.readOnly(values.readOnly).build());
        check("hidden", () -> policy.hidden(values.hidden).build());
        check("commands", () -> policy.allowedCommands(values.commands).build());
        return check("commandTimeout", () -> policy.commandTimeout(values.commandTimeout).build());
    }

    /** The prompt states what the policy enforces: its writable patterns when some were given, its commands. */
    private ContextRequest context(WorkspacePolicy policy, String modelName) {
        ContextRequest.Builder context = ContextRequest.builder().modelName(modelName);
        check("intent", () -> context.intent(values.intent).build());
        check("context", () -> context.contextGlobs(values.context).build());
        check("instructions", () -> context.extraInstructionFiles(values.instructions).build());
        if (!values.defaultInstructions) {
            context.instructionFiles(List.of());
        }
        check("tokenBudget", () -> context.tokenBudget(values.tokenBudget).build());
        if (values.feedback != null) {
            check("feedbackTokens", () -> context.maxFeedbackTokens(values.feedbackTokens).feedback(values.feedback)
                    .build());
        }
        return context.writableGlobs(values.writable.isEmpty() ? List.of() : policy.writable())
                .allowedCommands(policy.allowedCommands()).build();
    }

    private ReplayModel replay() {
        try {
            return ReplayModel.fromJson(values.replayScript, values.replaySource);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("model", e.getMessage() + "; accepted: a replay script (JSON, see "
                    + "docs/models.md)", e);
        }
    }

    /** Runs an engine builder; its refusal becomes bad input naming {@code parameter}. */
    private static <T> T check(String parameter, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            String message = Objects.requireNonNullElse(e.getMessage(), "invalid value");
            boolean named = message.startsWith(parameter) && (message.length() == parameter.length()
                    || !Character.isLetterOrDigit(message.charAt(parameter.length())));
            throw new InvalidRequestException(parameter, named ? message : parameter + ": " + message, e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this request's parameters. */
    public Builder toBuilder() {
        return new Builder(values);
    }

    /** This request with its transcript written to {@code out}, which the run closes when it ends. */
    public ImplementationRequest withTranscript(OutputStream out) {
        return toBuilder().transcript(out).build();
    }

    /** The agent's request: intent and context, the policy with the registered secrets, the budget, the limits. */
    public AgentRequest agentRequest() {
        return agentRequest;
    }

    /** The configuration of the model to call; empty for a replay. */
    public Optional<OpenAiModelConfig> modelConfig() {
        return Optional.ofNullable(modelConfig);
    }

    /** The model as messages and results name it ({@code OpenAI model gpt-4.1 ...}, {@code replay of ...}). */
    public String modelDescription() {
        return modelDescription;
    }

    /** The prices the calls are costed by. */
    public PriceTable prices() {
        return prices;
    }

    /** {@code text} with every registered secret masked: what a caller prints of the run goes through this. */
    public String redact(String text) {
        return agentRequest.policy().environment().redact(text);
    }

    /** A new model for one run: the configured one, or the replay from its first turn. */
    Model openModel(EngineLog log) {
        if (modelConfig == null) {
            return replay();
        }
        try {
            return new OpenAiModel(modelConfig, log);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("model", "model: " + e.getMessage(), e);
        }
    }

    /** The run's transcript: to the given stream, masked, or none. */
    Transcript openTranscript() {
        return values.transcript == null ? Transcript.none() : Transcript.to(values.transcript, this::redact);
    }

    /**
     * Collects the parameters; {@code intent} and the model ({@link #model} or {@link #replay}) are
     * required, the rest has the engine's defaults. A null list is empty, a null limit no limit.
     */
    public static final class Builder {
        private String intent;
        private List<String> context = List.of();
        private List<String> instructions = List.of();
        private boolean defaultInstructions = DEFAULT_DEFAULT_INSTRUCTIONS;
        private List<String> writable = List.of();
        private List<String> readOnly = List.of();
        private List<String> hidden = List.of();
        private List<String> commands = List.of();
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
        private int tokenBudget = DEFAULT_TOKEN_BUDGET;
        private OpenAiModelConfig modelConfig;
        private String replayScript;
        private String replaySource;
        private PriceTable prices = PriceTable.defaults();
        private Integer maxTurns;
        private Long maxTokens;
        private Double maxCostUsd;
        private Duration timeout;
        private Integer maxOutputTokens;
        private int maxConsecutiveErrors = DEFAULT_MAX_CONSECUTIVE_ERRORS;
        private List<String> secretValues = List.of();
        private List<String> removeVariables = List.of();
        private OutputStream transcript;
        private String feedback;
        private int feedbackTokens = ContextRequest.DEFAULT_MAX_FEEDBACK_TOKENS;

        private Builder() {
        }

        private Builder(Builder other) {
            intent = other.intent;
            context = other.context;
            instructions = other.instructions;
            defaultInstructions = other.defaultInstructions;
            writable = other.writable;
            readOnly = other.readOnly;
            hidden = other.hidden;
            commands = other.commands;
            commandTimeout = other.commandTimeout;
            tokenBudget = other.tokenBudget;
            modelConfig = other.modelConfig;
            replayScript = other.replayScript;
            replaySource = other.replaySource;
            prices = other.prices;
            maxTurns = other.maxTurns;
            maxTokens = other.maxTokens;
            maxCostUsd = other.maxCostUsd;
            timeout = other.timeout;
            maxOutputTokens = other.maxOutputTokens;
            maxConsecutiveErrors = other.maxConsecutiveErrors;
            secretValues = other.secretValues;
            removeVariables = other.removeVariables;
            transcript = other.transcript;
            feedback = other.feedback;
            feedbackTokens = other.feedbackTokens;
        }

        /** What to change, in words. Required. */
        public Builder intent(String value) {
            intent = value;
            return this;
        }

        /** Ant-style patterns of files read into the prompt up front. */
        public Builder context(Collection<String> globs) {
            context = copy(globs);
            return this;
        }

        /** Instruction files read into the prompt after the default ones; a missing one is reported. */
        public Builder instructions(Collection<String> files) {
            instructions = copy(files);
            return this;
        }

        /** Whether the usual agent-instruction files (AGENTS.md and others, docs/context.md) are read. */
        public Builder defaultInstructions(boolean value) {
            defaultInstructions = value;
            return this;
        }

        /** Patterns of the files the agent may change; none given: everything but {@code .git}. */
        public Builder writable(Collection<String> globs) {
            writable = copy(globs);
            return this;
        }

        /** Patterns of files the agent may not change even when writable. */
        public Builder readOnly(Collection<String> globs) {
            readOnly = copy(globs);
            return this;
        }

        /** Patterns of files the agent may not list, read, search or change. */
        public Builder hidden(Collection<String> globs) {
            hidden = copy(globs);
            return this;
        }

        /** First words of the commands the agent may run; none given: no command. */
        public Builder commands(Collection<String> prefixes) {
            commands = copy(prefixes);
            return this;
        }

        /** A command the agent runs is killed after this; null: {@link #DEFAULT_COMMAND_TIMEOUT}. */
        public Builder commandTimeout(Duration value) {
            commandTimeout = value == null ? DEFAULT_COMMAND_TIMEOUT : value;
            return this;
        }

        /** Tokens of the first prompt. */
        public Builder tokenBudget(int value) {
            tokenBudget = value;
            return this;
        }

        /** The model to call; its API key is a registered secret. Not with {@link #replay}. */
        public Builder model(OpenAiModelConfig config) {
            modelConfig = config;
            return this;
        }

        /**
         * A scripted session (JSON, docs/models.md) played instead of calling a model; each run plays it
         * from its first turn. Not with {@link #model}.
         *
         * @param source names the script in messages, such as its file name
         */
        public Builder replay(String script, String source) {
            replayScript = script;
            replaySource = Objects.requireNonNullElse(source, "replay script");
            return this;
        }

        /** The prices calls are costed by; null: {@link PriceTable#defaults()}. */
        public Builder prices(PriceTable value) {
            prices = value == null ? PriceTable.defaults() : value;
            return this;
        }

        /** Most model calls; null: no limit. */
        public Builder maxTurns(Integer value) {
            maxTurns = value;
            return this;
        }

        /** Most tokens, input plus output, over all model calls; null: no limit. */
        public Builder maxTokens(Long value) {
            maxTokens = value;
            return this;
        }

        /** Most money in US dollars; null: no limit. */
        public Builder maxCostUsd(Double value) {
            maxCostUsd = value;
            return this;
        }

        /** Wall time of the run, waits included; null: no limit. */
        public Builder timeout(Duration value) {
            timeout = value;
            return this;
        }

        /** Most output tokens of one model call; null: the model's own limit. */
        public Builder maxOutputTokens(Integer value) {
            maxOutputTokens = value;
            return this;
        }

        /** Unusable replies in a row before the run stops. */
        public Builder maxConsecutiveErrors(int value) {
            maxConsecutiveErrors = value;
            return this;
        }

        /**
         * Values besides the model's key that must never be shown or reach a command the agent runs
         * (credentials the caller knows of); blank ones are ignored.
         */
        public Builder secretValues(Collection<String> values) {
            secretValues = copy(values);
            return this;
        }

        /** Environment variables removed from the commands the agent runs, whatever their value. */
        public Builder removeVariables(Collection<String> names) {
            removeVariables = copy(names);
            return this;
        }

        /**
         * What the agent learns from an earlier attempt's failed validation (the block form of refine passes the
         * last one's), put into the prompt fenced as untrusted data within {@code maxTokens}; null for none.
         */
        public Builder feedback(String text, int maxTokens) {
            feedback = text;
            feedbackTokens = maxTokens;
            return this;
        }

        /** Where the run writes its transcript (JSON Lines, docs/transcript.md); the run closes it. Null: none. */
        public Builder transcript(OutputStream out) {
            transcript = out;
            return this;
        }

        /** @throws InvalidRequestException naming the first refused parameter */
        public ImplementationRequest build() {
            return new ImplementationRequest(this);
        }

        /** A copy that keeps null entries, so that the engine's checks can name them. */
        private static List<String> copy(Collection<String> values) {
            return values == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(values));
        }
    }
}
