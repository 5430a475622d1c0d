package io.jenkins.plugins.aiworkflow.engine.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalWorkspaceTest {
    @TempDir
    Path root;

    @TempDir
    Path outside;

    private Path write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    @Test
    void shouldFindFilesByAntStylePatternsSortedByPath() throws IOException {
        // given
        write("b/target/surefire-reports/TEST-b.xml", "b");
        write("a/target/surefire-reports/TEST-a.xml", "a");
        write("a/target/surefire-reports/other.txt", "x");
        write("target/failsafe-reports/TEST-it.xml", "it");
        write(".git/target/surefire-reports/TEST-git.xml", "never");
        LocalWorkspace workspace = new LocalWorkspace(root);

        // when
        List<WorkspaceFile> files = workspace.find(List.of("**/target/surefire-reports/TEST-*.xml",
                "target/failsafe-reports/"));

        // then
        assertThat(files).extracting(WorkspaceFile::path).containsExactly(
                "a/target/surefire-reports/TEST-a.xml", "b/target/surefire-reports/TEST-b.xml",
                "target/failsafe-reports/TEST-it.xml");
        assertThat(files.get(0).size()).isEqualTo(1);
    }

    @Test
    void shouldNotEnterDirectoriesThatTheCallerSkips() throws IOException {
        // given
        write("src/A.java", "a");
        write("node_modules/lib/index.js", "x");
        write("web/node_modules/lib/index.js", "x");
        LocalWorkspace workspace = new LocalWorkspace(root);
        List<String> asked = new ArrayList<>();

        // when
        List<WorkspaceFile> files = workspace.find(List.of("**"), dir -> {
            asked.add(dir);
            return dir.endsWith("node_modules");
        });

        // then: nothing below a skipped directory was even looked at
        assertThat(files).extracting(WorkspaceFile::path).containsExactly("src/A.java");
        assertThat(asked).contains("node_modules", "web/node_modules").doesNotContain("node_modules/lib",
                "web/node_modules/lib");
    }

    @Test
    void shouldSkipDirectoriesByFilteringWhenAnImplementationDoesNotWalkItself() throws IOException {
        // given: a workspace that only implements the plain find, as a port implementation may
        write("src/A.java", "a");
        write("build/gen/B.java", "b");
        LocalWorkspace local = new LocalWorkspace(root);
        Workspace plain = new ForwardingWorkspace(local);

        // when
        List<WorkspaceFile> files = plain.find(List.of("**"), dir -> dir.equals("build"));

        // then
        assertThat(files).extracting(WorkspaceFile::path).containsExactly("src/A.java");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x.xml", "a/../../x.xml", "/etc/passwd", "C:\\Windows\\x.xml", "c:x.xml",
        "\\\\server\\share\\x.xml", "//server/share/x.xml", "~/x.xml", "a\u0000b"})
    void shouldRefusePathsThatLeaveTheWorkspace(String path) {
        // given
        LocalWorkspace workspace = new LocalWorkspace(root);

        // then
        assertThatThrownBy(() -> workspace.openRead(path)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("accepted: a path relative to the workspace root")
                .satisfies(e -> assertThat(((InvalidRequestException) e).parameter()).contains("path"));
        assertThatThrownBy(() -> workspace.find(List.of(path))).isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).parameter()).contains("glob"));
    }

    @Test
    void shouldNormalizeHarmlessRelativePaths() {
        assertThat(WorkspacePaths.normalize("a/./b//c/../d.xml")).isEqualTo("a/b/d.xml");
        assertThat(WorkspacePaths.normalize("a\\b.xml")).isEqualTo("a/b.xml");
        assertThat(WorkspacePaths.normalizeGlob("reports/")).isEqualTo("reports/**");
    }

    @Test
    void shouldRefuseToReadThroughASymbolicLinkThatLeadsOutside() throws IOException {
        // given
        Files.writeString(outside.resolve("secret.xml"), "<secret/>");
        Files.createSymbolicLink(root.resolve("link.xml"), outside.resolve("secret.xml"));
        Files.createSymbolicLink(root.resolve("dir"), outside);
        LocalWorkspace workspace = new LocalWorkspace(root);

        // then
        assertThatThrownBy(() -> workspace.openRead("link.xml")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("leads outside the workspace through a symbolic link");
        assertThatThrownBy(() -> workspace.openRead("dir/secret.xml")).isInstanceOf(InvalidRequestException.class);
        assertThat(workspace.find(List.of("**/*.xml"))).isEmpty();
    }

    @Test
    void shouldFollowASymbolicLinkThatStaysInside() throws IOException {
        // given
        write("real/TEST-a.xml", "inside");
        Files.createSymbolicLink(root.resolve("TEST-link.xml"), root.resolve("real/TEST-a.xml"));
        LocalWorkspace workspace = new LocalWorkspace(root);

        // when
        List<WorkspaceFile> files = workspace.find(List.of("*.xml"));

        // then
        assertThat(files).extracting(WorkspaceFile::path).containsExactly("TEST-link.xml");
        try (InputStream in = workspace.openRead("TEST-link.xml")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("inside");
        }
    }

    @Test
    void shouldRunACommandInTheRootWithTheGivenEnvironmentAndStreamItsOutput() {
        // given
        LocalWorkspace workspace = new LocalWorkspace(root);
        List<String> lines = new ArrayList<>();

        // when
        CommandResult result = workspace.run(new CommandRequest("echo \"$GREETING\"; pwd; echo oops >&2; exit 3",
                Map.of("GREETING", "hello"), Duration.ofMinutes(1), 10_000), lines::add);

        // then
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.timedOut()).isFalse();
        assertThat(lines).containsExactly("hello", root.toAbsolutePath().toString(), "oops");
        assertThat(result.output()).isEqualTo("hello\n" + root.toAbsolutePath() + "\noops\n");
    }

    @Test
    void shouldKillTheWholeProcessTreeAtTheTimeout() throws IOException {
        // given: a command that starts a grandchild and tells us its pid
        LocalWorkspace workspace = new LocalWorkspace(root);
        String command = "(sleep 60; echo late > late.txt) & echo $! > child.tmp && mv child.tmp child.pid; sleep 60";

        // when
        CommandResult result = workspace.run(new CommandRequest(command, Map.of(), Duration.ofSeconds(2), 1_000),
                line -> { });

        // then
        assertThat(result.timedOut()).isTrue();
        assertThat(result.exitCode()).isNotZero();
        long child = Long.parseLong(Files.readString(root.resolve("child.pid")).strip());
        assertThat(LiveProcesses.isRunning(child)).isFalse();
    }

    @Test
    void shouldKeepHeadAndTailOfLongCommandOutput() {
        // given
        LocalWorkspace workspace = new LocalWorkspace(root);

        // when
        CommandResult result = workspace.run(new CommandRequest("for i in $(seq 1 2000); do echo line$i; done",
                Map.of(), Duration.ofMinutes(1), 100), line -> { });

        // then
        assertThat(result.output()).startsWith("line1\nline2\n").endsWith("line2000\n").contains("chars truncated");
    }
}
