package io.jenkins.plugins.aiworkflow.engine.refine;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.agent.AgentRequest;
import io.jenkins.plugins.aiworkflow.engine.agent.ImplementationRequest;
import io.jenkins.plugins.aiworkflow.engine.context.ContextRequest;
import io.jenkins.plugins.aiworkflow.engine.ledger.Budget;
import io.jenkins.plugins.aiworkflow.engine.sandbox.WorkspacePolicy;
import io.jenkins.plugins.aiworkflow.engine.validate.QualityGate;
import io.jenkins.plugins.aiworkflow.engine.validate.ValidationRequest;
import io.jenkins.plugins.aiworkflow.engine.workspace.StateRequest;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Everything one refine run needs ({@code aiwf refine}, {@code aiRefine}), checked once when built; the request of
 * {@link Refinement}. The builder's methods are the step's parameters (docs/refine.md#options); a refused value is
 * an {@link InvalidRequestException} whose {@link InvalidRequestException#parameter() parameter} is that name.
 * Immutable.
 *
 * <p>It is made of an {@link ImplementationRequest} (the intent, the model or replay, prices, the agent's policy,
 * secrets, transcript; its {@code maxTurns} applies to each iteration) and a {@link ValidationRequest} (the test
 * command, reports and gate), plus the loop's own parameters. <b>The run's limits are the refine request's</b>:
 * {@code maxTokens}, {@code maxCostUsd} and {@code timeout} hold for the whole run, all iterations and test runs
 * together. The implementation request must leave its own {@code maxTokens}, {@code maxCostUsd} and
 * {@code timeout} unset; one that sets them is refused, naming the parameter, so that no limit is silently
 * ignored.
 *
 * <p>What the request derives, so that every adapter gets the same:
 * <ul>
 *   <li>the agent's request: the implementation's, with the run's {@link #budget()}, the state store's directory
 *       {@value #MARKER_DIRECTORY} hidden, and with {@code tamperGuard} the {@code testSourceGlobs} read-only and
 *       stated in the prompt; the feedback's room in the prompt is {@code feedbackTokens};</li>
 *   <li>the test command's request: the validation's, with an environment policy that removes the provider's
 *       key and every registered secret ({@code EnvironmentPolicy.registeredSecretsOnly()} of the agent's).</li>
 * </ul>
 */
public final class RefineRequest {
    /** Default {@code maxIterations}: attempts of the agent after iteration 0. */
    public static final int DEFAULT_MAX_ITERATIONS = 5;
    /** The most {@code maxIterations} accepted. */
    public static final int MAX_MAX_ITERATIONS = 100;
    /** Default {@code rerunFailures}: no rerun. */
    public static final int DEFAULT_RERUN_FAILURES = 0;
    /** The most {@code rerunFailures} accepted. */
    public static final int MAX_RERUN_FAILURES = 5;
    /** Default {@code keep}. */
    public static final Keep DEFAULT_KEEP = Keep.BEST;
    /** Default {@code tamperGuard}: on. */
    public static final boolean DEFAULT_TAMPER_GUARD = true;
    /** Default {@code feedbackTokens}: the room for the feedback in the next prompt. */
    public static final int DEFAULT_FEEDBACK_TOKENS = ContextRequest.DEFAULT_MAX_FEEDBACK_TOKENS;
    /** The fewest {@code feedbackTokens} accepted: room for the feedback's fixed lines and a failing test. */
    public static final int MIN_FEEDBACK_TOKENS = 500;
    /** The most {@code feedbackTokens} accepted. */
    public static final int MAX_FEEDBACK_TOKENS = 100_000;
    /** Default {@code recover}. */
    public static final Recover DEFAULT_RECOVER = Recover.REFUSE;
    /**
     * The directory in the workspace that holds the run marker; hidden from the agent and ignored by git (it gets a
     * {@code .gitignore} of {@code *}).
     */
    public static final String MARKER_DIRECTORY = ".aiwf";
    /** The run marker: a refine run writes it before its first change and deletes it at its end. */
    public static final String MARKER_PATH = MARKER_DIRECTORY + "/refine-run.json";

    /**
     * Default {@code testSourceGlobs}: the usual test layouts of Java and Kotlin (Maven, Gradle), JavaScript and
     * TypeScript, Python and Go.
     */
    public static final List<String> DEFAULT_TEST_SOURCE_GLOBS = List.of(
            // Java, Kotlin
            "src/test/**", "**/src/test/**",
            // JavaScript, TypeScript
            "**/*.test.*", "**/*.spec.*", "**/__tests__/**", "test/**", "tests/**",
            // Python
            "**/test_*.py", "**/*_test.py",
            // Go
            "**/*_test.go");

    private final Builder values;
    private final AgentRequest agentRequest;
    private final Budget budget;
    private final ValidationRequest validationRequest;
    /** What a state records: the agent's policy without the tamper guard's read-only test sources. */
    private final WorkspacePolicy statePolicy;

    private RefineRequest(Builder builder) {
        values = new Builder(builder);
        ImplementationRequest implementation = values.implementation;
        if (implementation == null) {
            throw new InvalidRequestException("implementation", "implementation is missing; accepted: an "
                    + "ImplementationRequest with the intent and the model", null);
        }
        ValidationRequest validation = values.validation;
        if (validation == null) {
            throw new InvalidRequestException("validation", "validation is missing; accepted: a ValidationRequest "
                    + "with the test command, the reports and the gate", null);
        }
        if (validation.command() == null) {
            throw new InvalidRequestException("command", "command is missing; accepted: the test command that "
                    + "writes the reports, run after every iteration (such as 'mvn -B test')", null);
        }
        if (validation.baseline() != null) {
            throw new InvalidRequestException("baseline", "baseline is set; in a refine run the baseline is "
                    + "iteration 0, the untouched workspace; accepted: no baseline", null);
        }
        range("maxIterations", values.maxIterations, 1, MAX_MAX_ITERATIONS);
        range("rerunFailures", values.rerunFailures, 0, MAX_RERUN_FAILURES);
        range("feedbackTokens", values.feedbackTokens, MIN_FEEDBACK_TOKENS, MAX_FEEDBACK_TOKENS);
        Objects.requireNonNull(values.keep, "keep");
        Objects.requireNonNull(values.recover, "recover");
        if (values.stateStore != null && values.stateStore.isBlank()) {
            values.stateStore = null;
        }
        for (String glob : values.testSourceGlobs) {
            if (glob == null || glob.isBlank()) {
                throw new InvalidRequestException("testSourceGlobs", "testSourceGlobs holds an empty pattern; "
                        + "accepted: Ant-style patterns such as 'src/test/**'", null);
            }
        }

        Budget implementationBudget = implementation.agentRequest().budget();
        runLimitOnly("maxTokens", implementationBudget.maxTokens().isPresent());
        runLimitOnly("maxCostUsd", implementationBudget.maxCostUsd().isPresent());
        runLimitOnly("timeout", implementationBudget.timeout().isPresent());
        Budget.Builder limits = Budget.builder().turnsPerIteration(true);
        implementationBudget.maxTurns().ifPresent(limits::maxTurns);
        check("maxTokens", () -> limits.maxTokens(values.maxTokens).build());
        check("maxCostUsd", () -> limits.maxCostUsd(values.maxCostUsd).build());
        budget = check("timeout", () -> limits.timeout(values.timeout).build());
        String pricedAs = implementation.agentRequest().context().modelName();
        if (values.maxCostUsd != null && (pricedAs == null || implementation.prices().find(pricedAs).isEmpty())) {
            // refused here rather than stopping the run before its first test run: nothing could be done anyway
            throw new InvalidRequestException("maxCostUsd", "maxCostUsd cannot be enforced: model '" + pricedAs
                    + "' has no price; accepted: a price for it in the price table (docs/models.md), or no "
                    + "maxCostUsd", null);
        }

        QualityGate gate = validation.gate();
        if (values.tamperGuard && (gate.allowTestDecrease() || gate.allowSkipIncrease() || gate.allowMissingTests()
                || gate.allowNewlySkippedTests())) {
            throw new InvalidRequestException("tamperGuard", "the gate allows fewer tests, more skipped, missing or "
                    + "newly skipped tests, which the tamper guard forbids; accepted: leave allowTestDecrease, "
                    + "allowSkipIncrease, allowMissingTests and allowNewlySkippedTests false, or set tamperGuard "
                    + "false", null);
        }
        AgentRequest agent = implementation.agentRequest();
        WorkspacePolicy policy = agent.policy();
        List<String> hidden = new ArrayList<>(policy.hidden());
        hidden.add(MARKER_DIRECTORY + "/**");
        WorkspacePolicy.Builder guarded = policy.toBuilder().hidden(hidden);
        statePolicy = check("hidden", guarded::build);
        ContextRequest.Builder context = agent.context().toBuilder().maxFeedbackTokens(values.feedbackTokens);
        if (values.tamperGuard) {
            List<String> readOnly = new ArrayList<>(policy.readOnly());
            readOnly.addAll(values.testSourceGlobs);
            // the policy names its own parameter (readOnly); the user gave these as testSourceGlobs
            checkAs("testSourceGlobs", () -> guarded.readOnly(readOnly).build());
            checkAs("testSourceGlobs", () -> context.testSourceGlobs(values.testSourceGlobs).build());
        }
        WorkspacePolicy runPolicy = check("testSourceGlobs", guarded::build);
        ContextRequest runContext = check("feedbackTokens", context::build);
        agentRequest = AgentRequest.builder().context(runContext).policy(runPolicy).budget(budget)
                .maxConsecutiveErrors(agent.maxConsecutiveErrors()).maxOutputTokens(agent.maxOutputTokens()).build();
        // iteration 0 becomes the baseline in memory, with the identities of its tests for the tamper guard
        validationRequest = validation.withEnvironmentPolicy(runPolicy.environment().registeredSecretsOnly())
                .withTestIdentitiesKept();
    }

    private static void range(String parameter, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidRequestException(parameter, parameter + " must be between " + min + " and " + max
                    + ", was " + value + "; accepted: a whole number from " + min + " to " + max, null);
        }
    }

    private static void runLimitOnly(String parameter, boolean setOnImplementation) {
        if (setOnImplementation) {
            throw new InvalidRequestException(parameter, parameter + " is set on the implementation request; in a "
                    + "refine run it is a limit of the whole run (all iterations and test runs); accepted: "
                    + parameter + " on the refine request, and none on the implementation request", null);
        }
    }

    /** Runs an engine builder; its refusal becomes bad input naming {@code parameter}. */
    private static <T> T check(String parameter, Supplier<T> build) {
        try {
            return build.get();
        } catch (InvalidRequestException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            String message = Objects.requireNonNullElse(e.getMessage(), "invalid value");
            throw new InvalidRequestException(parameter, message.startsWith(parameter) ? message
                    : parameter + ": " + message, e);
        }
    }

    /** Like {@link #check}, and a refusal naming another parameter is renamed: the value came as {@code parameter}. */
    private static <T> T checkAs(String parameter, Supplier<T> build) {
        try {
            return check(parameter, build);
        } catch (InvalidRequestException e) {
            if (e.parameter().filter(parameter::equals).isPresent()) {
                throw e;
            }
            String message = Objects.requireNonNullElse(e.getMessage(), "invalid value");
            String other = e.parameter().orElse("") + ": ";
            throw new InvalidRequestException(parameter, parameter + ": "
                    + (message.startsWith(other) ? message.substring(other.length()) : message), e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this request's parameters. */
    public Builder toBuilder() {
        return new Builder(values);
    }

    /** The implementation request as given (the model, prices, secrets and transcript are opened from it). */
    public ImplementationRequest implementation() {
        return values.implementation;
    }

    /**
     * The request of each iteration's agent run: the implementation's, with the run's {@link #budget()}, the
     * marker directory hidden and, with {@code tamperGuard}, the test sources read-only and named in the prompt.
     */
    public AgentRequest agentRequest() {
        return agentRequest;
    }

    /**
     * The run's budget: {@code maxTurns} of the implementation per iteration, {@code maxTokens}, {@code maxCostUsd}
     * and {@code timeout} of this request for the whole run.
     */
    public Budget budget() {
        return budget;
    }

    /**
     * The test command's request: the validation as given, with the environment policy that removes the provider's
     * key and every registered secret (not yet compared with a baseline; the run adds iteration 0).
     */
    public ValidationRequest validationRequest() {
        return validationRequest;
    }

    /**
     * A request to record the state of what the agent may change (its policy's selection), in the run's store,
     * after {@code previous} (null for the first). The test sources the tamper guard makes read-only are recorded
     * too: the agent's commands could still change them, and a restore must put them back.
     */
    public StateRequest stateRequest(WorkspaceState previous) {
        StateRequest.Builder request = statePolicy.stateRequest().previous(previous);
        if (previous == null && values.stateStore != null) {
            request.store(values.stateStore);
        }
        return request.build();
    }

    public int maxIterations() {
        return values.maxIterations;
    }

    /** The run's token limit, or null. */
    public Long maxTokens() {
        return values.maxTokens;
    }

    /** The run's money limit in US dollars, or null. */
    public Double maxCostUsd() {
        return values.maxCostUsd;
    }

    /** The run's wall-time limit, or null. */
    public Duration timeout() {
        return values.timeout;
    }

    public Keep keep() {
        return values.keep;
    }

    public int rerunFailures() {
        return values.rerunFailures;
    }

    public boolean tamperGuard() {
        return values.tamperGuard;
    }

    /** The patterns of the test sources (read-only to the agent with {@code tamperGuard}). */
    public List<String> testSourceGlobs() {
        return values.testSourceGlobs;
    }

    public int feedbackTokens() {
        return values.feedbackTokens;
    }

    /** The directory the states are recorded in (outside the workspace); null: a new temporary directory. */
    public String stateStore() {
        return values.stateStore;
    }

    public Recover recover() {
        return values.recover;
    }

    /** {@code text} with every registered secret masked. */
    public String redact(String text) {
        return agentRequest.policy().environment().redact(text);
    }

    /**
     * Collects the parameters; {@code implementation} and {@code validation} (with a test command) are required,
     * the rest has the engine's defaults. A null limit is no limit.
     */
    public static final class Builder {
        private ImplementationRequest implementation;
        private ValidationRequest validation;
        private int maxIterations = DEFAULT_MAX_ITERATIONS;
        private Long maxTokens;
        private Double maxCostUsd;
        private Duration timeout;
        private Keep keep = DEFAULT_KEEP;
        private int rerunFailures = DEFAULT_RERUN_FAILURES;
        private boolean tamperGuard = DEFAULT_TAMPER_GUARD;
        private List<String> testSourceGlobs = DEFAULT_TEST_SOURCE_GLOBS;
        private int feedbackTokens = DEFAULT_FEEDBACK_TOKENS;
        private String stateStore;
        private Recover recover = DEFAULT_RECOVER;

        private Builder() {
        }

        private Builder(Builder other) {
            implementation = other.implementation;
            validation = other.validation;
            maxIterations = other.maxIterations;
            maxTokens = other.maxTokens;
            maxCostUsd = other.maxCostUsd;
            timeout = other.timeout;
            keep = other.keep;
            rerunFailures = other.rerunFailures;
            tamperGuard = other.tamperGuard;
            testSourceGlobs = other.testSourceGlobs;
            feedbackTokens = other.feedbackTokens;
            stateStore = other.stateStore;
            recover = other.recover;
        }

        /**
         * The intent, the model or replay, prices, the agent's policy, secrets and transcript. Its {@code maxTurns}
         * holds for each iteration; its {@code maxTokens}, {@code maxCostUsd} and {@code timeout} must be unset
         * (set them here). Required.
         */
        public Builder implementation(ImplementationRequest value) {
            implementation = value;
            return this;
        }

        /** The test command (required), the reports and the gate; without a baseline (iteration 0 is it). Required. */
        public Builder validation(ValidationRequest value) {
            validation = value;
            return this;
        }

        /** Attempts of the agent after iteration 0, 1 to {@value #MAX_MAX_ITERATIONS}; default {@value #DEFAULT_MAX_ITERATIONS}. */
        public Builder maxIterations(int value) {
            maxIterations = value;
            return this;
        }

        /** Most tokens, input plus output, over the whole run; null: no limit. */
        public Builder maxTokens(Long value) {
            maxTokens = value;
            return this;
        }

        /** Most money in US dollars over the whole run; null: no limit. */
        public Builder maxCostUsd(Double value) {
            maxCostUsd = value;
            return this;
        }

        /** Wall time of the whole run, test runs included; null: no limit. */
        public Builder timeout(Duration value) {
            timeout = value;
            return this;
        }

        /** What the workspace holds when no iteration passed; null: {@link Keep#BEST}. */
        public Builder keep(Keep value) {
            keep = value == null ? DEFAULT_KEEP : value;
            return this;
        }

        /**
         * Reruns of the test command, 0 to {@value #MAX_RERUN_FAILURES}, when the gate fails for failing tests,
         * before an iteration is spent on them; tests that pass on a rerun are flaky. Default 0.
         */
        public Builder rerunFailures(int value) {
            rerunFailures = value;
            return this;
        }

        /** Test sources read-only to the agent and no fewer, missing or newly skipped tests; default true. */
        public Builder tamperGuard(boolean value) {
            tamperGuard = value;
            return this;
        }

        /** Patterns of the test sources; null: {@link #DEFAULT_TEST_SOURCE_GLOBS}. */
        public Builder testSourceGlobs(Collection<String> globs) {
            testSourceGlobs = globs == null ? DEFAULT_TEST_SOURCE_GLOBS
                    : Collections.unmodifiableList(new ArrayList<>(new LinkedHashSet<>(globs)));
            return this;
        }

        /** Tokens of the next prompt reserved for the feedback; default {@value #DEFAULT_FEEDBACK_TOKENS}. */
        public Builder feedbackTokens(int value) {
            feedbackTokens = value;
            return this;
        }

        /** An absolute directory outside the workspace for the recorded states; null: a new temporary directory. */
        public Builder stateStore(String directory) {
            stateStore = directory;
            return this;
        }

        /** What to do about an earlier run that was interrupted; null: {@link Recover#REFUSE}. */
        public Builder recover(Recover value) {
            recover = value == null ? DEFAULT_RECOVER : value;
            return this;
        }

        /** @throws InvalidRequestException naming the first refused parameter */
        public RefineRequest build() {
            return new RefineRequest(this);
        }
    }
}
