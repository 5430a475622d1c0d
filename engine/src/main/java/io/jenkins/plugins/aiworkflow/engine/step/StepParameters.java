package io.jenkins.plugins.aiworkflow.engine.step;

import static io.jenkins.plugins.aiworkflow.engine.step.ParameterType.BOOLEAN;
import static io.jenkins.plugins.aiworkflow.engine.step.ParameterType.CHOICE;
import static io.jenkins.plugins.aiworkflow.engine.step.ParameterType.DECIMAL;
import static io.jenkins.plugins.aiworkflow.engine.step.ParameterType.DURATION;
import static io.jenkins.plugins.aiworkflow.engine.step.ParameterType.EXIT_CODES;
import static io.jenkins.plugins.aiworkflow.engine.step.ParameterType.GLOBS;
import static io.jenkins.plugins.aiworkflow.engine.step.ParameterType.INTEGER;
import static io.jenkins.plugins.aiworkflow.engine.step.ParameterType.LINES;
import static io.jenkins.plugins.aiworkflow.engine.step.ParameterType.LONG;
import static io.jenkins.plugins.aiworkflow.engine.step.ParameterType.RATE;
import static io.jenkins.plugins.aiworkflow.engine.step.ParameterType.TEXT;
import static io.jenkins.plugins.aiworkflow.engine.step.Step.IMPLEMENT;
import static io.jenkins.plugins.aiworkflow.engine.step.Step.REFINE;
import static io.jenkins.plugins.aiworkflow.engine.step.Step.REFINE_LOOP;
import static io.jenkins.plugins.aiworkflow.engine.step.Step.VALIDATE;

