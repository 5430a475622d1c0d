package io.jenkins.plugins.aiworkflow.engine.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.log.EngineLog;
import io.jenkins.plugins.aiworkflow.engine.report.ReportInput;
import io.jenkins.plugins.aiworkflow.engine.report.ReportParser;
import io.jenkins.plugins.aiworkflow.engine.report.TestId;
import io.jenkins.plugins.aiworkflow.engine.report.TestReport;
import io.jenkins.plugins.aiworkflow.engine.report.TextLimits;
import io.jenkins.plugins.aiworkflow.engine.sandbox.Sandbox;
import io.jenkins.plugins.aiworkflow.engine.sandbox.SearchMatch;
import io.jenkins.plugins.aiworkflow.engine.sandbox.SearchResult;
import io.jenkins.plugins.aiworkflow.engine.sandbox.WorkspacePolicy;
import io.jenkins.plugins.aiworkflow.engine.sandbox.WorkspaceSnapshot;
import io.jenkins.plugins.aiworkflow.engine.validate.ValidationRequest;
import io.jenkins.plugins.aiworkflow.engine.validate.Validator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What crosses the {@link Workspace} port travels as Java serialization does between a Jenkins
 * controller and its build agents: each value comes back equal to what was sent, and the engine's
 * tasks ({@link WorkspaceTask}) arrive with everything they need and bring their results back.
 */
class PortSerializationTest {
    @TempDir
    Path root;

    @TempDir
    Path store;

