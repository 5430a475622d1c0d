package io.jenkins.plugins.aiworkflow.plugin.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.AbortException;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.Secret;
import io.jenkins.plugins.aiworkflow.engine.llm.OpenAiModel;
import io.jenkins.plugins.aiworkflow.engine.llm.ModelRequest;
import io.jenkins.plugins.aiworkflow.engine.llm.ModelResponse;
import io.jenkins.plugins.aiworkflow.engine.llm.UserMessage;
import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer;
import io.jenkins.plugins.aiworkflow.engine.log.EngineLog;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A build resolves a provider's model with the key of its Secret text credential and calls the scripted model
 * server with it: the key is in the request's Authorization header, and nowhere in the build log, the saved
 * configuration or the build's files. The calls a step makes are made by a test-only step, {@code aiConfigProbe}.
 */
@WithJenkins
class ProviderModelTest {
    private static final String SECRET = "sk-probe-SECRET-0123456789";

    private JenkinsRule j;
    private ScriptedModelServer server;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        server = ScriptedModelServer.start();
        addCredential(new StringCredentialsImpl(CredentialsScope.GLOBAL, "model-key", "model key",
                Secret.fromString(SECRET)));
        Provider scripted = new Provider("scripted", "openai");
        scripted.setBaseUrl(server.baseUrl());
        scripted.setCredentialsId("model-key");
        scripted.setModel("gpt-4.1-mini");
        Provider local = new Provider("local", "compatible");
        local.setBaseUrl(server.baseUrl());
        AiWorkflowConfiguration.get().setProviders(List.of(scripted, local));
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void shouldSendTheCredentialsKeyOnlyInTheAuthorizationHeader() throws Exception {
        server.enqueue(ScriptedModelServer.Reply.text("hello from the scripted model"));

        WorkflowRun build = run("aiConfigProbe()");

        j.assertBuildStatusSuccess(build);
        j.assertLogContains("probe: OpenAI model gpt-4.1-mini (chat completions) at " + server.baseUrl(), build);
        j.assertLogContains("probe answer: hello from the scripted model", build);
        assertThat(server.lastRequest().header("Authorization")).isEqualTo("Bearer " + SECRET);
        j.assertLogNotContains(SECRET, build);
        assertThat(filesHolding(SECRET, build.getRootDir().toPath())).isEmpty();
        assertThat(build.getEnvironment(TaskListener.NULL).values()).noneMatch(value -> value.contains(SECRET));
        assertThat(filesHolding(SECRET, j.jenkins.getRootDir().toPath().resolve(
                AiWorkflowConfiguration.class.getName() + ".xml"))).isEmpty();
        assertThat(Files.readString(j.jenkins.getRootDir().toPath().resolve(
                AiWorkflowConfiguration.class.getName() + ".xml"), StandardCharsets.UTF_8))
                .as("the saved configuration holds the credential's id").contains("<credentialsId>model-key<");
    }

    @Test
    void shouldSendTheKeyToAzureInItsApiKeyHeader() throws Exception {
        Provider azure = new Provider("azure", "azure-openai");
        azure.setBaseUrl(server.rootUrl());
        azure.setCredentialsId("model-key");
        azure.setModel("my-deployment");
        azure.setAzureApiVersion("2024-10-21");
        AiWorkflowConfiguration.get().setProviders(List.of(azure));
        server.enqueue(ScriptedModelServer.Reply.text("hello from Azure"));

        WorkflowRun build = j.assertBuildStatusSuccess(run("aiConfigProbe()"));

        j.assertLogContains("probe: Azure OpenAI deployment my-deployment (chat completions) at " + server.rootUrl(),
                build);
        assertThat(server.lastRequest().header("api-key")).isEqualTo(SECRET);
        assertThat(server.lastRequest().path()).contains("/openai/deployments/my-deployment/");
        assertThat(server.lastRequest().query()).contains("api-version=2024-10-21");
        j.assertLogNotContains(SECRET, build);
    }

