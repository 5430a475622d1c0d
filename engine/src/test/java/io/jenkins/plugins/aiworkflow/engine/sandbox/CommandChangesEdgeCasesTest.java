package io.jenkins.plugins.aiworkflow.engine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.aiworkflow.engine.workspace.FileChange;
import io.jenkins.plugins.aiworkflow.engine.workspace.ForwardingWorkspace;
import io.jenkins.plugins.aiworkflow.engine.workspace.LocalWorkspace;
import io.jenkins.plugins.aiworkflow.engine.workspace.SkipRule;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceException;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceFile;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What commands change, in the cases a review found wrong: links, directories turned into files,
 * .gitignore edited between commands, limits, and a comparison that fails. Real commands run.
 */
class CommandChangesEdgeCasesTest {
    @TempDir
    Path root;

    private void write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private Sandbox sandbox(WorkspacePolicy.Builder policy) {
        return new Sandbox(new LocalWorkspace(root), policy.build());
    }

    @Test
    void shouldNotNameAHiddenFileInTheFileLimitNote() throws IOException {
        // given: three files, the second hidden; the snapshot may cover two
        write("a.txt", "a\n");
        write("b.secret", "s\n");
        write("c.txt", "c\n");
        Sandbox sandbox = new Sandbox(new LocalWorkspace(root), WorkspacePolicy.builder()
                .hidden(List.of("**/*.secret")).allowedCommands(List.of("true")).build(),
                new WorkspaceSnapshot.Limits(2, 1024, 1024 * 1024, 1024 * 1024));

        // when
        CommandRun run = sandbox.runTrackedCommand("true", line -> { });

        // then: the note reaches the model, so it names no path
        assertThat(run.changes().notes()).singleElement().asString()
                .contains("more than 2 files").contains("only the first 2").doesNotContain("b.secret");
    }

    @Test
    void shouldNotReportFilesAsDeletedByACommandWhenOnlyGitignoreChanged() throws IOException {
        // given
        write("src/A.java", "a\n");
        write("docs/guide.md", "guide\n");
        write(".gitignore", "target/\n");
        Sandbox sandbox = sandbox(WorkspacePolicy.builder()
                .writable(List.of("src/**", ".gitignore")).allowedCommands(List.of("true")));
        sandbox.runCommand("true");
        sandbox.writeText(".gitignore", "target/\ndocs/\n"); // the agent now ignores docs/

        // when: a command that changes nothing
        CommandRun run = sandbox.runTrackedCommand("true", line -> { });

        // then
        assertThat(run.changes().isEmpty()).isTrue();
        assertThat(sandbox.changedFiles()).containsExactly(new FileChange(".gitignore", FileChange.Kind.MODIFIED));
    }

    @Test
    void shouldNotTakeFilesUnIgnoredByTheAgentForCreatedByTheNextCommand() throws IOException {
        // given: an old log that git ignores
        write("app.log", "old log line\n");
        write(".gitignore", "*.log\n");
        Sandbox sandbox = sandbox(WorkspacePolicy.builder().allowedCommands(List.of("true")));
        sandbox.runCommand("true");
        sandbox.writeText(".gitignore", "# nothing ignored\n");

        // when
        CommandRun run = sandbox.runTrackedCommand("true", line -> { });

        // then
        assertThat(run.changes().tracked()).isEmpty();
        assertThat(sandbox.changedFiles()).extracting(FileChange::path).containsExactly(".gitignore");
    }

    @Test
    void shouldNotPutAHiddenFilesContentIntoTheDiffWhenACommandReplacesALinkToIt() throws IOException {
        // given: a link to the hidden .env, replaced by a command (as mv or a write-and-rename tool does)
        write(".env", "DB_PASSWORD=hunter2\n");
        Files.createSymbolicLink(root.resolve("app.env"), Path.of(".env"));
        write("template.env", "DB_PASSWORD=\n");
        Sandbox sandbox = sandbox(WorkspacePolicy.builder()
                .hidden(List.of("**/.env")).allowedCommands(List.of("cp")));

        // when
        CommandRun run = sandbox.runTrackedCommand("cp --remove-destination template.env app.env", line -> { });

        // then: the change is tracked, its earlier content (the hidden file's) is not shown
        assertThat(run.changes().tracked()).containsExactly(new FileChange("app.env", FileChange.Kind.MODIFIED));
        assertThat(sandbox.diff()).doesNotContain("hunter2").contains("app.env").contains("symbolic link");
    }

