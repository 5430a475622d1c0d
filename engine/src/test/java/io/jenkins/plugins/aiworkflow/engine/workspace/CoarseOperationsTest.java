package io.jenkins.plugins.aiworkflow.engine.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.aiworkflow.engine.log.EngineLog;
import io.jenkins.plugins.aiworkflow.engine.report.TestReport;
import io.jenkins.plugins.aiworkflow.engine.sandbox.CommandRun;
import io.jenkins.plugins.aiworkflow.engine.sandbox.Sandbox;
import io.jenkins.plugins.aiworkflow.engine.sandbox.SearchMatch;
import io.jenkins.plugins.aiworkflow.engine.sandbox.SearchResult;
import io.jenkins.plugins.aiworkflow.engine.sandbox.WorkspacePolicy;
import io.jenkins.plugins.aiworkflow.engine.sandbox.WorkspaceSnapshot;
import io.jenkins.plugins.aiworkflow.engine.validate.ValidationRequest;
import io.jenkins.plugins.aiworkflow.engine.validate.ValidationResult;
import io.jenkins.plugins.aiworkflow.engine.validate.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's operations over many files cost one call of the port, not one per file: on a build agent each call
 * is a round trip. {@link SerializingWorkspace} carries the tasks as the plugin will and counts every call; a
 * snapshot, a search, a listing of the agent's files and a validation of many reports must not open or stat a
 * single file through the port.
 */
class CoarseOperationsTest {
    private static final String SECRET = "sk-coarse-0123456789abcdef";

    @TempDir
    Path root;

    private Path write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private SerializingWorkspace workspace() {
        return new SerializingWorkspace(new LocalWorkspace(root));
    }

    private void manyFiles() throws IOException {
        write(".gitignore", "node_modules/\n");
        for (int i = 0; i < 60; i++) {
            write("src/p" + (i % 6) + "/File" + i + ".java", "class File" + i + " { /* TODO " + i + " */ }\n");
            write("node_modules/lib" + i + "/index.js", "ignored");
        }
    }

    @Test
    void shouldTakeRefreshAndRetakeASnapshotOfManyFilesInOneCallEach() throws IOException {
        // given
        manyFiles();
        SerializingWorkspace workspace = workspace();
        WorkspacePolicy policy = WorkspacePolicy.defaults();

        // when
        WorkspaceSnapshot first = WorkspaceSnapshot.builder(workspace).policy(policy).keepContent(policy.pathRules())
                .take();
        Map<String, Integer> taking = workspace.calls();
        workspace.reset();
        List<String> edited = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            edited.add("src/p" + (i % 6) + "/File" + i + ".java");
            write(edited.get(i), "class Edited" + i + " {}\n");
        }
        WorkspaceSnapshot refreshed = WorkspaceSnapshot.builder(workspace).policy(policy)
                .keepContent(policy.pathRules()).reusing(first).refresh(edited);
        Map<String, Integer> refreshing = workspace.calls();
        workspace.reset();
        WorkspaceSnapshot again = WorkspaceSnapshot.builder(workspace).policy(policy).keepContent(policy.pathRules())
                .reusing(refreshed).take();

