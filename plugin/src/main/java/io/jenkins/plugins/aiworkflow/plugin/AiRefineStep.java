package io.jenkins.plugins.aiworkflow.plugin;

import hudson.Extension;
import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.output.RefineConsoleSummary;
import io.jenkins.plugins.aiworkflow.engine.output.RefineReports;
import io.jenkins.plugins.aiworkflow.engine.refine.IterationRecord;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineListener;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineRequest;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineResult;
import io.jenkins.plugins.aiworkflow.engine.refine.Refinement;
import io.jenkins.plugins.aiworkflow.engine.report.TestCounts;
import io.jenkins.plugins.aiworkflow.engine.step.RefineParameters;
import io.jenkins.plugins.aiworkflow.engine.step.Step;
import io.jenkins.plugins.aiworkflow.engine.step.StepResults;
import io.jenkins.plugins.aiworkflow.plugin.action.Row;
import io.jenkins.plugins.aiworkflow.plugin.action.StepRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serial;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code aiRefine}: implement, test and validate in a loop until the quality gate passes or a limit stops it,
 * keeping the best attempt; a row per iteration on the build page and the refine reports (HTML, Markdown, JSON)
 * after every iteration; returns the engine's map ({@link StepResults#refinement}). Parameters, defaults and
 * returned keys: docs/steps.md.
 */
public final class AiRefineStep extends AgentStep {
    @Serial
    private static final long serialVersionUID = 1L;

    @DataBoundConstructor
    public AiRefineStep(String intent, String reports, String command) {
        set("intent", intent);
        set("reports", reports);
        set("command", command);
    }

    public String getReports() {
        return text("reports");
    }

    public String getCommand() {
        return text("command");
    }

