package io.jenkins.plugins.aiworkflow.plugin;

import io.jenkins.plugins.aiworkflow.plugin.action.AiWorkflowAction;
import io.jenkins.plugins.aiworkflow.plugin.action.Row;
import io.jenkins.plugins.aiworkflow.plugin.action.StepRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;

/** What the step tests look at in a finished build: its rows, its marked nodes, its files. */
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