    private static byte[] serialized(Serializable value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static <T extends Serializable> T roundTrip(T value) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serialized(value)))) {
            return (T) in.readObject();
        }
    }

    @Test
    void shouldCarryCommandRequestsAndResults() throws Exception {
        // given
        CommandRequest request = new CommandRequest("mvn -B test", Map.of("MAVEN_OPTS", "-Xmx1g"),
                Set.of("OPENAI_API_KEY", "GITHUB_TOKEN"), Duration.ofMinutes(30), 20_000);
        CommandResult result = new CommandResult("mvn -B test", 1, true, Instant.parse("2026-12-04T10:15:30Z"),
                Duration.ofMillis(1234), "BUILD FAILURE\n");

        // then
        assertThat(roundTrip(request)).isEqualTo(request);
        assertThat(roundTrip(result)).isEqualTo(result);
    }

    @Test
    void shouldCarryNoRegisteredSecretInACommandRequestThePolicyMade() throws Exception {
        // given: a base environment holding the secret by name and by value; the policy holding it stays behind
        String secret = "sk-never-on-the-wire-5Tq";
        EnvironmentPolicy policy = EnvironmentPolicy.builder().secretValue(secret).build();
        Map<String, String> base = Map.of("PATH", "/usr/bin", "OPENAI_API_KEY", secret, "COPY", "Bearer " + secret);

        // when
        CommandRequest request = policy.commandRequest("mvn -B test", base, Map.of("ALSO", secret, "MAVEN_OPTS",
                "-Xmx1g"), Duration.ofMinutes(30), 20_000);
        byte[] bytes = serialized(request);

        // then: names of what is removed cross, never a value of one
        assertThat(roundTrip(request)).isEqualTo(request);
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain(secret).contains("OPENAI_API_KEY");
        assertThat(Serializable.class.isAssignableFrom(EnvironmentPolicy.class))
                .as("a policy holds the secret values: it never crosses").isFalse();
    }

    @Test
    void shouldCarryTheWorkspacesOperatingSystem() throws Exception {
        assertThat(roundTrip(OperatingSystem.WINDOWS)).isSameAs(OperatingSystem.WINDOWS);
        assertThat(roundTrip(new LocalWorkspace(root).operatingSystem())).isSameAs(OperatingSystem.current());
    }

    @Test
    void shouldCarryWhatAnOperationThrowsWithItsMessageAndParameter() throws Exception {
        // given: what an agent's side throws comes back to the controller as it was
        InvalidRequestException refused = new InvalidRequestException(WorkspacePaths.PATH, "path '../x' leaves the "
                + "workspace; accepted: a path relative to the workspace root", null);
        WorkspaceException failed = new WorkspaceException("could not write 'a.txt' in /ws: disk full",
                new java.io.IOException("No space left on device"));

        // when
        InvalidRequestException carriedRefusal = roundTrip(refused);
        WorkspaceException carriedFailure = roundTrip(failed);

        // then
        assertThat(carriedRefusal).hasMessage(refused.getMessage());
        assertThat(carriedRefusal.parameter()).contains("path");
        assertThat(carriedFailure).hasMessage(failed.getMessage()).hasCauseInstanceOf(java.io.IOException.class);
    }

    @Test
    void shouldCarryFoundFilesAndRestoreResults() throws Exception {
        // given
        WorkspaceFile file = new WorkspaceFile("bin/run.sh", 42, Instant.parse("2026-12-04T10:15:30Z"), false, true,
                true);
        RestoreResult restore = new RestoreResult(List.of(new FileChange("src/A.java", FileChange.Kind.MODIFIED)),
                List.of(new RestoreResult.Failure("src/B.java", "permission denied")));

        // then
        assertThat(roundTrip(file)).isEqualTo(file);
        assertThat(roundTrip(restore)).isEqualTo(restore);
    }

    @Test
    void shouldCarryAStateRequestAndTheStateRecordedForIt() throws Exception {
        // given
        Files.createDirectories(root.resolve("src"));
        Files.writeString(root.resolve("src/A.java"), "class A {}\n");
        StateRequest request = StateRequest.builder().writable(List.of("src/**")).readOnly(List.of("src/test/**"))
                .hidden(List.of(".env")).store(store.resolve("states").toString()).maxFiles(1_000).build();
        LocalWorkspace workspace = new LocalWorkspace(root);
        WorkspaceState state = workspace.recordState(request);

        // when: the request is used where it arrives, and the state comes back
        StateRequest carriedRequest = roundTrip(request);
        WorkspaceState carriedState = roundTrip(state);
        WorkspaceState recordedWithCarried = workspace.recordState(carriedRequest);

        // then
        assertThat(carriedRequest).hasToString(request.toString());
        assertThat(recordedWithCarried.entries()).isEqualTo(state.entries());
        assertThat(carriedState.toJson()).isEqualTo(state.toJson());
        assertThat(carriedState.entries()).containsOnlyKeys("src/A.java");
    }
    @Test
    void shouldCarryPathRulesThatMatchWhereTheyArriveAsWhereTheyWereMade() throws Exception {
        // given
        PathRules rules = PathRules.of(List.of("src/**"), List.of("src/gen/**"),
                List.of("**/.env", "**/node_modules/**"));

        // when
        PathRules carried = roundTrip(rules);

        // then
        assertThat(carried).isEqualTo(rules).hasToString(rules.toString());
        for (String path : List.of("src/A.java", "src/gen/B.java", "web/.env", "SRC/GEN/x", ".git/config")) {
            assertThat(carried.isWritable(path)).as(path).isEqualTo(rules.isWritable(path));
            assertThat(carried.isHidden(path)).as(path).isEqualTo(rules.isHidden(path));
            assertThat(carried.mayProtectBelow(path)).as(path).isEqualTo(rules.mayProtectBelow(path));
        }
        assertThat(carried.hidesEverythingBelow("web/node_modules")).isTrue();
    }

    @Test
    void shouldCarryAWalkWithItsSkipRuleAndTheFilesItFound() throws Exception {
        // given
        Files.createDirectories(root.resolve("src"));
        Files.writeString(root.resolve("src/A.java"), "class A {}\n");
        FindTask walk = new FindTask(List.of("src/**"), SkipRule.none());

        // when
        FindTask carried = roundTrip(walk);
        ArrayList<WorkspaceFile> found = carried.run(new LocalWorkspace(root));

        // then
        assertThat(carried).isEqualTo(walk);
        assertThat(roundTrip(found)).isEqualTo(found).extracting(WorkspaceFile::path).containsExactly("src/A.java");
    }

    @Test
    void shouldCarryATestReportWithItsFailuresFlakySkippedAndIdentities() throws Exception {
        // given
        Path report = Files.writeString(root.resolve("TEST-a.xml"), "<testsuite name=\"s\">"
                + "<testcase classname=\"c.A\" name=\"ok\" time=\"0.5\"/>"
                + "<testcase classname=\"c.A\" name=\"broken\"><failure message=\"expected 1\" type=\"AssertionError\">"
                + "at c.A.broken(A.java:3)</failure><system-out>out</system-out></testcase>"
                + "<testcase classname=\"c.A\" name=\"flaky\"><flakyFailure message=\"once\"/></testcase>"
                + "<testcase classname=\"c.A\" name=\"later\"><skipped message=\"not yet\"/></testcase>"
                + "</testsuite>");
        TestReport parsed = new ReportParser(TextLimits.DEFAULT, 1, true).parse(List.of(ReportInput.of(report,
                "TEST-a.xml")));

        // when
        TestReport carried = roundTrip(parsed);

        // then
        assertThat(carried).usingRecursiveComparison().withComparatorForType(Double::compare, Double.class)
                .isEqualTo(parsed);
        assertThat(carried.failures()).singleElement().satisfies(failure -> assertThat(failure.problems().get(0)
                .message()).isEqualTo("expected 1"));
        assertThat(carried.flaky()).hasSize(1);
        assertThat(carried.skipped()).hasSize(1);
        assertThat(carried.identities().executed(new TestId("c.A", "ok"))).isTrue();
        assertThat(carried.identities().executedCount()).isEqualTo(parsed.identities().executedCount());
    }

    @Test
    void shouldCarryASearchResultAndSnapshotLimits() throws Exception {
        // given
        SearchResult result = new SearchResult(List.of(new SearchMatch("src/A.java", 3, "// TODO fix")), true, 12, 1);
        WorkspaceSnapshot.Limits limits = new WorkspaceSnapshot.Limits(1_000, 4_096, 1 << 20, 1 << 16);

        // then
        assertThat(roundTrip(result)).isEqualTo(result);
        assertThat(roundTrip(limits)).isEqualTo(limits);
    }

    @Test
    void shouldCarryEveryTaskTheEngineSendsWithItsRealData() throws Exception {
        // given: git rules, a policy with hidden and read-only globs, an earlier snapshot, reports
        Files.createDirectories(root.resolve("src"));
        Files.writeString(root.resolve(".gitignore"), "build/\n");
        Files.writeString(root.resolve("src/A.java"), "class A { /* TODO */ }\n");
        Files.createDirectories(root.resolve("out"));
        Files.writeString(root.resolve("out/TEST-a.xml"), "<testsuite name=\"s\"><testcase classname=\"c\" "
                + "name=\"t\"><failure message=\"no\"/></testcase></testsuite>");
        SerializingWorkspace workspace = new SerializingWorkspace(new LocalWorkspace(root));
        WorkspacePolicy policy = WorkspacePolicy.builder().writable(List.of("src/**")).readOnly(List.of("out/**"))
                .hidden(List.of("**/.env")).allowedCommands(List.of("./build.sh")).build();
        Sandbox sandbox = new Sandbox(workspace, policy);

        // when: each runs through serialization there and back
        WorkspaceSnapshot first = WorkspaceSnapshot.builder(workspace).policy(policy).keepContent(policy.pathRules())
                .take();
        WorkspaceSnapshot.builder(workspace).policy(policy).reusing(first).refresh(List.of("src/A.java"));
        sandbox.search("TODO", null, 5);
        sandbox.listFiles("src/**");
        new Validator().validate(ValidationRequest.builder().reports("out/*.xml").build(), workspace, new EngineLog());

        // then
        assertThat(workspace.tasks()).extracting(Class::getName).containsExactly(
                "io.jenkins.plugins.aiworkflow.engine.sandbox.WorkspaceSnapshot$ScanTask",
                "io.jenkins.plugins.aiworkflow.engine.sandbox.WorkspaceSnapshot$ScanTask",
                "io.jenkins.plugins.aiworkflow.engine.sandbox.VisibleWorkspace$HidingTask",
                "io.jenkins.plugins.aiworkflow.engine.sandbox.VisibleWorkspace$VisibleFind",
                "io.jenkins.plugins.aiworkflow.engine.validate.Validator$ReadReports");
        assertThat(workspace.sent("io.jenkins.plugins.aiworkflow.engine.sandbox.Sandbox$SearchTask")).isTrue();
    }
}
