package io.jenkins.plugins.aiworkflow.plugin;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.util.Secret;
import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer;
import io.jenkins.plugins.aiworkflow.plugin.action.AiWorkflowAction;
import io.jenkins.plugins.aiworkflow.plugin.action.Row;
import io.jenkins.plugins.aiworkflow.plugin.action.StepRecord;
import io.jenkins.plugins.aiworkflow.plugin.config.AiWorkflowConfiguration;
import io.jenkins.plugins.aiworkflow.plugin.config.Provider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jvnet.hudson.test.JenkinsRule;

/** What the step tests set up (a provider on the scripted server) and look at in a finished build: its rows, its
 * marked nodes, its files. */
final class StepTestSupport {
    /** A JUnit XML report of two passing tests. */
    static final String PASSING_REPORT = """
            <testsuite name="demo.CalcTest" tests="2" failures="0" errors="0" skipped="0">
              <testcase classname="demo.CalcTest" name="adds" time="0.01"/>
              <testcase classname="demo.CalcTest" name="subtracts" time="0.01"/>
            </testsuite>
            """;

    /** A JUnit XML report of two tests, one failing. */
    static final String FAILING_REPORT = """
            <testsuite name="demo.CalcTest" tests="2" failures="1" errors="0" skipped="0">
              <testcase classname="demo.CalcTest" name="adds" time="0.01"/>
              <testcase classname="demo.CalcTest" name="subtracts" time="0.01">
                <failure message="expected 1 but was 2">at demo.CalcTest.subtracts</failure>
              </testcase>
            </testsuite>
            """;

    private StepTestSupport() {
    }

    /**
     * Configures the one provider "scripted": OpenAI type on {@code server}, model gpt-4.1-mini (which the engine
     * prices: 0.40 USD per million input tokens), its key {@code key} in the global Secret text credential
     * "model-key".
     */
    static void configureScriptedProvider(ScriptedModelServer server, String key) throws IOException {
        SystemCredentialsProvider.getInstance().getDomainCredentialsMap().get(Domain.global()).add(
                new StringCredentialsImpl(CredentialsScope.GLOBAL, "model-key", "model key", Secret.fromString(key)));
        SystemCredentialsProvider.getInstance().save();
        Provider scripted = new Provider("scripted", "openai");
        scripted.setBaseUrl(server.baseUrl());
        scripted.setCredentialsId("model-key");
        scripted.setModel("gpt-4.1-mini");
        AiWorkflowConfiguration.get().setProviders(List.of(scripted));
    }

    /** A Pipeline job running {@code script} in the Groovy sandbox, as a Jenkinsfile would. */
    static WorkflowJob job(JenkinsRule j, String script) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    /** Every row on the build page, in the order of its records. */
    static List<Row> rows(WorkflowRun build) {
        AiWorkflowAction action = build.getAction(AiWorkflowAction.class);
        if (action == null) {
            return List.of();
        }
        return action.getRecords().stream().flatMap(record -> record.getRows().stream()).toList();
    }

    static List<StepRecord> records(WorkflowRun build) {
        AiWorkflowAction action = build.getAction(AiWorkflowAction.class);
        return action == null ? List.of() : action.getRecords();
    }

    /** The nodes of the build's flow graph that carry a {@link WarningAction}. */
    static List<FlowNode> warnedNodes(WorkflowRun build) {
        return new DepthFirstScanner().allNodes(build.getExecution()).stream()
                .filter(node -> node.getPersistentAction(WarningAction.class) != null)
                .toList();
    }

    /** The files under {@code root} whose bytes hold {@code text}. */
    static List<Path> filesHolding(String text, Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(file -> {
                try {
                    return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
