package io.jenkins.plugins.aiworkflow.plugin;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Computer;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.llm.OpenAiModelConfig;
import io.jenkins.plugins.aiworkflow.engine.log.EngineLog;
import io.jenkins.plugins.aiworkflow.engine.step.Caps;
import io.jenkins.plugins.aiworkflow.engine.step.CostReservations;
import io.jenkins.plugins.aiworkflow.engine.step.ModelChoice;
import io.jenkins.plugins.aiworkflow.engine.step.OnFailure;
import io.jenkins.plugins.aiworkflow.engine.validate.Reason;
import io.jenkins.plugins.aiworkflow.engine.workspace.EnvironmentPolicy;
import io.jenkins.plugins.aiworkflow.plugin.action.AiWorkflowAction;
import io.jenkins.plugins.aiworkflow.plugin.action.Row;
import io.jenkins.plugins.aiworkflow.plugin.action.StepConsole;
import io.jenkins.plugins.aiworkflow.plugin.action.StepRecord;
import io.jenkins.plugins.aiworkflow.plugin.config.AiWorkflowConfiguration;
import io.jenkins.plugins.aiworkflow.plugin.config.Provider;
import io.jenkins.plugins.aiworkflow.plugin.workspace.FilePathWorkspace;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * What every step of this plugin does around its one engine call, on the controller: takes the build, the
 * workspace, the launcher and the environment from the step's context, writes the engine's log to the build log
 * prefixed with the step's name, records rows and reports on the build page, resolves the model of a provider
 * and turns a failed gate into a build result. The decisions themselves are the engine's.
 */
final class StepRun {
    /** Money the running steps of each build (by its id) may still spend: their capped maxCostUsd. */
    private static final CostReservations RESERVATIONS = new CostReservations();

    final Run<?, ?> run;
    final TaskListener listener;
    final StepConsole console;
    final String stepName;
    private final StepContext context;
    private CostReservations.Reservation reservation;

    StepRun(StepContext context, String stepName) throws IOException, InterruptedException {
        this.context = context;
        this.stepName = stepName;
        this.run = context.get(Run.class);
        this.listener = context.get(TaskListener.class);
        this.console = new StepConsole(listener, stepName);
    }

    /** The build's workspace as the engine's port: files on the node, commands through the step's launcher. */
    FilePathWorkspace workspace() throws IOException, InterruptedException {
        FilePath root = context.get(FilePath.class);
        Launcher launcher = context.get(Launcher.class);
        EnvVars environment = context.get(EnvVars.class);
        if (root == null || launcher == null) {
            throw new AbortException(stepName + " needs a workspace; accepted: the step inside node { } (or a "
                    + "declarative stage with an agent)");
        }
        Computer computer = context.get(Computer.class);
        Charset charset = computer == null ? Charset.defaultCharset() : computer.getDefaultCharset();
        root.mkdirs();
        return new FilePathWorkspace(root, launcher, environment == null ? new EnvVars() : environment, listener,
                charset == null ? Charset.defaultCharset() : charset);
    }

    /** A record on the build page for this call, with its directory for the reports. */
    StepRecord record(String label) throws IOException {
        return AiWorkflowAction.forRun(run).newRecord(stepName, label);
    }

    /** The global caps that no Jenkinsfile can exceed. */
    static Caps caps() {
        return AiWorkflowConfiguration.get().caps();
    }

    /** Money the build's earlier steps spent, as their rows on the build page say. */
    double spentInBuild() {
        AiWorkflowAction action = run.getAction(AiWorkflowAction.class);
        if (action == null) {
            return 0;
        }
        double spent = 0;
        for (StepRecord record : action.getRecords()) {
            for (Row row : record.getRows()) {
                if (row.getCostUsd() != null) {
                    spent += row.getCostUsd();
                }
            }
        }
        return spent;
    }

    /**
     * The model of a configured provider with the step's model options (model, API, streaming, timeouts, retries);
     * the provider's type, base URL and key cannot be changed by a Jenkinsfile, so the key goes to that provider
     * only.
     */
    ModelChoice model(String providerId, String credentialsId,
                      UnaryOperator<OpenAiModelConfig.Builder> stepOptions) throws IOException, InterruptedException {
        Provider provider = AiWorkflowConfiguration.get().provider(providerId);
        OpenAiModelConfig.Builder config = stepOptions.apply(provider.configWithKey(run, credentialsId));
        try {
            Map<String, String> bound = boundSecrets();
            // the agent may change what its commands and the test command run: bound secrets are kept from both
            return ModelChoice.of(config.build()).withPrices(provider.priceTable())
                    .withSecretValues(bound.values()).withRemovedVariables(bound.keySet());
        } catch (IllegalArgumentException e) {
            throw new AbortException(stepName + ": " + e.getMessage());
        }
    }

    /**
     * What a failed gate does: {@code WARNING:} with the reasons in the build log; with {@code UNSTABLE} the stage
     * is marked and the build becomes UNSTABLE (at worst), with {@code FAILURE} the stage is marked and the step
     * fails, which fails the build unless the Jenkinsfile catches it ({@code catchError}); {@code NONE} only warns.
     * A build result is only ever made worse ({@link Run#setResult} keeps a worse one).
     */
    void gateFailed(OnFailure onFailure, List<Reason> reasons, UnaryOperator<String> redactor)
            throws IOException, InterruptedException {
        gateFailed(onFailure, reasons.stream().map(reason -> redactor.apply(reason.message())).toList());
    }