    @Override
    protected Step step() {
        return Step.REFINE;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, values());
    }

    // The optional parameters besides the agent's and its model's (AgentStep), in the order of docs/steps.md
    // (generated from it; PluginStepsTest keeps them equal to the engine's catalogue).

    @DataBoundSetter
    public void setMaxCommandOutputChars(Integer maxCommandOutputChars) {
        set("maxCommandOutputChars", maxCommandOutputChars);
    }

    public Integer getMaxCommandOutputChars() {
        return integer("maxCommandOutputChars");
    }

    @DataBoundSetter
    public void setMaxIterations(Integer maxIterations) {
        set("maxIterations", maxIterations);
    }

    public Integer getMaxIterations() {
        return integer("maxIterations");
    }

    @DataBoundSetter
    public void setKeep(String keep) {
        set("keep", keep);
    }

    public String getKeep() {
        return text("keep");
    }

    @DataBoundSetter
    public void setRerunFailures(Integer rerunFailures) {
        set("rerunFailures", rerunFailures);
    }

    public Integer getRerunFailures() {
        return integer("rerunFailures");
    }

    @DataBoundSetter
    public void setTamperGuard(Boolean tamperGuard) {
        set("tamperGuard", tamperGuard);
    }

    public Boolean getTamperGuard() {
        return bool("tamperGuard");
    }

    @DataBoundSetter
    public void setTestSources(String testSources) {
        set("testSources", testSources);
    }

    public String getTestSources() {
        return text("testSources");
    }

    @DataBoundSetter
    public void setFeedbackTokens(Integer feedbackTokens) {
        set("feedbackTokens", feedbackTokens);
    }

    public Integer getFeedbackTokens() {
        return integer("feedbackTokens");
    }

    @DataBoundSetter
    public void setRecover(String recover) {
        set("recover", recover);
    }

    public String getRecover() {
        return text("recover");
    }

    @DataBoundSetter
    public void setStateStore(String stateStore) {
        set("stateStore", stateStore);
    }

    public String getStateStore() {
        return text("stateStore");
    }

    @DataBoundSetter
    public void setRequireTests(Boolean requireTests) {
        set("requireTests", requireTests);
    }

    public Boolean getRequireTests() {
        return bool("requireTests");
    }

    @DataBoundSetter
    public void setMaxFailures(Long maxFailures) {
        set("maxFailures", maxFailures);
    }

    public Long getMaxFailures() {
        return longValue("maxFailures");
    }

    @DataBoundSetter
    public void setMinPassRate(Double minPassRate) {
        set("minPassRate", minPassRate);
    }

    public Double getMinPassRate() {
        return decimal("minPassRate");
    }

    @DataBoundSetter
    public void setAllowTestDecrease(Boolean allowTestDecrease) {
        set("allowTestDecrease", allowTestDecrease);
    }

    public Boolean getAllowTestDecrease() {
        return bool("allowTestDecrease");
    }

    @DataBoundSetter
    public void setAllowSkipIncrease(Boolean allowSkipIncrease) {
        set("allowSkipIncrease", allowSkipIncrease);
    }

    public Boolean getAllowSkipIncrease() {
        return bool("allowSkipIncrease");
    }

    @DataBoundSetter
    public void setAllowMissingTests(Boolean allowMissingTests) {
        set("allowMissingTests", allowMissingTests);
    }

    public Boolean getAllowMissingTests() {
        return bool("allowMissingTests");
    }

    @DataBoundSetter
    public void setAllowNewlySkippedTests(Boolean allowNewlySkippedTests) {
        set("allowNewlySkippedTests", allowNewlySkippedTests);
    }

    public Boolean getAllowNewlySkippedTests() {
        return bool("allowNewlySkippedTests");
    }

    @DataBoundSetter
    public void setAllowFlaky(Boolean allowFlaky) {
        set("allowFlaky", allowFlaky);
    }

    public Boolean getAllowFlaky() {
        return bool("allowFlaky");
    }

    @DataBoundSetter
    public void setAllowReportProblems(Boolean allowReportProblems) {
        set("allowReportProblems", allowReportProblems);
    }

    public Boolean getAllowReportProblems() {
        return bool("allowReportProblems");
    }

    @DataBoundSetter
    public void setAcceptedExitCodes(String acceptedExitCodes) {
        set("acceptedExitCodes", acceptedExitCodes);
    }

    public String getAcceptedExitCodes() {
        return text("acceptedExitCodes");
    }

    @DataBoundSetter
    public void setParserThreads(Integer parserThreads) {
        set("parserThreads", parserThreads);
    }

    public Integer getParserThreads() {
        return integer("parserThreads");
    }

    @DataBoundSetter
    public void setMaxMessageChars(Integer maxMessageChars) {
        set("maxMessageChars", maxMessageChars);
    }

    public Integer getMaxMessageChars() {
        return integer("maxMessageChars");
    }

    @DataBoundSetter
    public void setMaxDetailsChars(Integer maxDetailsChars) {
        set("maxDetailsChars", maxDetailsChars);
    }

    public Integer getMaxDetailsChars() {
        return integer("maxDetailsChars");
    }

    @DataBoundSetter
    public void setMaxTestOutputChars(Integer maxTestOutputChars) {
        set("maxTestOutputChars", maxTestOutputChars);
    }

    public Integer getMaxTestOutputChars() {
        return integer("maxTestOutputChars");
    }

    @DataBoundSetter
    public void setMaxDetailedCases(Integer maxDetailedCases) {
        set("maxDetailedCases", maxDetailedCases);
    }

    public Integer getMaxDetailedCases() {
        return integer("maxDetailedCases");
    }

    @DataBoundSetter
    public void setMaxKeptTextChars(Integer maxKeptTextChars) {
        set("maxKeptTextChars", maxKeptTextChars);
    }

    public Integer getMaxKeptTextChars() {
        return integer("maxKeptTextChars");
    }

    @DataBoundSetter
    public void setMaxKeptNameChars(Integer maxKeptNameChars) {
        set("maxKeptNameChars", maxKeptNameChars);
    }

    public Integer getMaxKeptNameChars() {
        return integer("maxKeptNameChars");
    }

    @DataBoundSetter
    public void setOnFailure(String onFailure) {
        set("onFailure", onFailure);
    }

    public String getOnFailure() {
        return text("onFailure");
    }

    static final class Execution extends AiStepExecution {
        @Serial
        private static final long serialVersionUID = 1L;

        Execution(StepContext context, Map<String, Object> values) {
            super(context, Step.REFINE, values);
        }

        @Override
        protected Map<String, Object> run(StepRun step) throws Exception {
            Map<String, Object> capped = new TreeMap<>(values);
            step.capBudget(capped, true);
            RefineParameters parameters;
            RefineRequest request;
            try {
                parameters = RefineParameters.of(capped);
                request = parameters.toRequest(step.model(parameters.provider(), parameters.credentialsId(),
                        parameters::applyModelOptions));
            } catch (InvalidRequestException e) {
                throw step.refused(e);
            }
            UnaryOperator<String> redactor = request::redact;
            String intent = String.valueOf(values.get("intent"));
            StepRecord record = step.record(null);
            Progress progress = new Progress(step, record, intent, redactor);
            RefineResult result;
            try (OutputStream transcript = Files.newOutputStream(record.getDirectory().resolve("transcript.jsonl"))) {
                RefineRequest withTranscript = request.toBuilder()
                        .implementation(request.implementation().withTranscript(transcript))
                        .build();
                result = new Refinement().run(withTranscript, step.workspace(), step.log(redactor), progress);
            }
            // an aborted run still writes its reports, then the abort goes on
            return recording(() -> {
                progress.writeReports(result);
                RefineConsoleSummary.render(result, redactor).forEach(step.console::println);
                Map<String, Object> returned = StepResults.refinement(result, redactor);
                if (!result.passed()) {
                    IterationRecord last = result.lastIteration().orElse(null);
                    step.gateFailed(parameters.onFailure(), last == null || last.validation() == null
                            ? List.of() : last.validation().reasons(), redactor);
                }
                return returned;
            });
        }
    }

    /** After every iteration: its line in the build log, its row on the build page, the reports so far. */
    private static final class Progress implements RefineListener {
        private final StepRun step;
        private final StepRecord record;
        private final String intent;
        private final UnaryOperator<String> redactor;

        Progress(StepRun step, StepRecord record, String intent, UnaryOperator<String> redactor) {
            this.step = step;
            this.record = record;
            this.intent = intent;
            this.redactor = redactor;
        }

        @Override
        public void iterationFinished(IterationRecord iteration, RefineResult soFar) {
            step.console.println(RefineConsoleSummary.iterationLine(iteration, soFar, redactor));
            try {
                Row.Builder row = Row.builder(step.stepName, iteration.number(),
                        iteration.validation() == null ? "NOT_VALIDATED" : iteration.validation().verdict().name());
                if (iteration.validation() != null) {
                    TestCounts counts = iteration.validation().counts();
                    row.tests(counts.passed(), counts.failed(), counts.skipped(), counts.tests());
                }
                if (iteration.diff() != null) {
                    row.diff(iteration.diff().linesAdded(), iteration.diff().linesRemoved());
                }
                if (iteration.agent() != null) {
                    row.tokens(iteration.agent().usage().usage().inputTokens(),
                            iteration.agent().usage().usage().outputTokens());
                    row.costUsd(iteration.agent().usage().cost().known() ? iteration.agent().usage().cost().usd()
                            : null);
                    row.stopReason(redactor.apply(iteration.agent().stopReason().toString()));
                }
                record.addRow(row.build());
            } catch (IOException e) {
                step.console.println("WARNING: the build page could not be updated: " + e.getMessage());
            }
            writeReports(soFar);
        }

        /** The three reports; a failure is a warning, never the end of the run. */
        void writeReports(RefineResult result) {
            try {
                RefineReports.write(result, intent, redactor, record.getDirectory());
            } catch (IOException | UncheckedIOException e) {
                step.console.println("WARNING: the reports could not be written: " + e.getMessage());
            }
        }
    }

    @Extension
    @Symbol("aiRefine")
    public static final class DescriptorImpl extends AgentStepDescriptor {
        public DescriptorImpl() {
            super(Step.REFINE);
        }

        @Override
        public String getDisplayName() {
            return Messages.AiRefineStep_displayName();
        }

        @Override
        protected AiStep emptyStep() {
            return new AiRefineStep(null, null, null);
        }
    }
}