        // then: one call each, no file opened or looked at through the port
        assertThat(taking).isEqualTo(Map.of("call", 1));
        assertThat(refreshing).isEqualTo(Map.of("call", 1));
        assertThat(workspace.calls()).isEqualTo(Map.of("call", 1));
        assertThat(first.entries()).hasSize(61);
        assertThat(refreshed.changesSince(first)).hasSize(10);
        assertThat(again.changesSince(refreshed)).isEmpty();
        assertThat(again.entry("src/p0/File0.java")).get().extracting(WorkspaceSnapshot.Entry::kept).isEqualTo(true);
    }

    @Test
    void shouldCountOneReadPerFileWhereTheTasksRunOnTheCallersSide() throws IOException {
        // given: the same carried workspace, but every task run here, reaching the files through the port one by one,
        // as an implementation without call() would
        manyFiles();
        SerializingWorkspace workspace = workspace();
        Workspace fileByFile = new ForwardingWorkspace(workspace) {
            @Override
            public <T extends java.io.Serializable> T call(WorkspaceTask<T> task) {
                return task.run(this);
            }
        };

        // when
        WorkspaceSnapshot.builder(fileByFile).take();

        // then: what one call saves, and what the counting above would see
        assertThat(workspace.calls("call")).isZero();
        assertThat(workspace.calls("openRead")).isGreaterThanOrEqualTo(61);
    }

    @Test
    void shouldSearchAndListTheAgentsFilesInOneCallEach() throws IOException {
        // given: a hidden file and links among the files
        manyFiles();
        write(".env", "TODO=x\n");
        Files.createSymbolicLink(root.resolve("src/env.txt"), root.resolve(".env"));
        Files.createSymbolicLink(root.resolve("src/alias.java"), root.resolve("src/p0/File0.java"));
        SerializingWorkspace workspace = workspace();
        Sandbox sandbox = new Sandbox(workspace, WorkspacePolicy.builder().hidden(List.of(".env")).build());

        // when
        SearchResult found = sandbox.search("TODO \\d+", "**", 1_000);
        Map<String, Integer> searching = workspace.calls();
        workspace.reset();
        List<WorkspaceFile> listed = sandbox.listFiles("**");

        // then
        assertThat(searching).isEqualTo(Map.of("call", 1));
        assertThat(workspace.calls()).isEqualTo(Map.of("call", 1));
        assertThat(found.matches()).hasSize(61).extracting(SearchMatch::path).doesNotContain("src/env.txt");
        assertThat(listed).extracting(WorkspaceFile::path).contains("src/alias.java").doesNotContain("src/env.txt",
                ".env");
    }

    @Test
    void shouldCompareAroundAnAgentsCommandInOneCallBeforeAndOneAfter() throws IOException {
        // given
        manyFiles();
        SerializingWorkspace workspace = workspace();
        Sandbox sandbox = new Sandbox(workspace, WorkspacePolicy.builder().allowedCommands(List.of("touch")).build());

        // when
        CommandRun run = sandbox.runTrackedCommand("touch src/made.txt", line -> { });

        // then
        assertThat(run.changes().tracked()).containsExactly(new FileChange("src/made.txt", FileChange.Kind.CREATED));
        assertThat(workspace.calls()).isEqualTo(Map.of("call", 2, "run", 1));
    }

    @Test
    void shouldListAndDiffTheAgentsChangesInOneCallEach() throws IOException {
        // given: ten files the agent changed, one it created, one it deleted
        manyFiles();
        SerializingWorkspace workspace = workspace();
        Sandbox sandbox = new Sandbox(workspace, WorkspacePolicy.builder().build());
        for (int i = 0; i < 10; i++) {
            sandbox.editText("src/p" + (i % 6) + "/File" + i + ".java", "TODO", "DONE");
        }
        sandbox.writeText("src/New.java", "class New {}\n");
        sandbox.delete("src/p5/File11.java");
        workspace.reset();

        // when
        List<FileChange> changes = sandbox.changedFiles();
        Map<String, Integer> listing = workspace.calls();
        workspace.reset();
        String diff = sandbox.diff();

        // then
        assertThat(listing).isEqualTo(Map.of("call", 1));
        assertThat(workspace.calls()).isEqualTo(Map.of("call", 1));
        assertThat(changes).hasSize(12).contains(new FileChange("src/New.java", FileChange.Kind.CREATED),
                new FileChange("src/p5/File11.java", FileChange.Kind.DELETED));
        assertThat(diff).contains("+class New {}", "deleted file mode", "+class File0 { /* DONE 0 */ }");
    }

    @Test
    void shouldValidateManyReportsInOneCall() throws IOException {
        // given
        for (int i = 0; i < 40; i++) {
            write("target/surefire-reports/TEST-" + i + ".xml", "<testsuite name=\"s" + i + "\"><testcase classname=\"c"
                    + i + "\" name=\"ok\"/><testcase classname=\"c" + i + "\" name=\"broken\"><failure message=\"no\"/>"
                    + "</testcase></testsuite>");
        }
        SerializingWorkspace workspace = workspace();

        // when
        ValidationResult result = new Validator().validate(ValidationRequest.builder()
                .reports("target/surefire-reports/*.xml").build(), workspace, new EngineLog());

        // then: one listing, one parse
        assertThat(workspace.calls()).isEqualTo(Map.of("call", 1, "find", 1));
        assertThat(result.report().counts().tests()).isEqualTo(80);
        assertThat(result.report().files()).hasSize(40);
    }

    @Test
    void shouldNeverSendARegisteredSecretWithATaskAndMaskWhatComesBack() throws IOException {
        // given: the secret in a searched file and in a report's failure
        write("src/Config.java", "String key = \"" + SECRET + "\";\n");
        write("out/TEST-a.xml", "<testsuite name=\"s\"><testcase classname=\"c\" name=\"t\"><failure message=\"key "
                + SECRET + " refused\">at c</failure></testcase></testsuite>");
        EnvironmentPolicy secrets = EnvironmentPolicy.builder().secretValue(SECRET).build();
        SerializingWorkspace workspace = workspace();
        Sandbox sandbox = new Sandbox(workspace, WorkspacePolicy.builder().environment(secrets)
                .allowedCommands(List.of("true")).build());

        // when
        SearchResult found = sandbox.search("key", "src/**", 10);
        sandbox.runTrackedCommand("true", line -> { });
        TestReport report = new Validator().validate(ValidationRequest.builder().reports("out/*.xml").build()
                .withEnvironmentPolicy(secrets), workspace, new EngineLog()).report();

        // then
        assertThat(workspace.tasks()).isNotEmpty();
        assertThat(workspace.sent(SECRET)).isFalse();
        assertThat(found.matches()).singleElement().extracting(SearchMatch::text)
                .isEqualTo("String key = \"****\";");
        assertThat(report.failures()).singleElement().satisfies(failure -> assertThat(failure.problems().get(0)
                .message()).isEqualTo("key **** refused"));
    }
}
