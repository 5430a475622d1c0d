package io.jenkins.plugins.aiworkflow.engine.validate;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.report.ReportParser;
import io.jenkins.plugins.aiworkflow.engine.report.TextLimits;
import io.jenkins.plugins.aiworkflow.engine.workspace.EnvironmentPolicy;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspacePaths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Everything one validation needs, checked once when built. Immutable. */
public final class ValidationRequest {
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMinutes(60);
    public static final int DEFAULT_MAX_COMMAND_OUTPUT_CHARS = 20_000;

    private final List<String> reports;
    private final String command;
    private final Duration commandTimeout;
    private final Map<String, String> commandEnvironment;
    private final EnvironmentPolicy environmentPolicy;
    private final int maxCommandOutputChars;
    private final QualityGate gate;
    private final Baseline baseline;
    private final TextLimits textLimits;
    private final int parserThreads;
    /** Whether the report keeps its tests' identities although there is no baseline ({@link #withTestIdentitiesKept}). */
    private final boolean testIdentitiesWanted;

    private ValidationRequest(Builder builder) {
        if (builder.reports.isEmpty()) {
            throw new InvalidRequestException("reports", "reports is empty; accepted: one or more Ant-style patterns "
                    + "such as '**/target/surefire-reports/TEST-*.xml'", null);
        }
        List<String> patterns = new ArrayList<>();
        for (String pattern : builder.reports) {
            try {
                patterns.add(WorkspacePaths.normalizeGlob(pattern));
            } catch (RuntimeException e) {
                throw new InvalidRequestException("reports", "reports: " + e.getMessage(), e);
            }
        }
        reports = List.copyOf(patterns);
        command = builder.command == null || builder.command.isBlank() ? null : builder.command;
        commandTimeout = Objects.requireNonNull(builder.commandTimeout, "commandTimeout");
        if (commandTimeout.isNegative() || commandTimeout.isZero()) {
            throw new InvalidRequestException("commandTimeout", "commandTimeout must be positive, was "
                    + commandTimeout, null);
        }
        commandEnvironment = Map.copyOf(builder.commandEnvironment);
        environmentPolicy = EnvironmentPolicy.none();
        if (builder.maxCommandOutputChars < 0) {
            throw new InvalidRequestException("maxCommandOutputChars", "maxCommandOutputChars must be >= 0, was "
                    + builder.maxCommandOutputChars, null);
        }
        maxCommandOutputChars = builder.maxCommandOutputChars;
        gate = Objects.requireNonNull(builder.gate, "gate");
        baseline = builder.baseline;
        if (gate.newFailuresOnly() && baseline == null) {
            throw new InvalidRequestException("newFailuresOnly", "newFailuresOnly needs a baseline; accepted: give a "
                    + "baseline result file, or leave newFailuresOnly false", null);
        }
        textLimits = Objects.requireNonNull(builder.textLimits, "textLimits");
        if (builder.parserThreads < 1) {
            throw new InvalidRequestException("parserThreads", "parserThreads must be >= 1, was "
                    + builder.parserThreads, null);
        }
        parserThreads = builder.parserThreads;
        testIdentitiesWanted = false;
    }

    /** This request with another environment policy and baseline; every other parameter as it is. */
    private ValidationRequest(ValidationRequest request, EnvironmentPolicy environmentPolicy, Baseline baseline) {
        this(request, environmentPolicy, baseline, request.testIdentitiesWanted);
    }

