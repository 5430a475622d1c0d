package io.jenkins.plugins.aiworkflow.plugin;

import hudson.Extension;
import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.output.AtomicFile;
import io.jenkins.plugins.aiworkflow.engine.output.ConsoleSummary;
import io.jenkins.plugins.aiworkflow.engine.output.MarkdownSummary;
import io.jenkins.plugins.aiworkflow.engine.output.ResultJson;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineLoop;
import io.jenkins.plugins.aiworkflow.engine.report.TestCounts;
import io.jenkins.plugins.aiworkflow.engine.step.OnFailure;
import io.jenkins.plugins.aiworkflow.engine.step.Step;
import io.jenkins.plugins.aiworkflow.engine.step.StepResults;
import io.jenkins.plugins.aiworkflow.engine.step.ValidateParameters;
import io.jenkins.plugins.aiworkflow.engine.validate.ValidationRequest;
import io.jenkins.plugins.aiworkflow.engine.validate.ValidationResult;
import io.jenkins.plugins.aiworkflow.engine.validate.Validator;
import io.jenkins.plugins.aiworkflow.plugin.action.Row;
import io.jenkins.plugins.aiworkflow.plugin.action.StepRecord;
import io.jenkins.plugins.aiworkflow.plugin.workspace.FilePathWorkspace;
import java.io.Serial;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code aiValidate}: runs the test command (optional), reads the JUnit XML reports and applies the quality
 * gate, on the node whose workspace it is; returns the engine's map ({@link StepResults#validation}). Parameters,
 * defaults and returned keys: docs/steps.md.
 */
public final class AiValidateStep extends AiStep {
    @Serial
    private static final long serialVersionUID = 1L;

    @DataBoundConstructor
    public AiValidateStep(String reports) {
        set("reports", reports);
    }

    public String getReports() {
        return text("reports");
    }

    @Override
    protected Step step() {
        return Step.VALIDATE;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, values());
    }

    // The optional parameters, in the order of docs/steps.md (generated from it; PluginStepsTest keeps them equal to
    // the engine's catalogue).

    @DataBoundSetter
    public void setCommand(String command) {
        set("command", command);
    }

    public String getCommand() {
        return text("command");
    }

    @DataBoundSetter
    public void setCommandTimeout(String commandTimeout) {
        set("commandTimeout", commandTimeout);
    }

    public String getCommandTimeout() {
        return text("commandTimeout");
    }

    @DataBoundSetter
    public void setMaxCommandOutputChars(Integer maxCommandOutputChars) {
        set("maxCommandOutputChars", maxCommandOutputChars);
    }

    public Integer getMaxCommandOutputChars() {
        return integer("maxCommandOutputChars");
    }

    @DataBoundSetter
    public void setBaseline(String baseline) {
        set("baseline", baseline);
    }

    public String getBaseline() {
        return text("baseline");
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
    public void setNewFailuresOnly(Boolean newFailuresOnly) {
        set("newFailuresOnly", newFailuresOnly);
    }

    public Boolean getNewFailuresOnly() {
        return bool("newFailuresOnly");
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

    /** Runs off the CPS thread; {@code stop()} interrupts it, which kills the test command's process tree. */
    static final class Execution extends AiStepExecution {
        @Serial
        private static final long serialVersionUID = 1L;

        Execution(StepContext context, Map<String, Object> values) {
            super(context, Step.VALIDATE, values);
        }

        @Override
        protected Map<String, Object> run(StepRun step) throws Exception {
            Map<String, Object> capped = new TreeMap<>(values);
            step.capCommandTimeout(capped);
            ValidateParameters parameters;
            try {
                parameters = ValidateParameters.of(capped);
            } catch (InvalidRequestException e) {
                throw step.refused(e);
            }
            FilePathWorkspace workspace = step.workspace();
            ValidationRequest request;
            try {
                request = parameters.toRequest(parameters.readBaseline(workspace));
            } catch (InvalidRequestException e) {
                throw step.refused(e);
            }
            // the test command gets what withCredentials bound (tests may need it); every text shows it masked
            UnaryOperator<String> redactor = StepRun.masking(step.boundSecrets().values());
            StepRecord record = step.record(null);
            ValidationResult result = new Validator().validate(request, workspace, step.log(redactor));
            return recording(() -> record(step, parameters, record, result, redactor));
        }

        private Map<String, Object> record(StepRun step, ValidateParameters parameters, StepRecord record,
                                           ValidationResult result, UnaryOperator<String> redactor) throws Exception {
            for (String line : ConsoleSummary.render(result)) {
                step.console.println(redactor.apply(line));
            }
            AtomicFile.replace(record.getDirectory().resolve("validation.json"),
                    out -> out.write(redactor.apply(ResultJson.toJson(result)).getBytes(StandardCharsets.UTF_8)));
            AtomicFile.replace(record.getDirectory().resolve("validation.md"),
                    out -> out.write(redactor.apply(MarkdownSummary.render(result)).getBytes(StandardCharsets.UTF_8)));
            TestCounts counts = result.report().counts();
            record.addRow(Row.builder(step.stepName, 0, result.verdict().status().name())
                    .tests(counts.passed(), counts.failed(), counts.skipped(), counts.tests())
                    .build());
            Map<String, Object> returned = StepResults.validation(result, redactor);
            // inside aiRefineLoop the loop decides once the body has run: this validation is recorded, not acted on
            RefineLoop loop = getContext().get(RefineLoop.class);
            if (loop != null) {
                loop.validated(result, redactor);
            }
            if (!result.verdict().passed()) {
                step.gateFailed(loop != null ? OnFailure.NONE : parameters.onFailure(), result.verdict().reasons(),
                        redactor);
                if (loop != null) {
                    step.console.println("inside aiRefineLoop (iteration " + loop.iteration()
                            + "): the loop decides after the body; its next run gets this feedback");
                }
            }
            return returned;
        }
    }

    @Extension
    @Symbol("aiValidate")
    public static final class DescriptorImpl extends AiStepDescriptor {
        public DescriptorImpl() {
            super(Step.VALIDATE);
        }

        @Override
        public String getDisplayName() {
            return Messages.AiValidateStep_displayName();
        }

        @Override
        protected AiStep emptyStep() {
            return new AiValidateStep(null);
        }
    }
}
