package io.jenkins.plugins.aiworkflow.engine.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

    @SuppressWarnings("unchecked")
    private static <T extends Serializable> T roundTrip(T value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    void shouldCarryCommandRequestsAndResults() throws Exception {
        // given
        CommandRequest request = new CommandRequest("mvn -B test", Map.of("MAVEN_OPTS", "-Xmx1g"),
                Duration.ofMinutes(30), 20_000, false);
        CommandResult result = new CommandResult("mvn -B test", 1, true, Instant.parse("2026-12-04T10:15:30Z"),
                Duration.ofMillis(1234), "BUILD FAILURE\n");

        // then
        assertThat(roundTrip(request)).isEqualTo(request);
        assertThat(roundTrip(result)).isEqualTo(result);
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