    /** {@link #gateFailed(OnFailure, List, UnaryOperator)} with the reasons' messages, already masked. */
    void gateFailed(OnFailure onFailure, List<String> reasons) throws IOException, InterruptedException {
        StringBuilder message = new StringBuilder("the quality gate failed");
        for (String reason : reasons) {
            message.append("\n  ").append(reason);
        }
        console.println("WARNING: " + message);
        String summary = reasons.isEmpty() ? "the quality gate failed"
                : "the quality gate failed: " + reasons.get(0)
                        + (reasons.size() > 1 ? " (and " + (reasons.size() - 1) + " more)" : "");
        switch (onFailure) {
            case FAILURE -> {
                mark(Result.FAILURE, summary);
                throw new AbortException(stepName + ": " + summary);
            }
            case UNSTABLE -> {
                mark(Result.UNSTABLE, summary);
                run.setResult(Result.UNSTABLE);
            }
            case NONE -> {
                // the Jenkinsfile decides from the returned map
            }
        }
    }

    private void mark(Result result, String message) throws IOException, InterruptedException {
        FlowNode node = context.get(FlowNode.class);
        if (node != null) {
            node.addOrReplaceAction(new WarningAction(result).withMessage(message));
        }
    }

    /** An engine refusal of the step's parameters, as Jenkins shows a user error: no stack trace. */
    AbortException refused(InvalidRequestException e) {
        String message = e.getMessage();
        // the engine's messages about a parameter often name the step already ("aiValidate parameter onFailure: ...")
        return new AbortException(message.startsWith(stepName + " ") ? message : stepName + ": " + message);
    }

    /**
     * The variables {@code withCredentials} (or another wrapper step) bound around this step, by name, with their
     * values: the agent's commands never get them and every text a step writes masks them, as Jenkins masks them in
     * the build log.
     */
    Map<String, String> boundSecrets() throws IOException, InterruptedException {
        EnvironmentExpander expander = context.get(EnvironmentExpander.class);
        EnvVars environment = context.get(EnvVars.class);
        Map<String, String> secrets = new TreeMap<>();
        if (expander != null && environment != null) {
            for (String name : expander.getSensitiveVariables()) {
                String value = environment.get(name);
                if (value != null && !value.isEmpty()) {
                    secrets.put(name, value);
                }
            }
        }
        return secrets;
    }

    /**
     * The engine's masking ({@link EnvironmentPolicy#redact}, longest secret first) of {@code secrets}, each also as
     * a JSON string writes it, so that a secret with a quote or a backslash is masked in a JSON report too.
     */
    static UnaryOperator<String> masking(Collection<String> secrets) {
        EnvironmentPolicy policy = EnvironmentPolicy.builder()
                .secretValues(secrets.stream().flatMap(value -> Stream.of(value, jsonEscaped(value))).toList())
                .build();
        return policy::redact;
    }

    /** As Jackson, which writes the engine's JSON reports, writes the text inside a JSON string. */
    private static String jsonEscaped(String value) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(value));
    }

    /** The engine's log for this step: every line masked by {@code redactor}, then prefixed in the build log. */
    EngineLog log(UnaryOperator<String> redactor) {
        return EngineLog.to(line -> console.accept(new EngineLog.Line(line.level(), redactor.apply(line.text()))));
    }

    /**
     * Holds the step's values to the global caps ({@link Caps#apply}): the money left of the build's cap after its
     * earlier steps and what its running steps hold, the longest timeout and (for {@code aiRefine}) the most
     * iterations; the step's capped maxCostUsd is then held for the build until {@link #release()}. A refusal names
     * this step, as the build log of steps side by side ({@code parallel}) needs.
     */
    void capBudget(Map<String, Object> values, boolean iterations) throws AbortException {
        reservation = holdToCaps(values, iterations, true);
    }

    /**
     * The caps of {@link #capBudget} for a step that spends nothing itself ({@code aiRefineLoop}, whose body's steps
     * hold their own budgets): checked against what the build spent and what its running steps hold, holding nothing.
     */
    void checkCaps(Map<String, Object> values, boolean iterations) throws AbortException {
        holdToCaps(values, iterations, false);
    }

    private CostReservations.Reservation holdToCaps(Map<String, Object> values, boolean iterations, boolean hold)
            throws AbortException {
        try {
            return RESERVATIONS.capAndHold(caps(), run.getExternalizableId(), values, this::spentInBuild, iterations,
                    hold);
        } catch (IllegalArgumentException e) {
            throw new AbortException(stepName + ": " + e.getMessage());
        }
    }

    /** Holds aiValidate's test command to the wall time cap ({@link Caps#applyToCommandTimeout}). */
    void capCommandTimeout(Map<String, Object> values) throws AbortException {
        try {
            caps().applyToCommandTimeout(values);
        } catch (IllegalArgumentException e) {
            throw new AbortException(stepName + ": " + e.getMessage());
        }
    }

    /** Gives back what {@link #capBudget} held for this step; what it spent is on its rows by now. */
    void release() {
        if (reservation != null) {
            reservation.release();
        }
    }
}
