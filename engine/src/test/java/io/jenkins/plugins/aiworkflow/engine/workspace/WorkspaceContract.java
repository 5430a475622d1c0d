package io.jenkins.plugins.aiworkflow.engine.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.log.EngineLog;
import io.jenkins.plugins.aiworkflow.engine.report.TestReport;
import io.jenkins.plugins.aiworkflow.engine.sandbox.Sandbox;
import io.jenkins.plugins.aiworkflow.engine.sandbox.SearchMatch;
import io.jenkins.plugins.aiworkflow.engine.sandbox.SearchResult;
import io.jenkins.plugins.aiworkflow.engine.sandbox.WorkspacePolicy;
import io.jenkins.plugins.aiworkflow.engine.sandbox.WorkspaceSnapshot;
import io.jenkins.plugins.aiworkflow.engine.validate.ValidationRequest;
import io.jenkins.plugins.aiworkflow.engine.validate.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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

    /** The implementation under test on {@code root}; its commands start from {@code environment}. */
    protected abstract Workspace workspace(Path root, Map<String, String> environment);

    /** The implementation under test on {@link #root}, its commands starting from this process's environment. */
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
    void shouldStatFilesAndDirectoriesAndAnswerNullWhereNothingIs() throws IOException {
        // given
        write("src/Main.java", "class Main {}");
        write("notadir", "x");
        Workspace workspace = workspace();

        // when
        WorkspaceFile file = workspace.stat("src/./Main.java");
        WorkspaceFile directory = workspace.stat("src");
        WorkspaceFile missing = workspace.stat("src/Missing.java");
        WorkspaceFile belowAFile = workspace.stat("notadir/x.txt");

        // then
        assertThat(file).isNotNull();
        assertThat(file.path()).isEqualTo("src/Main.java");
        assertThat(file.size()).isEqualTo(13);
        assertThat(file.directory()).isFalse();
        assertThat(directory).isNotNull();
        assertThat(directory.directory()).isTrue();
        assertThat(missing).isNull();
        assertThat(belowAFile).as("below a regular file nothing can be").isNull();
        assertThat(workspace.stat("")).isNotNull().extracting(WorkspaceFile::directory).isEqualTo(true);
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
        assertThat(workspace.stat("bin/run.sh").executable()).isTrue();
        assertThat(workspace.stat("bin/notes.txt").executable()).isFalse();
        assertThat(workspace.stat("bin").executable()).isFalse();
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
    void shouldStartACommandFromTheWorkspacesEnvironmentWithoutItsRemovalsAndWithItsOverrides() {
        // given: a workspace whose commands start from a base environment
        Map<String, String> base = Map.of("PATH", System.getenv("PATH"), "INHERITED", "from-base", "REMOVED", "gone",
                "REPLACED", "old");
        Workspace workspace = workspace(root, base);

        // when: ${NAME-unset} tells a variable that is absent from one that is empty
        CommandResult result = workspace.run(new CommandRequest(
                "echo \"[$INHERITED][${REMOVED-unset}][$REPLACED][$ADDED][${NEVER_THERE-unset}]\"",
                Map.of("REPLACED", "new", "ADDED", "added"), Set.of("REMOVED", "NEVER_THERE"), Duration.ofMinutes(1),
                1_000), line -> { });

        // then
        assertThat(result.output()).isEqualTo("[from-base][unset][new][added][unset]\n");
        assertThat(workspace.environment()).isEqualTo(base);
    }

    @Test
    void shouldLetAnOverrideWinOverARemovalOfTheSameName() {
        // given
        Workspace workspace = workspace(root, Map.of("PATH", System.getenv("PATH"), "BOTH", "from-base"));

        // when
        CommandResult result = workspace.run(new CommandRequest("echo \"[${BOTH-unset}]\"", Map.of("BOTH", "override"),
                Set.of("BOTH"), Duration.ofMinutes(1), 1_000), line -> { });

        // then
        assertThat(result.output()).isEqualTo("[override]\n");
    }

    @Test
    void shouldKeepEveryVariableAnEnvironmentPolicyRemovesOutOfTheCommand() {
        // given: a base environment holding a registered secret by value, and names that look secret
        String secret = "sk-contract-7Hq2Zp";
        Map<String, String> base = Map.of("PATH", System.getenv("PATH"), "VISIBLE_SETTING", "shown",
                "INNOCENT_NAME", "Bearer " + secret, "GITHUB_TOKEN", "ghp_abcdef", "MODEL_KEY_VARIABLE", secret);
        Workspace workspace = workspace(root, base);
        EnvironmentPolicy policy = EnvironmentPolicy.builder().secretValue(secret).build();

        // when
        CommandResult result = workspace.run(policy.commandRequest("env", workspace.environment(),
                Map.of("ADDED", "added"), Duration.ofMinutes(1), 100_000), line -> { });

        // then
        assertThat(result.exitCode()).isZero();
        assertThat(result.output()).contains("VISIBLE_SETTING=shown", "ADDED=added")
                .doesNotContain(secret, "INNOCENT_NAME", "GITHUB_TOKEN", "ghp_abcdef", "MODEL_KEY_VARIABLE");
    }

    @Test
    void shouldTellWhenACommandStartedByTheClockOfTheFilesItWrites() throws IOException {
        // given: a file older than the command, which the validation must be able to tell from one it wrote
        Workspace workspace = workspace();

        // when
        CommandResult result = workspace.run(new CommandRequest("echo new > written.txt", Map.of(),
                Duration.ofMinutes(1), 1_000), line -> { });

        // then: by the clock the file times come from (the agent's, not a controller's), within a coarse
        // file system's tick (the slack the validation's stale-report check allows)
        WorkspaceFile written = workspace.stat("written.txt");
        assertThat(written.lastModified()).isAfterOrEqualTo(result.startedAt().minusSeconds(2));
    }

    @Test
    void shouldAnswerTheSystemOfTheMachineWhereTheFilesAre() {
        // given: the test's root is on this machine, so its system is this JVM's
        Workspace workspace = workspace();

        // then
        assertThat(workspace.operatingSystem()).isEqualTo(OperatingSystem.of(System.getProperty("os.name")));
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
    // ------------------------------------------------------------------ coarse operations (tasks)

    /** {@code workspace} with every task run on it here, so that the task reaches the files one call at a time. */
    protected static Workspace fileByFile(Workspace workspace) {
        return new ForwardingWorkspace(workspace) {
            @Override
            public <T extends Serializable> T call(WorkspaceTask<T> task) {
                return task.run(this);
            }
        };
    }

    @Test
    void shouldRunATaskWhereTheFilesAreAndBringBackWhatReadingFileByFileGives() throws IOException {
        // given
        write("src/A.java", "class A {}\n");
        write("src/b/B.java", "class B {}\n");
        write("README.md", "# r\n");
        Workspace workspace = workspace();

        // when
        TreeMap<String, String> byTask = workspace.call(new ReadAll("**"));

        // then
        TreeMap<String, String> fileByFile = new TreeMap<>();
        for (WorkspaceFile file : workspace.find(List.of("**"))) {
            try (InputStream in = workspace.openRead(file.path())) {
                fileByFile.put(file.path(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(byTask).isEqualTo(fileByFile).containsOnlyKeys("README.md", "src/A.java", "src/b/B.java");
    }

    @Test
    void shouldBringBackWhatATaskRefusesAsBadInputNamingTheParameter() {
        // given
        Workspace workspace = workspace();

        // then
        assertThatThrownBy(() -> workspace.call(new ReadAll("../**"))).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("accepted:")
                .satisfies(e -> assertThat(((InvalidRequestException) e).parameter()).contains("glob"));
    }

    @Test
    void shouldBringBackAFailureOfATaskAsAWorkspaceException() {
        // given
        Workspace workspace = workspace();

        // then
        assertThatThrownBy(() -> workspace.call(new Failing("the disk is gone")))
                .isExactlyInstanceOf(WorkspaceException.class).hasMessage("the disk is gone");
    }

    @Test
    void shouldTakeTheSameSnapshotInOneCallAsFileByFile() throws IOException {
        // given: ignored directories (one with a protected file), a nested .gitignore, a link
        write(".gitignore", "build/\n*.log\n");
        write("src/A.java", "class A {}\n");
        write("build/out.class", "x");
        write("build/app.key", "k");
        write("debug.log", "l");
        write("web/.gitignore", "dist/\n");
        write("web/dist/app.js", "d");
        write("web/src/b.js", "b");
        WorkspacePolicy policy = WorkspacePolicy.builder().writable(List.of("src/**", "web/**"))
                .readOnly(List.of("build/*.key")).build();

        // when
        WorkspaceSnapshot coarse = WorkspaceSnapshot.builder(workspace()).policy(policy)
                .keepContent(policy.pathRules()).take();
        WorkspaceSnapshot perFile = WorkspaceSnapshot.builder(fileByFile(workspace())).policy(policy)
                .keepContent(policy.pathRules()).take();
        write("src/A.java", "class A { int changed; }\n");
        WorkspaceSnapshot refreshed = WorkspaceSnapshot.builder(workspace()).policy(policy)
                .keepContent(policy.pathRules()).reusing(coarse).refresh(List.of("src/A.java", "src/gone.txt"));

        // then
        assertThat(fingerprints(coarse)).isEqualTo(fingerprints(perFile)).containsOnlyKeys(".gitignore",
                "build/app.key", "src/A.java", "web/.gitignore", "web/src/b.js");
        assertThat(coarse.entry("src/A.java")).get().extracting(WorkspaceSnapshot.Entry::kept).isEqualTo(true);
        assertThat(refreshed.changesSince(coarse)).containsExactly(new FileChange("src/A.java",
                FileChange.Kind.MODIFIED));
    }

    private static Map<String, String> fingerprints(WorkspaceSnapshot snapshot) {
        Map<String, String> fingerprints = new TreeMap<>();
        snapshot.entries().forEach((path, entry) -> fingerprints.put(path, entry.size() + " " + entry.sha256()
                + " " + entry.kept() + " " + entry.link() + " " + entry.executable()));
        return fingerprints;
    }

    @Test
    void shouldSearchInOneCallAsFileByFile() throws IOException {
        // given: a hidden file and a link to it, which are never searched
        write("src/A.java", "// TODO a\nclass A {}\n");
        write("src/B.java", "class B { /* TODO b */ }\n");
        write(".env", "TODO=secret\n");
        Files.createSymbolicLink(root.resolve("src/env.txt"), root.resolve(".env"));
        WorkspacePolicy policy = WorkspacePolicy.builder().hidden(List.of(".env")).build();

        // when
        SearchResult coarse = new Sandbox(workspace(), policy).search("TODO", "**", 10);
        SearchResult perFile = new Sandbox(fileByFile(workspace()), policy).search("TODO", "**", 10);

        // then
        assertThat(coarse).isEqualTo(perFile);
        assertThat(coarse.matches()).extracting(SearchMatch::path).containsExactly("src/A.java", "src/B.java");
    }

    @Test
    void shouldParseReportsInOneCallAsFileByFile() throws IOException {
        // given
        for (int i = 0; i < 5; i++) {
            write("target/surefire-reports/TEST-" + i + ".xml", "<testsuite name=\"s" + i + "\"><testcase classname=\"c"
                    + i + "\" name=\"ok\"/><testcase classname=\"c" + i + "\" name=\"broken\"><failure message=\"no "
                    + i + "\">at c" + i + "</failure></testcase></testsuite>");
        }
        ValidationRequest request = ValidationRequest.builder().reports("target/surefire-reports/*.xml").build();

        // when
        TestReport coarse = new Validator().validate(request, workspace(), new EngineLog()).report();
        TestReport perFile = new Validator().validate(request, fileByFile(workspace()), new EngineLog()).report();

        // then
        assertThat(coarse).usingRecursiveComparison().withComparatorForType(Double::compare, Double.class)
                .isEqualTo(perFile);
        assertThat(coarse.counts().failures()).isEqualTo(5);
        assertThat(coarse.failures()).extracting(failure -> failure.problems().get(0).message())
                .containsExactly("no 0", "no 1", "no 2", "no 3", "no 4");
    }

    /** Every file the glob matches, read where the files are. */
    private record ReadAll(String glob) implements WorkspaceTask<TreeMap<String, String>> {
        @Override
        public TreeMap<String, String> run(Workspace local) {
            TreeMap<String, String> texts = new TreeMap<>();
            for (WorkspaceFile file : local.find(List.of(glob))) {
                try (InputStream in = local.openRead(file.path())) {
                    texts.put(file.path(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new WorkspaceException("could not read " + file.path(), e);
                }
            }
            return texts;
        }
    }

    /** Fails where it runs. */
    private record Failing(String message) implements WorkspaceTask<String> {
        @Override
        public String run(Workspace local) {
            throw new WorkspaceException(message);
        }
    }
}
