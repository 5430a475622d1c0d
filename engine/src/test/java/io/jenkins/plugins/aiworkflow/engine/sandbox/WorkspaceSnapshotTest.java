package io.jenkins.plugins.aiworkflow.engine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.aiworkflow.engine.workspace.FileChange;
import io.jenkins.plugins.aiworkflow.engine.workspace.ForwardingWorkspace;
import io.jenkins.plugins.aiworkflow.engine.workspace.LocalWorkspace;
import io.jenkins.plugins.aiworkflow.engine.workspace.PathRules;
import io.jenkins.plugins.aiworkflow.engine.workspace.SkipRule;
import io.jenkins.plugins.aiworkflow.engine.workspace.Workspace;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceFile;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceTask;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots tell what changed between two moments, leave out what git ignores, and stay within their limits. */
class WorkspaceSnapshotTest {
    /** Keeps the content of every file. */
    private static final PathRules EVERYTHING = PathRules.of(List.of("**"), List.of(), List.of());

    private static final Instant AN_HOUR_AGO = Instant.now().minus(1, ChronoUnit.HOURS);

    @TempDir
    Path root;

    private Path write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        // settled: older than the racy window, as files in a checkout are
        Files.setLastModifiedTime(file, FileTime.from(AN_HOUR_AGO));
        return file;
    }

    private WorkspaceSnapshot take() {
        return WorkspaceSnapshot.take(new LocalWorkspace(root));
    }

    @Test
    void shouldFindCreatedModifiedAndDeletedFiles() throws IOException {
        // given
        write("src/A.java", "class A {}\n");
        write("src/B.java", "class B {}\n");
        WorkspaceSnapshot before = take();
        Files.writeString(root.resolve("src/A.java"), "class A { int x; }\n");
        Files.delete(root.resolve("src/B.java"));
        Files.writeString(root.resolve("src/C.java"), "class C {}\n");

        // when
        List<FileChange> changes = take().changesSince(before);

        // then
        assertThat(changes).containsExactly(new FileChange("src/A.java", FileChange.Kind.MODIFIED),
                new FileChange("src/B.java", FileChange.Kind.DELETED),
                new FileChange("src/C.java", FileChange.Kind.CREATED));
    }

    @Test
    void shouldNotTakeAFileRewrittenWithTheSameContentForAChange() throws IOException {
        // given: a formatter that finds nothing to do still rewrites the file
        write("src/A.java", "class A {}\n");
        WorkspaceSnapshot before = take();
        Files.writeString(root.resolve("src/A.java"), "class A {}\n");

        // when / then
        assertThat(take().changesSince(before)).isEmpty();
    }

    @Test
    void shouldSeeAChangeOfTheSameSizeAndTimeByItsHash() throws IOException {
        // given: same length, modification time put back as it was
        Path file = write("src/A.java", "int x = 1;\n");
        WorkspaceSnapshot before = take();
        Files.writeString(file, "int x = 2;\n");
        Files.setLastModifiedTime(file, FileTime.from(AN_HOUR_AGO));

        // when / then: both snapshots read and hashed it
        assertThat(take().changesSince(before)).containsExactly(
                new FileChange("src/A.java", FileChange.Kind.MODIFIED));
    }

    @Test
    void shouldSeeAFileMadeExecutableOrNotAsModifiedAlsoWhenReusingHashes() throws IOException {
        // given: chmod changes neither content nor modification time
        Path script = write("run.sh", "echo run\n");
        Path tool = write("tool.sh", "echo tool\n");
        Files.setPosixFilePermissions(tool, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        WorkspaceSnapshot before = take();
        Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr--r--"));
        Files.setPosixFilePermissions(tool, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));

        // when
        WorkspaceSnapshot after = WorkspaceSnapshot.builder(new LocalWorkspace(root)).reusing(before).take();

        // then
        assertThat(after.changesSince(before)).containsExactly(new FileChange("run.sh", FileChange.Kind.MODIFIED),
                new FileChange("tool.sh", FileChange.Kind.MODIFIED));
        assertThat(after.entry("run.sh")).hasValueSatisfying(entry -> assertThat(entry.executable()).isTrue());
    }

    @Test
    void shouldLeaveOutWhatGitIgnoresWithoutWalkingIgnoredDirectories() throws IOException {
        // given
        write(".gitignore", "# build output\ntarget/\n*.log\n!keep.log\n/build\ndocs/**/*.tmp\n");
        write("src/A.java", "a");
        write("target/classes/A.class", "x");
        write("app.log", "x");
        write("keep.log", "x");
        write("build/out.txt", "x");
        write("sub/build/out.txt", "x");
        write("docs/a/b/c.tmp", "x");
        write("docs/c.tmp", "x");
        write("docs/c.txt", "x");
        write("web/.gitignore", "dist\n!/dist/keep.txt\n");
        write("web/dist/bundle.js", "x");
        write("web/dist/keep.txt", "x");
        List<String> walked = new ArrayList<>();

        // when
        WorkspaceSnapshot snapshot = WorkspaceSnapshot.builder(watching(walked, path -> { })).take();

        // then: a re-included file below an ignored directory stays ignored, as in git; a/**/b matches a/b
        assertThat(snapshot.entries().keySet()).containsExactly(".gitignore", "docs/c.txt", "keep.log",
                "src/A.java", "sub/build/out.txt", "web/.gitignore");
        assertThat(walked).contains("target", "web/dist").doesNotContain("target/classes");
    }

    @Test
    void shouldCoverProtectedFilesEvenWhereGitIgnoresThem() throws IOException {
        // given
        write(".gitignore", ".env\nsecrets/\n");
        write(".env", "TOKEN=x");
        write("secrets/prod.key", "k");
        write("secrets/other.txt", "o");
        WorkspacePolicy policy = WorkspacePolicy.builder().hidden(List.of("**/.env"))
                .readOnly(List.of("secrets/*.key")).build();

        // when
        WorkspaceSnapshot snapshot = WorkspaceSnapshot.builder(new LocalWorkspace(root)).policy(policy).take();

        // then
        assertThat(snapshot.entries().keySet()).containsExactly(".env", ".gitignore", "secrets/prod.key");
    }

    @Test
    void shouldReuseHashesAndContentOfUnchangedFilesInsteadOfReadingThemAgain() throws IOException {
        // given
        write("src/A.java", "class A {}\n");
        write("src/B.java", "class B {}\n");
        List<String> reads = new ArrayList<>();
        Workspace counting = watching(new ArrayList<>(), reads::add);
        WorkspaceSnapshot first = WorkspaceSnapshot.builder(counting).keepContent(EVERYTHING).take();
        write("src/B.java", "class B { int changed; }\n");
        reads.clear();

        // when
        WorkspaceSnapshot second = WorkspaceSnapshot.builder(counting).keepContent(EVERYTHING).reusing(first)
                .take();

        // then: only the changed file was read
        assertThat(reads).containsExactly("src/B.java");
        assertThat(second.entry("src/A.java")).get().extracting(WorkspaceSnapshot.Entry::kept).isEqualTo(true);
        assertThat(second.changesSince(first)).containsExactly(
                new FileChange("src/B.java", FileChange.Kind.MODIFIED));
    }

    @Test
    void shouldRefreshOnlyTheGivenPathsOfAnEarlierSnapshot() throws IOException {
        // given
        write(".gitignore", "*.log\n");
        write("a.txt", "a");
        write("b.txt", "b");
        LocalWorkspace workspace = new LocalWorkspace(root);
        WorkspaceSnapshot first = WorkspaceSnapshot.builder(workspace).take();
        write("a.txt", "changed");
        write("b.txt", "changed, but not said");
        write("new.txt", "n");
        write("debug.log", "ignored");

        // when
        WorkspaceSnapshot refreshed = WorkspaceSnapshot.builder(workspace).reusing(first)
                .refresh(List.of("a.txt", "new.txt", "debug.log", "gone.txt"));

        // then: what the caller named is looked at, as a full snapshot would (git-ignored files stay out)
        assertThat(refreshed.changesSince(first)).containsExactly(
                new FileChange("a.txt", FileChange.Kind.MODIFIED), new FileChange("new.txt", FileChange.Kind.CREATED));
        assertThat(take().changesSince(refreshed)).containsExactly(
                new FileChange("b.txt", FileChange.Kind.MODIFIED));
    }

    @Test
    void shouldReadAgainAFileModifiedJustBeforeTheEarlierSnapshot() throws IOException {
        // given: modified "now", within the racy window, so its time cannot vouch for its content
        Files.createDirectories(root.resolve("src"));
        Files.writeString(root.resolve("src/A.java"), "class A {}\n");
        List<String> reads = new ArrayList<>();
        Workspace counting = watching(new ArrayList<>(), reads::add);
        WorkspaceSnapshot first = WorkspaceSnapshot.builder(counting).take();
        reads.clear();

        // when
        WorkspaceSnapshot.builder(counting).reusing(first).take();

        // then
        assertThat(reads).containsExactly("src/A.java");
    }

    @Test
    void shouldKeepContentOnlyWhereAskedAndWithinTheLimitSayingWhatWasNotKept() throws IOException {
        // given
        write("src/A.java", "a".repeat(100));
        write("src/B.java", "b".repeat(100));
        write("README.md", "r");

        // when
        WorkspaceSnapshot snapshot = WorkspaceSnapshot.builder(new LocalWorkspace(root))
                .limits(new WorkspaceSnapshot.Limits(1000, 1000, 10_000, 150))
                .keepContent(PathRules.of(List.of("src/**"), List.of(), List.of())).take();

        // then
        assertThat(snapshot.entry("src/A.java").orElseThrow().content()).hasValueSatisfying(bytes ->
                assertThat(bytes).hasSize(100));
        assertThat(snapshot.entry("src/B.java").orElseThrow().kept()).isFalse();
        assertThat(snapshot.entry("README.md").orElseThrow().kept()).isFalse();
        assertThat(snapshot.entry("src/B.java").orElseThrow().sha256()).isPresent();
        assertThat(snapshot.notes()).singleElement().asString().contains("content of 1 file(s) was not kept");
    }

    @Test
    void shouldCompareOnlyWhatBothSnapshotsCoverWhenCutByMaxFiles() throws IOException {
        // given
        write("a.txt", "a");
        write("b.txt", "b");
        write("c.txt", "c");
        WorkspaceSnapshot.Limits twoFiles = new WorkspaceSnapshot.Limits(2, 1000, 10_000, 0);
        WorkspaceSnapshot before = WorkspaceSnapshot.builder(new LocalWorkspace(root)).limits(twoFiles).take();
        Files.writeString(root.resolve("a.txt"), "changed");
        Files.delete(root.resolve("c.txt"));

        // when
        WorkspaceSnapshot after = WorkspaceSnapshot.builder(new LocalWorkspace(root)).limits(twoFiles).take();

        // then: c.txt lies beyond what was covered, so its deletion is not claimed (nor denied)
        assertThat(before.complete()).isFalse();
        assertThat(after.changesSince(before)).containsExactly(new FileChange("a.txt", FileChange.Kind.MODIFIED));
        assertThat(before.notes()).singleElement().asString().contains("more than 2 files", "only the first 2 in path order").doesNotContain("b.txt");
    }

    @Test
    void shouldCompareBySizeAndTimeWhatItMayNotReadSayingSo() throws IOException {
        // given: a read limit smaller than the files
        Path file = write("a.txt", "12345");
        WorkspaceSnapshot.Limits noReading = new WorkspaceSnapshot.Limits(100, 1000, 0, 0);
        WorkspaceSnapshot before = WorkspaceSnapshot.builder(new LocalWorkspace(root)).limits(noReading).take();
        Files.writeString(file, "54321");

        // when
        WorkspaceSnapshot after = WorkspaceSnapshot.builder(new LocalWorkspace(root)).limits(noReading).take();

        // then
        assertThat(after.changesSince(before)).containsExactly(new FileChange("a.txt", FileChange.Kind.MODIFIED));
        assertThat(after.notes()).singleElement().asString().contains("compared by size and modification time only");
    }

    /** The local workspace, recording the directories its walk asks about and every file it opens. */
    private Workspace watching(List<String> walked, Consumer<String> reads) {
        LocalWorkspace local = new LocalWorkspace(root);
        return new ForwardingWorkspace(local) {
            @Override
            public List<WorkspaceFile> find(List<String> includes, SkipRule skip) {
                return local.find(includes, (dir, workspace) -> {
                    walked.add(dir);
                    return skip.skips(dir, workspace);
                });
            }

            @Override
            public <T extends java.io.Serializable> T call(WorkspaceTask<T> task) {
                return task.run(this); // as a local workspace does, so that the task's walk and reads are watched
            }

            @Override
            public InputStream openRead(String path) throws IOException {
                if (!path.endsWith(".gitignore")) {
                    reads.accept(path);
                }
                return local.openRead(path);
            }
        };
    }
}