    private ValidationRequest(ValidationRequest request, EnvironmentPolicy environmentPolicy, Baseline baseline,
                              boolean testIdentitiesWanted) {
        this.testIdentitiesWanted = testIdentitiesWanted;
        reports = request.reports;
        command = request.command;
        commandTimeout = request.commandTimeout;
        commandEnvironment = request.commandEnvironment;
        this.environmentPolicy = Objects.requireNonNull(environmentPolicy, "environmentPolicy");
        maxCommandOutputChars = request.maxCommandOutputChars;
        gate = request.gate;
        this.baseline = baseline;
        textLimits = request.textLimits;
        parserThreads = request.parserThreads;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * This request with the test command's environment policy set ({@link #environmentPolicy()}). Not a
     * parameter of the step: the caller that holds the secrets (the refine loop, the plugin) derives it,
     * as the implementation's request derives the agent's.
     */
    public ValidationRequest withEnvironmentPolicy(EnvironmentPolicy policy) {
        return new ValidationRequest(this, policy, baseline);
    }

    /**
     * This request compared with {@code value} (the refine loop's iteration 0, {@link Baseline#of}); every other
     * parameter as it is.
     *
     * @throws InvalidRequestException naming {@code newFailuresOnly} when the gate needs a baseline and none is given
     */
    public ValidationRequest withBaseline(Baseline value) {
        if (value == null && gate.newFailuresOnly()) {
            throw new InvalidRequestException("newFailuresOnly", "newFailuresOnly needs a baseline; accepted: give a "
                    + "baseline result file, or leave newFailuresOnly false", null);
        }
        return new ValidationRequest(this, environmentPolicy, value);
    }

    /**
     * This request with the tests' identities kept in the report although it has no baseline: for a caller that makes
     * a baseline of the result in memory ({@link Baseline#of}, the refine loop's iteration 0). Not a step parameter.
     */
    public ValidationRequest withTestIdentitiesKept() {
        return new ValidationRequest(this, environmentPolicy, baseline, true);
    }

    /**
     * Whether the report keeps the identities of its tests ({@code TestReport.identities()}): with a baseline, whose
     * tamper guard compares them, or when asked for ({@link #withTestIdentitiesKept}). Otherwise no test name is
     * hashed, which a plain validation of millions of test cases would pay for nothing.
     */
    public boolean keepTestIdentities() {
        return testIdentitiesWanted || baseline != null;
    }

    /** Normalised Ant-style patterns of the report files. */
    public List<String> reports() {
        return reports;
    }

    /** The test command to run first, or null. */
    public String command() {
        return command;
    }

    public Duration commandTimeout() {
        return commandTimeout;
    }

    /**
     * Variables the test command gets on top of the environment it starts from (the workspace's); an empty
     * value removes the variable, as {@code withEnv(['NAME='])} does in Jenkins. The environment policy
     * applies to them too ({@link EnvironmentPolicy#commandRequest}).
     */
    public Map<String, String> commandEnvironment() {
        return commandEnvironment;
    }

    /**
     * What the test command's environment loses and its output is masked by: it runs code the agent
     * wrote, so a caller that holds secrets (the provider's key) registers them here. Default
     * {@link EnvironmentPolicy#none()}: the whole inherited environment, as {@code aiwf validate} has
     * always run it.
     */
    public EnvironmentPolicy environmentPolicy() {
        return environmentPolicy;
    }

    public int maxCommandOutputChars() {
        return maxCommandOutputChars;
    }

    public QualityGate gate() {
        return gate;
    }

    /** The earlier result to compare with, or null. */
    public Baseline baseline() {
        return baseline;
    }

    public TextLimits textLimits() {
        return textLimits;
    }

    public int parserThreads() {
        return parserThreads;
    }

    /** Builder; only {@link #reports(List)} is required. */
    public static final class Builder {
        private List<String> reports = List.of();
        private String command;
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
        private Map<String, String> commandEnvironment = Map.of();
        private int maxCommandOutputChars = DEFAULT_MAX_COMMAND_OUTPUT_CHARS;
        private QualityGate gate = QualityGate.defaults();
        private Baseline baseline;
        private TextLimits textLimits = TextLimits.DEFAULT;
        private int parserThreads = ReportParser.defaultThreads();

        private Builder() {
        }

        public Builder reports(List<String> value) {
            reports = List.copyOf(value);
            return this;
        }

        public Builder reports(String... value) {
            return reports(List.of(value));
        }

        public Builder command(String value) {
            command = value;
            return this;
        }

        public Builder commandTimeout(Duration value) {
            commandTimeout = value;
            return this;
        }

        public Builder commandEnvironment(Map<String, String> value) {
            commandEnvironment = Map.copyOf(value);
            return this;
        }

        public Builder maxCommandOutputChars(int value) {
            maxCommandOutputChars = value;
            return this;
        }

        public Builder gate(QualityGate value) {
            gate = value;
            return this;
        }

        public Builder baseline(Baseline value) {
            baseline = value;
            return this;
        }

        public Builder textLimits(TextLimits value) {
            textLimits = value;
            return this;
        }

        public Builder parserThreads(int value) {
            parserThreads = value;
            return this;
        }

        public ValidationRequest build() {
            return new ValidationRequest(this);
        }
    }
}
