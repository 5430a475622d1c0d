package io.jenkins.plugins.aiworkflow.engine.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link Workspace} implementation must do, whatever carries its calls: finding, reading,
 * writing and deleting files relative to the root, never past it, and running commands there. An
 * implementation's test extends this class and says how to make one on a directory
 * ({@link #workspace(Path, Map)}); {@link LocalWorkspace}'s is {@code LocalWorkspaceTest}, and the
 * plugin's workspace on a build agent gets the same tests. The files are set up and checked directly
 * on disk, as the root is a local directory in a test. Recorded states have their own contract,
 * {@link WorkspaceStateContract}. Tests of POSIX permissions do not run on Windows.
 */
public abstract class WorkspaceContract {
    @TempDir
    protected Path root;

    @TempDir
    protected Path outside;

    /** The implementation under test on {@code root}; its commands inherit {@code environment}. */
    protected abstract Workspace workspace(Path root, Map<String, String> environment);

    /** The implementation under test on {@link #root}, its commands inheriting this process's environment. */
    protected Workspace workspace() {
        return workspace(root, System.getenv());
    }

    protected Path write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    protected static List<String> namesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void shouldFindFilesByAntStylePatternsSortedByPath() throws IOException {
        // given
        write("b/target/surefire-reports/TEST-b.xml", "b");
        write("a/target/surefire-reports/TEST-a.xml", "a");
        write("a/target/surefire-reports/other.txt", "x");
        write("target/failsafe-reports/TEST-it.xml", "it");
        write(".git/target/surefire-reports/TEST-git.xml", "never");
        Workspace workspace = workspace();

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
    void shouldNotListFilesBelowDirectoriesThatTheCallerSkips() throws IOException {
        // given
        write("src/A.java", "a");
        write("node_modules/lib/index.js", "x");
        write("web/node_modules/lib/index.js", "x");
        Workspace workspace = workspace();

        // when: the rule travels with the walk
        List<WorkspaceFile> files = workspace.find(List.of("**"), new SkipNamed("node_modules"));

        // then
        assertThat(files).extracting(WorkspaceFile::path).containsExactly("src/A.java");
    }

    @Test
    void shouldNotEnterDirectoriesThatTheCallerSkips() throws IOException {
        // given
        write("src/A.java", "a");
        write("node_modules/lib/index.js", "x");
        write("web/node_modules/lib/index.js", "x");
        Workspace workspace = workspace();

        // when: a walk where the files are, whose rule records what it was asked
        List<String> asked = workspace.call(new AskedDirectories("node_modules"));

        // then: nothing below a skipped directory was even looked at
        assertThat(asked).contains("node_modules", "web/node_modules").doesNotContain("node_modules/lib",
                "web/node_modules/lib");
    }

    /** Skips the directories of one name. */
    protected record SkipNamed(String name) implements SkipRule {
        @Override
        public boolean skips(String directory, Workspace workspace) {
            return directory.equals(name) || directory.endsWith("/" + name);
        }
    }

    /** The directories a walk with {@link SkipNamed} asks about, recorded where the walk runs. */
    private record AskedDirectories(String name) implements WorkspaceTask<ArrayList<String>> {
        @Override
        public ArrayList<String> run(Workspace local) {
            ArrayList<String> asked = new ArrayList<>();
            SkipNamed rule = new SkipNamed(name);
            local.find(List.of("**"), (directory, walked) -> {
                asked.add(directory);
                return rule.skips(directory, walked);
            });
            return asked;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x.xml", "a/../../x.xml", "/etc/passwd", "C:\\Windows\\x.xml", "c:x.xml",
        "\\\\server\\share\\x.xml", "//server/share/x.xml", "~/x.xml", "a\u0000b"})
    void shouldRefusePathsThatLeaveTheWorkspace(String path) {
        // given
        Workspace workspace = workspace();

        // then
        assertThatThrownBy(() -> workspace.openRead(path)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("accepted: a path relative to the workspace root")
                .satisfies(e -> assertThat(((InvalidRequestException) e).parameter()).contains("path"));
        assertThatThrownBy(() -> workspace.find(List.of(path))).isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).parameter()).contains("glob"));
    }

    @Test
    void shouldRefuseToReadThroughASymbolicLinkThatLeadsOutside() throws IOException {
        // given
        Files.writeString(outside.resolve("secret.xml"), "<secret/>");
        Files.createSymbolicLink(root.resolve("link.xml"), outside.resolve("secret.xml"));
        Files.createSymbolicLink(root.resolve("dir"), outside);
        Workspace workspace = workspace();

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
        Workspace workspace = workspace();

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
        Workspace workspace = workspace();
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
        Workspace workspace = workspace();
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
        Workspace workspace = workspace();

        // when
        CommandResult result = workspace.run(new CommandRequest("for i in $(seq 1 2000); do echo line$i; done",
                Map.of(), Duration.ofMinutes(1), 100), line -> { });

        // then
        assertThat(result.output()).startsWith("line1\nline2\n").endsWith("line2000\n").contains("chars truncated");
    }

    @Test
    void shouldStatFilesAndDirectories() throws IOException {
        // given
        write("src/Main.java", "class Main {}");
        Workspace workspace = workspace();

        // when
        Optional<WorkspaceFile> file = workspace.stat("src/./Main.java");
        Optional<WorkspaceFile> directory = workspace.stat("src");
        Optional<WorkspaceFile> missing = workspace.stat("src/Missing.java");

        // then
        assertThat(file).hasValueSatisfying(found -> {
            assertThat(found.path()).isEqualTo("src/Main.java");
            assertThat(found.size()).isEqualTo(13);
            assertThat(found.directory()).isFalse();
        });
        assertThat(directory).hasValueSatisfying(found -> assertThat(found.directory()).isTrue());
        assertThat(missing).isEmpty();
        assertThat(workspace.stat("")).hasValueSatisfying(found -> assertThat(found.directory()).isTrue());
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void shouldTellWhetherTheOwnerMayExecuteAFileInStatAndFind() throws IOException {
        // given: an executable script, a plain file, a link to the script, and a directory
        Path script = write("bin/run.sh", "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        write("bin/notes.txt", "x");
        Files.createSymbolicLink(root.resolve("run"), script);
        Workspace workspace = workspace();

        // when
        List<WorkspaceFile> found = workspace.find(List.of("**"));

        // then: as git's 100755 and 100644; a link is its target's, a directory never executable
        assertThat(found).extracting(WorkspaceFile::path, WorkspaceFile::executable).containsExactly(
                tuple("bin/notes.txt", false),
                tuple("bin/run.sh", true),
                tuple("run", true));
        assertThat(workspace.stat("bin/run.sh")).hasValueSatisfying(file -> assertThat(file.executable()).isTrue());
        assertThat(workspace.stat("bin/notes.txt")).hasValueSatisfying(file -> assertThat(file.executable()).isFalse());
        assertThat(workspace.stat("bin")).hasValueSatisfying(file -> assertThat(file.executable()).isFalse());
    }

    @Test
    void shouldWriteANewFileAndCreateItsParentDirectories() throws IOException {
        // given
        Workspace workspace = workspace();

        // when
        workspace.write("a/b/c.txt", "hello".getBytes(StandardCharsets.UTF_8));

        // then
        assertThat(root.resolve("a/b/c.txt")).hasContent("hello");
        assertThat(namesIn(root.resolve("a/b"))).containsExactly("c.txt");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void shouldReplaceAnExistingFileAndKeepItsPermissions() throws IOException {
        // given
        Path script = write("mvnw", "#!/bin/sh\necho old\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        Workspace workspace = workspace();

        // when
        workspace.write("mvnw", "#!/bin/sh\necho new\n".getBytes(StandardCharsets.UTF_8));

        // then
        assertThat(script).hasContent("#!/bin/sh\necho new\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(script))).isEqualTo("rwxr-x---");
        assertThat(namesIn(root)).containsExactly("mvnw");
    }

    @Test
    void shouldRefuseToWriteOverADirectoryOrTheRootOrBelowAFile() throws IOException {
        // given
        write("dir/file.txt", "x");
        Workspace workspace = workspace();
        byte[] content = "y".getBytes(StandardCharsets.UTF_8);

        // then
        assertThatThrownBy(() -> workspace.write("dir", content)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("'dir' is a directory");
        assertThatThrownBy(() -> workspace.write("", content)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("names the workspace root");
        assertThatThrownBy(() -> workspace.write("dir/file.txt/below.txt", content))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("a part of its parent path is a file");
        assertThat(root.resolve("dir/file.txt")).hasContent("x");
    }

    @Test
    void shouldWriteThroughASymbolicLinkThatStaysInsideAndKeepTheLink() throws IOException {
        // given
        Path target = write("real/config.txt", "old");
        Files.createSymbolicLink(root.resolve("config.txt"), target);
        Workspace workspace = workspace();

        // when
        workspace.write("config.txt", "new".getBytes(StandardCharsets.UTF_8));

        // then
        assertThat(Files.isSymbolicLink(root.resolve("config.txt"))).isTrue();
        assertThat(target).hasContent("new");
        assertThat(workspace.realPath("config.txt")).isEqualTo("real/config.txt");
    }

    @Test
    void shouldDeleteFilesLinksAndEmptyDirectoriesButNotFullOnesOrTheRoot() throws IOException {
        // given
        write("full/file.txt", "x");
        Files.createDirectories(root.resolve("empty"));
        Path target = write("target.txt", "kept");
        Files.createSymbolicLink(root.resolve("link.txt"), target);
        Workspace workspace = workspace();

        // when
        boolean deletedFile = workspace.delete("full/file.txt");
        boolean deletedMissing = workspace.delete("full/file.txt");
        boolean deletedEmpty = workspace.delete("empty");
        boolean deletedLink = workspace.delete("link.txt");

        // then
        assertThat(deletedFile).isTrue();
        assertThat(deletedMissing).isFalse();
        assertThat(deletedEmpty).isTrue();
        assertThat(deletedLink).isTrue();
        assertThat(target).hasContent("kept");
        write("full/other.txt", "x");
        assertThatThrownBy(() -> workspace.delete("full")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("'full' is a directory that is not empty");
        assertThatThrownBy(() -> workspace.delete(".")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("names the workspace root");
    }

    @Test
    void shouldNameTheRealPathOfALinkedPath() throws IOException {
        // given
        write("real/dir/file.txt", "x");
        Files.createSymbolicLink(root.resolve("alias"), root.resolve("real"));
        Workspace workspace = workspace();

        // then
        assertThat(workspace.realPath("alias/dir/file.txt")).isEqualTo("real/dir/file.txt");
        assertThat(workspace.realPath("alias/dir/new/file.txt")).isEqualTo("real/dir/new/file.txt");
        assertThat(workspace.realPath("plain/./x/../y.txt")).isEqualTo("plain/y.txt");
    }

    @Test
    void shouldGiveCommandsExactlyTheGivenEnvironmentWhenNotInheriting() {
        // given: a workspace whose commands would inherit a variable
        Map<String, String> base = Map.of("PATH", System.getenv("PATH"), "INHERITED", "from-base");
        Workspace workspace = workspace(root, base);

        // when
        CommandResult inheriting = workspace.run(new CommandRequest("echo \"[$INHERITED][$ADDED]\"",
                Map.of("ADDED", "added"), Duration.ofMinutes(1), 1_000), line -> { });
        CommandResult exact = workspace.run(new CommandRequest("echo \"[$INHERITED][$ADDED]\"",
                Map.of("PATH", System.getenv("PATH"), "ADDED", "added"), Duration.ofMinutes(1), 1_000, false),
                line -> { });

        // then
        assertThat(workspace.environment()).isEqualTo(base);
        assertThat(inheriting.output()).isEqualTo("[from-base][added]\n");
        assertThat(exact.output()).isEqualTo("[][added]\n");
    }

    @Test
    void shouldReadWhatWasWritten() throws IOException {
        // given
        Workspace workspace = workspace();
        workspace.write("x.txt", "äöü".getBytes(StandardCharsets.UTF_8));

        // when
        byte[] read;
        try (InputStream in = workspace.openRead("x.txt")) {
            read = in.readAllBytes();
        }

        // then
        assertThat(new String(read, StandardCharsets.UTF_8)).isEqualTo("äöü");
    }
}
