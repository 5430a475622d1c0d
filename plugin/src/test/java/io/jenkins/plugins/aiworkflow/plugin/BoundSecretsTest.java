package io.jenkins.plugins.aiworkflow.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.EnvVars;
import hudson.Extension;
import hudson.model.Result;
import io.jenkins.plugins.aiworkflow.plugin.action.AiWorkflowAction;
import io.jenkins.plugins.aiworkflow.plugin.action.StepRecord;
import java.io.IOException;
import java.io.Serial;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * A secret bound around a step, as {@code withCredentials} binds one (a variable the context's
 * {@link EnvironmentExpander} names sensitive), reaches aiValidate's test command, which may need it, and never a
 * text the step writes: the build log, the reports on the build page, the returned map.
 */
@WithJenkins
class BoundSecretsTest {
    private static final String SECRET = "s3cr3t-Bound-Value-7";

    @Test
    void shouldMaskABoundSecretInEverythingAiValidateWritesWhileItsCommandStillGetsIt(JenkinsRule j) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "bound");
        j.jenkins.getWorkspaceFor(job).child("check.sh").write(
                "printf '%s' \"$DB_PASSWORD\" > seen.txt\n"
                + "printf '<testsuite tests=\"1\" failures=\"1\"><testcase classname=\"a.B\" name=\"t\">"
                + "<failure message=\"password was %s\"/></testcase></testsuite>' \"$DB_PASSWORD\" > TEST-a.xml\n",
                "UTF-8");
        job.setDefinition(new CpsFlowDefinition("""
                node {
                    bindSecret {
                        def result = aiValidate command: 'sh check.sh', reports: 'TEST-*.xml', onFailure: 'NONE'
                        echo "message: ${result.failures[0].message}"
                    }
                    echo "command saw: ${readFile('seen.txt').length()} characters"
                }
                """, true));

        WorkflowRun build = j.buildAndAssertSuccess(job);

        j.assertLogContains("command saw: " + SECRET.length() + " characters", build);
        j.assertLogContains("message: password was ****", build);
        j.assertLogContains("[aiValidate] WARNING: the quality gate failed", build);
        j.assertLogNotContains(SECRET, build);
        StepRecord record = build.getAction(AiWorkflowAction.class).getRecords().get(0);
        List<Path> reports;
        try (Stream<Path> files = Files.list(record.getDirectory())) {
            reports = files.toList();
        }
        assertThat(reports).extracting(path -> path.getFileName().toString())
                .contains("validation.json", "validation.md");
        for (Path report : reports) {
            assertThat(Files.readString(report, StandardCharsets.UTF_8)).as("%s", report).doesNotContain(SECRET)
                    .contains("****");
        }
        assertThat(build.getResult()).isEqualTo(Result.SUCCESS);
    }

    /** Runs its body with {@code DB_PASSWORD} bound and named sensitive, as withCredentials does. */
    public static final class BindSecretStep extends Step {
        @DataBoundConstructor
        public BindSecretStep() {
        }

        @Override
        public StepExecution start(StepContext context) {
            return new BindSecretExecution(context);
        }

        @TestExtension
        public static final class DescriptorImpl extends StepDescriptor {
            @Override
            public String getFunctionName() {
                return "bindSecret";
            }

            @Override
            public boolean takesImplicitBlockArgument() {
                return true;
            }

            @Override
            public Set<? extends Class<?>> getRequiredContext() {
                return Set.of();
            }
        }
    }

    private static final class BindSecretExecution extends StepExecution {
        @Serial
        private static final long serialVersionUID = 1L;

        BindSecretExecution(StepContext context) {
            super(context);
        }

        @Override
        public boolean start() throws IOException, InterruptedException {
            getContext().newBodyInvoker()
                    .withContext(EnvironmentExpander.merge(getContext().get(EnvironmentExpander.class),
                            new SensitiveBinding()))
                    .withCallback(BodyExecutionCallback.wrap(getContext()))
                    .start();
            return false;
        }
    }

    private static final class SensitiveBinding extends EnvironmentExpander {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public void expand(EnvVars env) {
            env.override("DB_PASSWORD", SECRET);
        }

        @Override
        public Set<String> getSensitiveVariables() {
            return Set.of("DB_PASSWORD");
        }
    }
}