    @Test
    void shouldNotShowAHiddenFilesContentWhenACommandMakesAWritableFileALinkToIt() throws IOException {
        // given
        write(".env", "DB_PASSWORD=hunter2\n");
        write("app.env", "DB_PASSWORD=\n");
        Sandbox sandbox = sandbox(WorkspacePolicy.builder()
                .hidden(List.of("**/.env")).allowedCommands(List.of("ln -sf")));

        // when
        CommandRun run = sandbox.runTrackedCommand("ln -sf .env app.env", line -> { });

        // then
        assertThat(run.changes().tracked()).containsExactly(new FileChange("app.env", FileChange.Kind.MODIFIED));
        assertThat(sandbox.changedFiles()).containsExactly(new FileChange("app.env", FileChange.Kind.MODIFIED));
        assertThat(sandbox.diff()).doesNotContain("hunter2").contains("now a symbolic link");
    }

    @Test
    void shouldSeeACommandReplaceAWritableFileByALinkWithTheSameContent() throws IOException {
        // given: the link's target holds the same bytes, so only the kind of file changes
        write("f.txt", "same\n");
        write("g.txt", "same\n");
        Sandbox sandbox = sandbox(WorkspacePolicy.builder().allowedCommands(List.of("ln -sf")));

        // when
        CommandRun run = sandbox.runTrackedCommand("ln -sf g.txt f.txt", line -> { });

        // then
        assertThat(run.changes().tracked()).containsExactly(new FileChange("f.txt", FileChange.Kind.MODIFIED));
        assertThat(sandbox.changedFiles()).containsExactly(new FileChange("f.txt", FileChange.Kind.MODIFIED));
    }

    @Test
    void shouldNotReportALinkWhenOnlyItsTargetChanged() throws IOException {
        // given
        write("real.txt", "one\n");
        Files.createSymbolicLink(root.resolve("alias.txt"), Path.of("real.txt"));
        write("two.txt", "two\n");
        Sandbox sandbox = sandbox(WorkspacePolicy.builder().allowedCommands(List.of("cp")));

        // when
        CommandRun run = sandbox.runTrackedCommand("cp two.txt real.txt", line -> { });

        // then: the target, under its own path, once
        assertThat(run.changes().tracked()).containsExactly(new FileChange("real.txt", FileChange.Kind.MODIFIED));
    }

    @Test
    void shouldCallAFileWhoseDirectoryACommandReplacedByAFileDeleted() throws IOException {
        // given
        write("d/x.txt", "x\n");
        write("y.txt", "y\n");
        Sandbox sandbox = sandbox(WorkspacePolicy.builder().allowedCommands(List.of("rm -r", "cp")));

        // when
        sandbox.runCommand("rm -r d");
        sandbox.runCommand("cp y.txt d");

        // then
        assertThat(sandbox.changedFiles()).containsExactly(new FileChange("d", FileChange.Kind.CREATED),
                new FileChange("d/x.txt", FileChange.Kind.DELETED));
        assertThat(new LocalWorkspace(root).stat("d/x.txt")).isNull();
    }

    @Test
    void shouldKeepACommandsResultAndBlameNoToolEditOnALaterCommandWhenAComparisonFails() throws IOException {
        // given: the walk after the second command fails, as an I/O error on a build agent would
        write("a.txt", "a\n");
        FlakyWorkspace flaky = new FlakyWorkspace(new LocalWorkspace(root));
        Sandbox sandbox = new Sandbox(flaky, WorkspacePolicy.builder()
                .allowedCommands(List.of("true", "cp")).build());
        sandbox.runCommand("true"); // walks 1 (before) and 2 (after)
        sandbox.writeText("a.txt", "edited by the tool\n");
        flaky.failAt = 3;

        // when
        CommandRun failed = sandbox.runTrackedCommand("cp a.txt b.txt", line -> { });
        CommandRun next = sandbox.runTrackedCommand("true", line -> { });

        // then: the command's result is kept and says what happened; the tool's edit is never a command's
        assertThat(failed.result().exitCode()).isZero();
        assertThat(failed.changes().notes()).singleElement().asString()
                .contains("could not be compared after the command").contains("after the next command");
        assertThat(next.changes().tracked()).containsExactly(new FileChange("b.txt", FileChange.Kind.CREATED));
        assertThat(sandbox.changedFiles()).containsExactly(new FileChange("a.txt", FileChange.Kind.MODIFIED),
                new FileChange("b.txt", FileChange.Kind.CREATED));
    }

    /** Fails its n-th walk. */
    private static final class FlakyWorkspace extends ForwardingWorkspace {
        private final LocalWorkspace local;
        private int walks;
        private int failAt = -1;

        FlakyWorkspace(LocalWorkspace local) {
            super(local);
            this.local = local;
        }

        @Override
        public List<WorkspaceFile> find(List<String> includes, SkipRule skip) {
            if (++walks == failAt) {
                throw new WorkspaceException("could not list files: I/O error");
            }
            return local.find(includes, skip);
        }

        /** Runs tasks here, as a local workspace does, so that their walks can fail. */
        @Override
        public <T extends java.io.Serializable> T call(WorkspaceTask<T> task) {
            return task.run(this);
        }
    }
}