    @Test
    void shouldFailNamingACredentialWithAnEmptySecret() throws Exception {
        addCredential(new StringCredentialsImpl(CredentialsScope.GLOBAL, "blank-key", "blank", Secret.fromString(" ")));

        WorkflowRun build = run("aiConfigProbe credentialsId: 'blank-key'");

        j.assertBuildStatus(Result.FAILURE, build);
        j.assertLogContains("AI Workflow provider 'scripted': credential 'blank-key' holds an empty secret", build);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void shouldTrackTheCredentialAsUsedByTheBuild() throws Exception {
        server.enqueue(ScriptedModelServer.Reply.text("ok"));

        WorkflowRun build = j.assertBuildStatusSuccess(run("aiConfigProbe()"));

        StringCredentialsImpl credential = (StringCredentialsImpl) SystemCredentialsProvider.getInstance()
                .getCredentials().get(0);
        assertThat(CredentialsProvider.getFingerprintOf(credential)).isNotNull();
        assertThat(CredentialsProvider.getFingerprintOf(credential).getJobs())
                .contains(build.getParent().getFullName());
    }

    @Test
    void shouldCallTheStepsModelAndTheFirstProviderWhenTheStepNamesNone() throws Exception {
        server.enqueue(ScriptedModelServer.Reply.text("ok"), ScriptedModelServer.Reply.text("ok"));

        WorkflowRun build = j.assertBuildStatusSuccess(run("aiConfigProbe model: 'gpt-4o'\n"
                + "aiConfigProbe provider: 'local', model: 'llama3.1'"));

        j.assertLogContains("probe: OpenAI model gpt-4o (chat completions)", build);
        j.assertLogContains("probe: model llama3.1 (chat completions) at " + server.baseUrl(), build);
        assertThat(server.lastRequest().header("Authorization")).as("a compatible server without a credential")
                .isNull();
    }

    @Test
    void shouldFailNamingAMissingCredentialAndWhatIsAccepted() throws Exception {
        WorkflowRun build = run("aiConfigProbe credentialsId: 'no-such-key'");

        j.assertBuildStatus(Result.FAILURE, build);
        j.assertLogContains("AI Workflow provider 'scripted': no credential 'no-such-key' is visible to this build; "
                + "accepted: the id of a Secret text credential holding the API key that this job may use", build);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void shouldFailNamingTheKindOfACredentialThatIsNotSecretText() throws Exception {
        addCredential(new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "user-pass", "not a key", "user",
                "password-0123456789"));

        WorkflowRun build = run("aiConfigProbe credentialsId: 'user-pass'");

        j.assertBuildStatus(Result.FAILURE, build);
        j.assertLogContains("credential 'user-pass' is of kind 'Username with password'; accepted: a Secret text "
                + "credential holding the API key", build);
        j.assertLogNotContains("password-0123456789", build);
    }

    @Test
    void shouldFailNamingTheConfiguredProvidersForAnUnknownOne() throws Exception {
        WorkflowRun build = run("aiConfigProbe provider: 'gemini'");

        j.assertBuildStatus(Result.FAILURE, build);
        j.assertLogContains("provider 'gemini' is not configured; accepted: scripted, local", build);
    }

    @Test
    void shouldRefuseAStepWithoutAModelWhenTheProviderHasNoDefault() throws Exception {
        WorkflowRun build = j.assertBuildStatusSuccess(run("echo 'no model call'"));

        assertThatThrownBy(() -> AiWorkflowConfiguration.get().model(build, "local", null, null))
                .isInstanceOf(AbortException.class)
                .hasMessage("AI Workflow provider 'local': no default model, and the step names none; accepted: "
                        + "the step's model parameter, such as model: 'gpt-4.1-mini', or a default model in the "
                        + "provider's configuration");
    }

    @Test
    void shouldFailWithoutAnyProvider() throws Exception {
        AiWorkflowConfiguration.get().setProviders(List.of());

        WorkflowRun build = run("aiConfigProbe()");

        j.assertBuildStatus(Result.FAILURE, build);
        j.assertLogContains("no AI Workflow provider is configured; an administrator adds one under Manage Jenkins",
                build);
    }

    private WorkflowRun run(String script) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job.scheduleBuild2(0).get();
    }

    private static void addCredential(com.cloudbees.plugins.credentials.Credentials credential) throws IOException {
        SystemCredentialsProvider.getInstance().getDomainCredentialsMap().get(Domain.global()).add(credential);
        SystemCredentialsProvider.getInstance().save();
    }

    /** The files under {@code root} (or {@code root} itself) whose bytes hold {@code text}. */
    private static List<Path> filesHolding(String text, Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(file -> {
                try {
                    return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    /** What a step does with the configuration: resolve the model for its build, then call it once. */
    public static final class ProbeStep extends Step {
        private String provider;
        private String model;
        private String credentialsId;

        @DataBoundConstructor
        public ProbeStep() {
        }

        public String getProvider() {
            return provider;
        }

        @DataBoundSetter
        public void setProvider(String provider) {
            this.provider = provider;
        }

        public String getModel() {
            return model;
        }

        @DataBoundSetter
        public void setModel(String model) {
            this.model = model;
        }

        public String getCredentialsId() {
            return credentialsId;
        }

        @DataBoundSetter
        public void setCredentialsId(String credentialsId) {
            this.credentialsId = credentialsId;
        }

        @Override
        public StepExecution start(StepContext context) {
            return new Execution(context, provider, model, credentialsId);
        }

        private static final class Execution extends SynchronousNonBlockingStepExecution<String> {
            private static final long serialVersionUID = 1L;
            private final String provider;
            private final String model;
            private final String credentialsId;

            Execution(StepContext context, String provider, String model, String credentialsId) {
                super(context);
                this.provider = provider;
                this.model = model;
                this.credentialsId = credentialsId;
            }

            @Override
            protected String run() throws Exception {
                Run<?, ?> run = getContext().get(Run.class);
                PrintStream log = getContext().get(TaskListener.class).getLogger();
                ProviderModel resolved = AiWorkflowConfiguration.get().model(run, provider, model, credentialsId);
                log.println("probe: " + resolved.describe());
                // what a careless step might print: neither shows the key
                log.println("probe object: " + resolved + " " + resolved.config());
                try (OpenAiModel client = new OpenAiModel(resolved.config(),
                        EngineLog.to(line -> log.println("probe engine: " + line.text())))) {
                    ModelResponse response = client.complete(ModelRequest.of(List.of(new UserMessage("hello")),
                            List.of()));
                    log.println("probe answer: " + response.message().text());
                }
                return resolved.providerId();
            }
        }

        @TestExtension
        public static final class DescriptorImpl extends StepDescriptor {
            @Override
            public String getFunctionName() {
                return "aiConfigProbe";
            }

            @Override
            public Set<? extends Class<?>> getRequiredContext() {
                return Set.of(Run.class, TaskListener.class);
            }
        }
    }
}
