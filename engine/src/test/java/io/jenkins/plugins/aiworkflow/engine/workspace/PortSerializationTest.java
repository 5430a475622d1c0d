package io.jenkins.plugins.aiworkflow.engine.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What crosses the {@link Workspace} port travels as Java serialization does between a Jenkins
 * controller and its build agents: each value comes back equal to what was sent.
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
}