import io.jenkins.plugins.aiworkflow.engine.agent.ImplementationRequest;
import io.jenkins.plugins.aiworkflow.engine.llm.OpenAiModelConfig;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineRequest;
import io.jenkins.plugins.aiworkflow.engine.report.TextLimits;
import io.jenkins.plugins.aiworkflow.engine.validate.QualityGate;
import io.jenkins.plugins.aiworkflow.engine.validate.ValidationRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The parameter catalogue: every parameter of {@code aiValidate}, {@code aiImplement}, {@code aiRefine} and
 * {@code aiRefineLoop}
 * (DESIGN §3), defined once. The CLI's options are their kebab case ({@code requireTests} is
 * {@code --require-tests}, checked by the CLI's tests), the plugin's step fields carry these names, and
 * docs/steps.md lists them (checked by {@code StepDocsTest}). Defaults are read from the engine's own
 * ({@link QualityGate#defaults()}, {@link TextLimits#DEFAULT}, the requests' {@code DEFAULT_...}), so that the
 * catalogue cannot state another value than a run uses.
 *
 * <p>{@link StepValues} reads plain values against it; {@link ValidateParameters}, {@link ImplementParameters} and
 * {@link RefineParameters} turn them into the engine's requests.
 */
public final class StepParameters {
    private static final List<StepParameter> ALL = catalogue();

    private StepParameters() {
    }

    /** Every definition, in catalogue order. */
    public static List<StepParameter> all() {
        return ALL;
    }

    /** The parameters of {@code step}, in the order docs/steps.md lists them. */
    public static List<StepParameter> of(Step step) {
        List<StepParameter> parameters = new ArrayList<>();
        for (StepParameter parameter : ALL) {
            if (parameter.steps().contains(step)) {
                parameters.add(parameter);
            }
        }
        return Collections.unmodifiableList(parameters);
    }

    /** The parameter {@code name} of {@code step}, if it has one. */
    public static Optional<StepParameter> find(Step step, String name) {
        for (StepParameter parameter : ALL) {
            if (parameter.steps().contains(step) && parameter.name().equals(name)) {
                return Optional.of(parameter);
            }
        }
        return Optional.empty();
    }

    /** The steps that have a parameter named {@code name}. */
    public static Set<Step> stepsWith(String name) {
        Set<Step> steps = EnumSet.noneOf(Step.class);
        for (StepParameter parameter : ALL) {
            if (parameter.name().equals(name)) {
                steps.addAll(parameter.steps());
            }
        }
        return steps;
    }

    private static List<StepParameter> catalogue() {
        QualityGate gate = QualityGate.defaults();
        TextLimits limits = TextLimits.DEFAULT;
        List<StepParameter> all = new ArrayList<>();
        // the task and what the agent may do
        all.add(define("intent", TEXT, "What to change, in words, such as 'Make slugify turn \u00df into ss'.")
                .steps(IMPLEMENT, REFINE).required(IMPLEMENT, REFINE).build());
        all.add(define("context", GLOBS, "Ant-style patterns of files read into the prompt up front, such as "
                + "'src/main/**/Slugs.java'.").steps(IMPLEMENT, REFINE).none("none (the agent reads what it needs "
                + "with its tools)"));
        all.add(define("instructions", LINES, "Instruction files read into the prompt after the default ones, such "
                + "as 'docs/STYLE.md'; a missing one is reported.").steps(IMPLEMENT, REFINE).none("none"));
        all.add(define("defaultInstructions", BOOLEAN, "Read the usual agent-instruction files when present: "
                + "AGENTS.md, CLAUDE.md, CONVENTIONS.md, CONTRIBUTING.md and others (docs/context.md).")
                .steps(IMPLEMENT, REFINE).value(ImplementationRequest.DEFAULT_DEFAULT_INSTRUCTIONS));
        all.add(define("writable", GLOBS, "Ant-style patterns of files the agent may create, change or delete, such "
                + "as 'src/**'.").steps(IMPLEMENT, REFINE).none("** (everything but .git)"));
        all.add(define("readOnly", GLOBS, "Patterns of files the agent may not change even when writable, such as "
                + "'src/test/**'; .git is always read-only.").steps(IMPLEMENT, REFINE).none("none"));
        all.add(define("hidden", GLOBS, "Patterns of files the agent may not list, read, search or change, such as "
                + "'**/.env'; .git is always hidden.").steps(IMPLEMENT, REFINE).none("none"));
        all.add(define("commands", LINES, "First words of the commands the agent may run in the workspace, such as "
                + "'mvn -B -q test'; matched word by word, and no ; & | ` $( > < anywhere. CLI: --allow-command, "
                + "once per command.").steps(IMPLEMENT, REFINE).none("none (the agent runs no command)"));
        all.add(define("commandTimeout", DURATION, "A command the agent runs is killed, with its child processes, "
                + "after this.").steps(IMPLEMENT).value(ImplementationRequest.DEFAULT_COMMAND_TIMEOUT));
        // the test command and its reports
        all.add(define("reports", GLOBS, "Ant-style patterns of the JUnit XML report files, relative to the "
                + "workspace, such as '**/target/surefire-reports/TEST-*.xml'.").steps(VALIDATE, REFINE)
                .required(VALIDATE, REFINE).none("none"));
        all.add(define("command", TEXT, "The test command, run in the workspace first (sh -c, cmd /c on Windows), "
                + "such as 'mvn -B test'; in aiRefine at iteration 0 and after every attempt, and required. Reports "
                + "it did not write are ignored as stale.").steps(VALIDATE, REFINE).required(REFINE)
                .none("none (the reports are only read)"));
        all.add(define("commandTimeout", DURATION, "The test command's process tree is killed after this, which "
                + "fails the gate.").steps(VALIDATE, REFINE).value(ValidationRequest.DEFAULT_COMMAND_TIMEOUT));
        all.add(define("maxCommandOutputChars", INTEGER, "Characters of the test command's output kept for the "
                + "result (head and tail); all of it is still printed.").steps(VALIDATE, REFINE)
                .value(ValidationRequest.DEFAULT_MAX_COMMAND_OUTPUT_CHARS));
        all.add(define("baseline", TEXT, "The JSON result file of an earlier validation (aiValidate's or 'aiwf "
                + "validate --json') to compare with: test count, skips and already failing tests. A Pipeline step "
                + "reads it relative to the workspace, the CLI relative to the current directory.")
                .steps(VALIDATE).adapter().none("none"));
        // the model, resolved by the adapter
        all.add(define("model", TEXT, "The model, such as gpt-4.1-mini (Azure: the deployment name). A Pipeline "
                + "step defaults to the provider's model; the CLI requires it, or replay:FILE to play a scripted "
                + "session.").steps(IMPLEMENT, REFINE).adapter().none("the provider's default model"));
        all.add(define("provider", TEXT, "Which provider serves the model. A Pipeline step: the id of a provider "
                + "of the global configuration; the CLI: its type, openai, azure or compatible.")
                .steps(IMPLEMENT, REFINE).adapter().none("the configured default; the CLI: "
                        + OpenAiModelConfig.DEFAULT_PROVIDER.name().toLowerCase(Locale.ROOT)));
        all.add(define("baseUrl", TEXT, "The API's base URL, such as http://127.0.0.1:11434/v1. A Pipeline step "
                + "takes it from the provider's configuration, so that a Jenkinsfile cannot send a credential "
                + "elsewhere.")
                .steps(IMPLEMENT, REFINE).adapter().none("the provider's; the CLI: " + OpenAiModelConfig.OPENAI_BASE_URL));
        all.add(define("api", CHOICE, "chat (Chat Completions, every provider) or responses (the Responses API).")
                .choices("chat", "responses").steps(IMPLEMENT, REFINE).adapter()
                .value(OpenAiModelConfig.DEFAULT_API == OpenAiModelConfig.Api.CHAT_COMPLETIONS ? "chat" : "responses"));
        all.add(define("credentialsId", TEXT, "A Pipeline step: the id of a Secret text credential holding the API key, "
                + "instead of the provider's; the CLI reads the key from the variable --api-key-env names.")
                .steps(IMPLEMENT, REFINE).adapter().none("the provider's credential"));
        all.add(define("stream", BOOLEAN, "Receive answers as a stream of events.").steps(IMPLEMENT, REFINE)
                .adapter().value(OpenAiModelConfig.DEFAULT_STREAMING));
        all.add(define("azureApiVersion", TEXT, "Azure's api-version, such as 2024-10-21; Azure OpenAI only.")
                .steps(IMPLEMENT, REFINE).adapter().none("the SDK's latest stable version"));
        all.add(define("requestTimeout", DURATION, "Limit of one HTTP attempt of a model call, a whole stream "
                + "included.").steps(IMPLEMENT, REFINE).adapter().value(OpenAiModelConfig.DEFAULT_REQUEST_TIMEOUT));
        all.add(define("maxRetries", INTEGER, "Retries of a failed model call (429, 408, 409, 5xx, timeouts, "
                + "connection errors), 0 to " + OpenAiModelConfig.MAX_MAX_RETRIES + ".").steps(IMPLEMENT, REFINE)
                .adapter().value(OpenAiModelConfig.DEFAULT_MAX_RETRIES));
        all.add(define("maxRetryAfter", DURATION, "The longest wait a server may ask for with Retry-After before the "
                + "call fails instead.").steps(IMPLEMENT, REFINE).adapter()
                .value(OpenAiModelConfig.DEFAULT_MAX_RETRY_AFTER));
        // the loop and the budget
        all.add(define("maxIterations", INTEGER, "Attempts of the agent after iteration 0 (which only runs the "
                + "tests), 1 to " + RefineRequest.MAX_MAX_ITERATIONS + ".").steps(REFINE)
                .value(RefineRequest.DEFAULT_MAX_ITERATIONS));
        all.add(define("maxIterations", INTEGER, "Runs of the body, 1 to " + RefineRequest.MAX_MAX_ITERATIONS + ".")
                .steps(REFINE_LOOP).value(RefineRequest.DEFAULT_MAX_ITERATIONS));
        all.add(define("maxTurns", INTEGER, "Most model calls.").steps(IMPLEMENT).none("none"));
        all.add(define("maxTurns", INTEGER, "Most model calls of one iteration.").steps(REFINE).none("none"));
        all.add(define("maxTokens", LONG, "Most tokens, input plus output, over all model calls.").steps(IMPLEMENT)
                .none("none"));
        all.add(define("maxTokens", LONG, "Most tokens, input plus output, over the whole run (all iterations).")
                .steps(REFINE).none("none"));
        all.add(define("maxCostUsd", DECIMAL, "Most money in US dollars, such as 0.50; a model without a price stops "
                + "the run before its first call.").steps(IMPLEMENT).none("none"));
        all.add(define("maxCostUsd", DECIMAL, "Most money in US dollars over the whole run, such as 0.50; refused "
                + "for a model without a price.").steps(REFINE).none("none"));
        all.add(define("maxCostUsd", DECIMAL, "Most money in US dollars that the aiImplement steps of the body spend "
                + "over all runs, such as 2.00; each of them may spend at most what is left.").steps(REFINE_LOOP)
                .none("none"));
        all.add(define("timeout", DURATION, "Wall time of the run, waits for rate limits and commands included.")
                .steps(IMPLEMENT).none("none"));
        all.add(define("timeout", DURATION, "Wall time of the whole run, model calls and test runs included.")
                .steps(REFINE).none("none"));
        all.add(define("timeout", DURATION, "Wall time of all runs of the body; checked after each run (wrap the "
                + "step in timeout to end a run that takes too long).").steps(REFINE_LOOP).none("none"));
        all.add(define("keep", CHOICE, "What the workspace holds when no iteration passed: best (the fewest failing "
                + "tests, then the smallest diff), last (the last attempt) or none (the workspace as before the run).")
                .choices("best", "last", "none").steps(REFINE).value(lower(RefineRequest.DEFAULT_KEEP.name())));
        all.add(define("rerunFailures", INTEGER, "Reruns of the test command, 0 to " + RefineRequest.MAX_RERUN_FAILURES
                + ", when tests fail, before an iteration is spent on them; tests that pass on a rerun are flaky.")
                .steps(REFINE).value(RefineRequest.DEFAULT_RERUN_FAILURES));
        all.add(define("tamperGuard", BOOLEAN, "Make the test sources read-only to the agent, and fail the gate when "
                + "tests that ran at iteration 0 are missing or skipped, or fewer tests ran.").steps(REFINE)
                .value(RefineRequest.DEFAULT_TAMPER_GUARD));
        all.add(define("testSources", GLOBS, "Ant-style patterns of the test sources the tamper guard makes "
                + "read-only, such as 'src/test/**'; given ones replace the defaults.").steps(REFINE)
                .value(RefineRequest.DEFAULT_TEST_SOURCE_GLOBS, "the usual layouts of Java, Kotlin, JavaScript, "
                        + "TypeScript, Python and Go (docs/refine.md)"));
        all.add(define("feedbackTokens", INTEGER, "Tokens of the next prompt kept for the feedback of a failed "
                + "iteration, " + RefineRequest.MIN_FEEDBACK_TOKENS + " to " + RefineRequest.MAX_FEEDBACK_TOKENS + ".")
                .steps(REFINE, REFINE_LOOP).value(RefineRequest.DEFAULT_FEEDBACK_TOKENS));
        all.add(define("recover", CHOICE, "When an earlier run on this workspace was killed: refuse (stop and say how "
                + "to go on), restore (put the workspace back as it was before that run) or discard (keep it as it "
                + "is).").choices("refuse", "restore", "discard").steps(REFINE)
                .value(lower(RefineRequest.DEFAULT_RECOVER.name())));
        all.add(define("stateStore", TEXT, "An absolute directory outside the workspace where the states of the "
                + "files the agent may change are recorded.").steps(REFINE).none("a new temporary directory"));
        // the limits of one model call and of the prompt
        all.add(define("maxOutputTokens", INTEGER, "Most output tokens of one model call.").steps(IMPLEMENT, REFINE)
                .none("none (the model's own limit)"));
        all.add(define("maxConsecutiveErrors", INTEGER, "Unusable replies in a row (invalid tool JSON, unknown tool, "
                + "cut-off answer, refusal, no tool call) before the run stops.").steps(IMPLEMENT, REFINE)
                .value(ImplementationRequest.DEFAULT_MAX_CONSECUTIVE_ERRORS));
        all.add(define("tokenBudget", INTEGER, "Tokens of the first prompt: rules, instruction files, repository "
                + "map, context files and intent.").steps(IMPLEMENT, REFINE)
                .value(ImplementationRequest.DEFAULT_TOKEN_BUDGET));
        // the gate
        all.add(define("requireTests", BOOLEAN, "Fail when no test was executed.").steps(VALIDATE, REFINE)
                .value(gate.requireTests()));
        all.add(define("maxFailures", LONG, "Most failed or errored tests allowed.").steps(VALIDATE, REFINE)
                .value(gate.maxFailures()));
        all.add(define("minPassRate", RATE, "Least share of executed tests that must pass: 0 to 1 such as 0.95, or "
                + "a percentage such as '95%'.").steps(VALIDATE, REFINE).value(gate.minPassRate()));
        all.add(define("allowTestDecrease", BOOLEAN, "Allow fewer tests than the baseline.").steps(VALIDATE, REFINE)
                .value(gate.allowTestDecrease()));
        all.add(define("allowSkipIncrease", BOOLEAN, "Allow more skipped tests than the baseline.")
                .steps(VALIDATE, REFINE).value(gate.allowSkipIncrease()));
        all.add(define("allowMissingTests", BOOLEAN, "Allow a test that ran in the baseline to be missing (deleted "
                + "or renamed), by identity.").steps(VALIDATE, REFINE).value(gate.allowMissingTests()));
        all.add(define("allowNewlySkippedTests", BOOLEAN, "Allow a test that ran in the baseline to be skipped, by "
                + "identity.").steps(VALIDATE, REFINE).value(gate.allowNewlySkippedTests()));
        all.add(define("newFailuresOnly", BOOLEAN, "Count only failures of tests that did not fail in the baseline; "
                + "needs baseline.").steps(VALIDATE).value(gate.newFailuresOnly()));
        all.add(define("allowFlaky", BOOLEAN, "Allow tests that passed only on a rerun (they are always reported).")
                .steps(VALIDATE, REFINE).value(gate.allowFlaky()));
        all.add(define("allowReportProblems", BOOLEAN, "Allow empty, truncated or malformed report files.")
                .steps(VALIDATE, REFINE).value(gate.allowReportProblems()));
        all.add(define("acceptedExitCodes", EXIT_CODES, "Exit codes of the test command that pass, such as [0, 1].")
                .steps(VALIDATE, REFINE).value(List.copyOf(gate.acceptedExitCodes()), join(gate.acceptedExitCodes())));
        // how reports are read
        all.add(define("parserThreads", INTEGER, "Report files read at once.").steps(VALIDATE, REFINE)
                .none("half the processors, 1 to 4"));
        all.add(define("maxMessageChars", INTEGER, "Characters kept of each failure message (head and tail).")
                .steps(VALIDATE, REFINE).value(limits.maxMessageChars()));
        all.add(define("maxDetailsChars", INTEGER, "Characters kept of each failure's details, usually a stack "
                + "trace.").steps(VALIDATE, REFINE).value(limits.maxDetailsChars()));
        all.add(define("maxTestOutputChars", INTEGER, "Characters kept of each notable test's system-out and "
                + "system-err.").steps(VALIDATE, REFINE).value(limits.maxTestOutputChars()));
        all.add(define("maxDetailedCases", INTEGER, "Notable tests of each kind (failed, flaky, skipped) kept in "
                + "full; later ones are counted, not listed.").steps(VALIDATE, REFINE)
                .value(limits.maxDetailedCases()));
        all.add(define("maxKeptTextChars", INTEGER, "Characters of messages, details and output kept for all listed "
                + "tests together; once spent, later tests are listed without texts.").steps(VALIDATE, REFINE)
                .value(limits.maxKeptTextChars()));
        all.add(define("maxKeptNameChars", INTEGER, "Characters of names and problem types kept for all listed tests "
                + "together; once spent, later tests are counted, not listed.").steps(VALIDATE, REFINE)
                .value(limits.maxKeptNameChars()));
        // what a failed gate does to the build
        all.add(define("onFailure", CHOICE, "What a failed gate does to the build: FAILURE (the step fails and "
                + "the pipeline stops, unless caught), UNSTABLE (a warning, the pipeline goes on) or NONE (the Jenkinsfile decides from the returned map). Pipeline steps "
                + "only; the CLI says it with its exit code.").choices("FAILURE", "UNSTABLE", "NONE")
                .steps(VALIDATE, REFINE, REFINE_LOOP).adapter().value(OnFailure.FAILURE.name()));
        return List.copyOf(all);
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static String join(Iterable<Integer> codes) {
        StringBuilder text = new StringBuilder();
        for (Integer code : codes) {
            text.append(text.length() == 0 ? "" : ", ").append(code);
        }
        return "[" + text + "]";
    }

    private static Definition define(String name, ParameterType type, String description) {
        return new Definition(name, type, description);
    }

    /** Collects one definition; ends with its default ({@link #value} or {@link #none}). */
    private static final class Definition {
        private final String name;
        private final ParameterType type;
        private final String description;
        private List<String> choices = List.of();
        private Set<Step> steps = EnumSet.noneOf(Step.class);
        private Set<Step> required = EnumSet.noneOf(Step.class);
        private StepParameter.Resolution resolution = StepParameter.Resolution.REQUEST;

        private Definition(String name, ParameterType type, String description) {
            this.name = name;
            this.type = type;
            this.description = description;
        }

        Definition steps(Step first, Step... more) {
            steps = EnumSet.of(first, more);
            return this;
        }

        Definition required(Step first, Step... more) {
            required = EnumSet.of(first, more);
            return this;
        }

        Definition choices(String... values) {
            choices = List.of(values);
            return this;
        }

        Definition adapter() {
            resolution = StepParameter.Resolution.ADAPTER;
            return this;
        }

        /** Required: no default. */
        StepParameter build() {
            return none("none (required)");
        }

        /** No default value: nothing given, no limit, or one the machine decides. */
        StepParameter none(String text) {
            return new StepParameter(name, type, choices, null, text, description, steps, required, resolution);
        }

        /** The engine's default, as a plain value the parameter accepts. */
        StepParameter value(Object value) {
            if (value instanceof Duration duration) {
                String text = Notation.formatDuration(duration);
                return value(text, text);
            }
            return value(value, String.valueOf(value));
        }

        StepParameter value(Object value, String text) {
            return new StepParameter(name, type, choices, value, text, description, steps, required, resolution);
        }
    }
}
