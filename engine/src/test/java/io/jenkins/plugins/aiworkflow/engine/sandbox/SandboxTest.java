package io.jenkins.plugins.aiworkflow.engine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.workspace.CommandResult;
import io.jenkins.plugins.aiworkflow.engine.workspace.EnvironmentPolicy;
import io.jenkins.plugins.aiworkflow.engine.workspace.FileChange;
import io.jenkins.plugins.aiworkflow.engine.workspace.ForwardingWorkspace;
import io.jenkins.plugins.aiworkflow.engine.workspace.LocalWorkspace;
import io.jenkins.plugins.aiworkflow.engine.workspace.SkipRule;
import io.jenkins.plugins.aiworkflow.engine.workspace.Workspace;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceFile;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceTask;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxTest {
    @TempDir
    Path root;

    private Path write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private Sandbox sandbox(WorkspacePolicy policy) {
        return new Sandbox(new LocalWorkspace(root), policy);
    }

    private Sandbox sandbox() {
        return sandbox(WorkspacePolicy.defaults());
    }

    private static String lines(int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i <= to; i++) {
            text.append("line ").append(i).append('\n');
        }
        return text.toString();
    }

    @Test
    void shouldListFilesByGlobWithoutHiddenOnes() throws IOException {
        // given
        write("src/A.java", "a");
        write("src/secret/.env", "TOKEN=x");
        write(".git/config", "[core]");
        Sandbox sandbox = sandbox(WorkspacePolicy.builder().hidden(List.of("**/.env")).build());

        // when
        List<WorkspaceFile> files = sandbox.listFiles("**");

        // then
        assertThat(files).extracting(WorkspaceFile::path).containsExactly("src/A.java");
    }

    @Test
    void shouldNotListALinkToAHiddenFileByNameOrSize() throws IOException {
        // given: a link in a visible place pointing at a hidden file, and one at a visible file
        write(".env", "TOKEN=0123456789");
        write("src/A.java", "a");
        Files.createDirectories(root.resolve("config"));
        Files.createSymbolicLink(root.resolve("config/settings.txt"), root.resolve(".env"));
        Files.createSymbolicLink(root.resolve("config/a.java"), root.resolve("src/A.java"));
        Sandbox sandbox = sandbox(WorkspacePolicy.builder().hidden(List.of("**/.env")).build());

        // when
        List<WorkspaceFile> files = sandbox.listFiles("**");

        // then: neither its name nor its size (the hidden file's) shows
        assertThat(files).extracting(WorkspaceFile::path).containsExactly("config/a.java", "src/A.java");
        assertThat(sandbox.listFiles("config/*")).extracting(WorkspaceFile::path).containsExactly("config/a.java");
    }

    @Test
    void shouldNotWalkDirectoriesHiddenAsAWholeButStillHideSingleFiles() throws IOException {
        // given: a hidden subtree (in another letter case) and a hidden file name
        write("src/A.java", "a");
        write("src/.env", "TOKEN=x");
        write("Node_Modules/lib/index.js", "x");
        List<String> walked = new ArrayList<>();
        LocalWorkspace local = new LocalWorkspace(root);
        Workspace watched = new SandboxTest.WatchingWorkspace(local, walked);
        Sandbox sandbox = new Sandbox(watched, WorkspacePolicy.builder()
                .hidden(List.of("**/node_modules/**", "**/.env")).build());

        // when
        List<WorkspaceFile> files = sandbox.listFiles("**");

        // then
        assertThat(files).extracting(WorkspaceFile::path).containsExactly("src/A.java");
        assertThat(walked).contains("Node_Modules").doesNotContain("Node_Modules/lib");
    }

    @Test
    void shouldShowTheContextOnlyWhatTheAgentMaySee() throws IOException {
        // given
        write("src/A.java", "a");
        write("src/.env", "TOKEN=x");
        write("secrets/key.txt", "k");
        Files.createSymbolicLink(root.resolve("src/alias.txt"), root.resolve("secrets/key.txt"));
        Workspace visible = sandbox(WorkspacePolicy.builder().hidden(List.of("**/.env", "secrets/**")).build())
                .visibleWorkspace();

        // when / then: a link to a hidden file is as hidden as the file
        assertThat(visible.find(List.of("**"))).extracting(WorkspaceFile::path)
                .containsExactly("src/A.java");
        assertThat(visible.stat("src/.env")).isNull();
        assertThat(visible.stat("src/alias.txt")).isNull();
        assertThatThrownBy(() -> visible.openRead("secrets/key.txt")).isInstanceOf(PolicyViolation.class);
        assertThatThrownBy(() -> visible.openRead("src/alias.txt")).isInstanceOf(PolicyViolation.class)
                .hasMessageContaining("hidden");
    }

    @Test
    void shouldReadAWholeTextFile() throws IOException {
        // given
        write("a.txt", "one\ntwo\nthree");

        // when
        FileExcerpt excerpt = sandbox().readText("a.txt");

        // then
        assertThat(excerpt.text()).isEqualTo("one\ntwo\nthree");
        assertThat(excerpt.totalLines()).isEqualTo(3);
        assertThat(excerpt.fromLine()).isEqualTo(1);
        assertThat(excerpt.toLine()).isEqualTo(3);
        assertThat(excerpt.isWholeFile()).isTrue();
    }

    @Test
    void shouldReadALineRangeOneBasedAndInclusive() throws IOException {
        // given
        write("a.txt", lines(1, 100));

        // when
        FileExcerpt excerpt = sandbox().readText("a.txt", 10, 12);

        // then
        assertThat(excerpt.text()).isEqualTo("line 10\nline 11\nline 12\n");
        assertThat(excerpt.fromLine()).isEqualTo(10);
        assertThat(excerpt.toLine()).isEqualTo(12);
        assertThat(excerpt.totalLines()).isEqualTo(100);
        assertThat(excerpt.isWholeFile()).isFalse();
    }

    @Test
    void shouldReadToTheEndWhenToLineIsPastIt() throws IOException {
        // given
        write("a.txt", lines(1, 5));

        // when
        FileExcerpt excerpt = sandbox().readText("a.txt", 4, 400);

        // then
        assertThat(excerpt.text()).isEqualTo("line 4\nline 5\n");
        assertThat(excerpt.toLine()).isEqualTo(5);
    }

    @Test
    void shouldRefuseInvalidLineRangesClearly() throws IOException {
        // given
        write("a.txt", lines(1, 5));
        write("empty.txt", "");
        Sandbox sandbox = sandbox();

        // then
        assertThatThrownBy(() -> sandbox.readText("a.txt", 0, 3)).isInstanceOf(InvalidRequestException.class)
                .hasMessage("fromLine 0 is invalid for 'a.txt'; accepted: line numbers from 1");
        assertThatThrownBy(() -> sandbox.readText("a.txt", 3, 2))
                .hasMessageContaining("toLine 2 is before fromLine 3");
        assertThatThrownBy(() -> sandbox.readText("a.txt", 6, 9))
                .hasMessage("fromLine 6 is past the end of 'a.txt', which has 5 line(s); accepted: 1..5");
        assertThatThrownBy(() -> sandbox.readText("empty.txt", 1, 1)).hasMessageContaining("is empty");
        assertThat(sandbox.readText("empty.txt").text()).isEmpty();
    }

    @Test
    void shouldCapLongReadsWithHeadTailAndTheMarker() throws IOException {
        // given
        write("big.txt", lines(1, 10_000));
        Sandbox sandbox = sandbox(WorkspacePolicy.builder().maxReadChars(100).build());

        // when
        FileExcerpt excerpt = sandbox.readText("big.txt");

        // then
        assertThat(excerpt.text()).startsWith("line 1\nline 2\n").endsWith("line 10000\n")
                .contains("chars truncated ...]");
        assertThat(excerpt.truncatedChars()).isEqualTo(Files.size(root.resolve("big.txt")) - 100);
        assertThat(excerpt.totalLines()).isEqualTo(10_000);
        assertThat(excerpt.isWholeFile()).isFalse();
    }

    @Test
    void shouldRefuseBinaryAndNonUtf8FilesForTextReads() throws IOException {
        // given
        Files.write(root.resolve("image.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13});
        Files.write(root.resolve("latin1.txt"), "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
        Sandbox sandbox = sandbox();

        // then
        assertThatThrownBy(() -> sandbox.readText("image.png")).isInstanceOf(InvalidRequestException.class)
                .hasMessage("file 'image.png' is not a UTF-8 text file (it is binary or in another encoding); "
                        + "accepted: UTF-8 text files");
        assertThatThrownBy(() -> sandbox.readText("latin1.txt")).hasMessageContaining("is not a UTF-8 text file");
    }

    @Test
    void shouldAcceptAMultiByteCharacterCutAtTheEndOfTheSniffedBytes() throws IOException {
        // given: 8191 ASCII bytes, then a two-byte character across the 8 KB boundary
        String text = "a".repeat(TextFiles.SNIFF_BYTES - 1) + "\u00e9 end";
        write("boundary.txt", text);

        // when
        FileExcerpt excerpt = sandbox().readText("boundary.txt");

        // then
        assertThat(excerpt.text()).isEqualTo(text);
    }

    @Test
    void shouldRefuseMissingFilesAndDirectoriesForReads() throws IOException {
        // given
        write("dir/a.txt", "a");
        Sandbox sandbox = sandbox();

        // then
        assertThatThrownBy(() -> sandbox.readText("nope.txt")).hasMessageContaining("file 'nope.txt' does not exist");
        assertThatThrownBy(() -> sandbox.readText("dir")).hasMessageContaining("'dir' is a directory")
                .hasMessageContaining("list 'dir/**'");
    }

    @Test
    void shouldSearchTextFilesInPathAndLineOrderSkippingBinaries() throws IOException {
        // given
        write("src/B.java", "class B {\n  void run() {}\n}\n");
        write("src/A.java", "class A {\r\n  void run() {}\r\n}\r\n");
        Files.write(root.resolve("src/data.bin"), new byte[] {'r', 'u', 'n', 0, 1});
        write("README.md", "run it");

        // when
        SearchResult result = sandbox().search("void \\w+\\(", "src/**", 10);

        // then
        assertThat(result.matches()).extracting(SearchMatch::toString)
                .containsExactly("src/A.java:2:   void run() {}", "src/B.java:2:   void run() {}");
        assertThat(result.limitReached()).isFalse();
        assertThat(result.filesSearched()).isEqualTo(2);
        assertThat(result.filesSkipped()).isEqualTo(1);
    }

    @Test
    void shouldBoundSearchResultsAndSayThatMoreMatched() throws IOException {
        // given
        write("a.txt", lines(1, 50));

        // when
        SearchResult result = sandbox().search("line", null, 3);

        // then
        assertThat(result.matches()).hasSize(3);
        assertThat(result.limitReached()).isTrue();
        assertThat(result.toString()).startsWith("a.txt:1: line 1\n").contains("only the first 3 are shown");
    }

    @Test
    void shouldCutLongMatchedLines() throws IOException {
        // given
        write("min.js", "var x=1;" + "y".repeat(5_000) + "\n");

        // when
        SearchResult result = sandbox().search("var x", "*.js", 5);

        // then
        assertThat(result.matches()).singleElement().satisfies(match -> assertThat(match.text())
                .hasSizeLessThan(Sandbox.MAX_MATCH_TEXT_CHARS + 40).endsWith("chars truncated ...]"));
    }

    @Test
    void shouldRefuseAnInvalidRegexWithItsReason() {
        assertThatThrownBy(() -> sandbox().search("foo(", "**", 5)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("search pattern 'foo(' is not a valid Java regular expression: Unclosed group")
                .hasMessageContaining("accepted: a Java regular expression");
        assertThatThrownBy(() -> sandbox().search("", "**", 5)).hasMessageContaining("search pattern is empty");
        assertThatThrownBy(() -> sandbox().search("x", "**", 0)).hasMessageContaining("maxResults 0 is invalid");
        assertThatThrownBy(() -> sandbox().search("x".repeat(1_001), "**", 5))
                .hasMessageContaining("characters long; accepted: at most 1000");
    }

    @Test
    void shouldStopACatastrophicallyBacktrackingRegexWithAClearError() throws IOException {
        // given: nested repetition that backtracks exponentially on a line without a match
        // (without the step budget this search takes many minutes)
        write("evil.txt", "fine\n" + "a,".repeat(60) + "\n");

        // then
        assertThatThrownBy(() -> sandbox().search("(.*,){12}X", "**", 5)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("search pattern '(.*,){12}X' is too expensive")
                .hasMessageContaining("'evil.txt'")
                .hasMessageContaining("catastrophic backtracking");
    }

    @Test
    void shouldWriteTextAndTellWhetherItCreatedOrModified() throws IOException {
        // given
        Sandbox sandbox = sandbox();

        // when
        FileChange.Kind first = sandbox.writeText("src/New.java", "class New {}\n");
        FileChange.Kind second = sandbox.writeText("src/New.java", "class New { }\n");

        // then
        assertThat(first).isEqualTo(FileChange.Kind.CREATED);
        assertThat(second).isEqualTo(FileChange.Kind.MODIFIED);
        assertThat(root.resolve("src/New.java")).hasContent("class New { }\n");
        assertThat(sandbox.changedFiles()).containsExactly(new FileChange("src/New.java", FileChange.Kind.CREATED));
    }

    @Test
    void shouldRefuseContentLargerThanTheWriteCapAndChangeNothing() throws IOException {
        // given
        write("a.txt", "old");
        Sandbox sandbox = sandbox(WorkspacePolicy.builder().maxWriteBytes(10).build());

        // then
        assertThatThrownBy(() -> sandbox.writeText("a.txt", "ä".repeat(6))).isInstanceOf(PolicyViolation.class)
                .hasMessage("content for 'a.txt' is 12 bytes; accepted: at most 10 bytes (maxWriteBytes); "
                        + "nothing was changed");
        assertThat(root.resolve("a.txt")).hasContent("old");
        assertThat(sandbox.changedFiles()).isEmpty();
    }

    @Test
    void shouldEditTheOneExactMatch() throws IOException {
        // given
        write("src/A.java", "class A {\n    int x = 1;\n    int y = 1;\n}\n");
        Sandbox sandbox = sandbox();

        // when
        sandbox.editText("src/A.java", "int y = 1;", "int y = 2;");

        // then
        assertThat(root.resolve("src/A.java")).hasContent("class A {\n    int x = 1;\n    int y = 2;\n}\n");
        assertThat(sandbox.changedFiles()).containsExactly(new FileChange("src/A.java", FileChange.Kind.MODIFIED));
    }

    @Test
    void shouldRefuseAnEditWhoseSearchTextMatchesNoneOrSeveralTimes() throws IOException {
        // given
        write("src/A.java", "int x = 1;\nint y = 1;\nint z = 1;\n");
        Sandbox sandbox = sandbox();

        // then
        assertThatThrownBy(() -> sandbox.editText("src/A.java", " = 1;", " = 2;"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("search text occurs 3 times in 'src/A.java'; it must occur exactly once; "
                        + "nothing was changed. Include more of the surrounding lines");
        assertThatThrownBy(() -> sandbox.editText("src/A.java", "int  y = 1;", "int y = 2;"))
                .hasMessageContaining("search text was not found in 'src/A.java'; nothing was changed")
                .hasMessageContaining("including whitespace, indentation and line breaks");
        assertThatThrownBy(() -> sandbox.editText("src/A.java", "", "x")).hasMessageContaining("search text for "
                + "'src/A.java' is empty");
        assertThatThrownBy(() -> sandbox.editText("src/Missing.java", "a", "b"))
                .hasMessageContaining("file 'src/Missing.java' does not exist, so there is nothing to edit; to create "
                        + "it, write the whole file");
        assertThat(root.resolve("src/A.java")).hasContent("int x = 1;\nint y = 1;\nint z = 1;\n");
        assertThat(sandbox.changedFiles()).isEmpty();
    }

    @Test
    void shouldCountOverlappingMatchesAsSeveral() throws IOException {
        // given
        write("a.txt", "aaa");

        // then
        assertThatThrownBy(() -> sandbox().editText("a.txt", "aa", "b")).hasMessageContaining("occurs 2 times");
    }

    @Test
    void shouldEditAFileWithCrlfLineBreaksUsingLfInSearchAndReplace() throws IOException {
        // given
        write("win.txt", "first\r\nsecond\r\nthird\r\n");

        // when
        sandbox().editText("win.txt", "first\nsecond\n", "first\nsecond and a half\n");

        // then
        assertThat(Files.readString(root.resolve("win.txt"))).isEqualTo("first\r\nsecond and a half\r\nthird\r\n");
    }

    @Test
    void shouldDeleteAFileAndRefuseMissingFilesAndDirectories() throws IOException {
        // given
        write("dir/a.txt", "a");
        Sandbox sandbox = sandbox();

        // when
        sandbox.delete("dir/a.txt");

        // then
        assertThat(root.resolve("dir/a.txt")).doesNotExist();
        assertThat(sandbox.changedFiles()).containsExactly(new FileChange("dir/a.txt", FileChange.Kind.DELETED));
        assertThatThrownBy(() -> sandbox.delete("dir/a.txt")).hasMessageContaining("file 'dir/a.txt' does not exist, "
                + "so there is nothing to delete");
        assertThatThrownBy(() -> sandbox.delete("dir")).hasMessageContaining("'dir' is a directory");
    }

    @Test
    void shouldForgetChangesThatWereUndone() throws IOException {
        // given
        write("a.txt", "original\n");
        Sandbox sandbox = sandbox();

        // when
        sandbox.writeText("a.txt", "changed\n");
        sandbox.writeText("a.txt", "original\n");
        sandbox.writeText("tmp.txt", "x");
        sandbox.delete("tmp.txt");

        // then
        assertThat(sandbox.changedFiles()).isEmpty();
        assertThat(sandbox.diff()).isEmpty();
    }

    @Test
    void shouldProduceAUnifiedDiffOfCreatedModifiedAndDeletedFiles() throws IOException {
        // given
        write("src/Keep.java", lines(1, 10));
        write("src/Gone.txt", "bye\n");
        Sandbox sandbox = sandbox();

        // when
        sandbox.editText("src/Keep.java", "line 5\n", "line five\n");
        sandbox.writeText("src/New.txt", "hello\nworld");
        sandbox.delete("src/Gone.txt");

        // then
        assertThat(sandbox.changedFiles()).containsExactly(
                new FileChange("src/Gone.txt", FileChange.Kind.DELETED),
                new FileChange("src/Keep.java", FileChange.Kind.MODIFIED),
                new FileChange("src/New.txt", FileChange.Kind.CREATED));
        assertThat(sandbox.diff()).isEqualTo("""
                diff --git a/src/Gone.txt b/src/Gone.txt
                deleted file mode 100644
                --- a/src/Gone.txt
                +++ /dev/null
                @@ -1,1 +0,0 @@
                -bye
                diff --git a/src/Keep.java b/src/Keep.java
                --- a/src/Keep.java
                +++ b/src/Keep.java
                @@ -2,7 +2,7 @@
                 line 2
                 line 3
                 line 4
                -line 5
                +line five
                 line 6
                 line 7
                 line 8
                diff --git a/src/New.txt b/src/New.txt
                new file mode 100644
                --- /dev/null
                +++ b/src/New.txt
                @@ -0,0 +1,2 @@
                +hello
                +world
                \\ No newline at end of file
                """);
    }

    @Test
    void shouldProduceADiffThatGitApplies() throws IOException, InterruptedException {
        // given: a copy of the original tree, and changes of every kind
        Path original = Files.createDirectories(root.resolve("original"));
        Path changed = Files.createDirectories(root.resolve("changed"));
        for (Path tree : List.of(original, changed)) {
            Files.writeString(tree.resolve("a.txt"), lines(1, 30));
            Files.writeString(tree.resolve("no-newline.txt"), "x\ny");
            Files.writeString(tree.resolve("gone.txt"), "bye\n");
        }
        Sandbox sandbox = new Sandbox(new LocalWorkspace(changed), WorkspacePolicy.defaults());
        sandbox.editText("a.txt", "line 3\n", "line three\n");
        sandbox.editText("a.txt", "line 29\n", "");
        sandbox.editText("no-newline.txt", "y", "y\nz");
        sandbox.writeText("sub/new.txt", "new\n");
        sandbox.delete("gone.txt");
        Files.writeString(root.resolve("change.patch"), sandbox.diff());

        // when
        Process git = new ProcessBuilder("git", "apply", "--directory=original", "--unsafe-paths", "change.patch")
                .directory(root.toFile()).redirectErrorStream(true).start();
        String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        git.waitFor(1, TimeUnit.MINUTES);

        // then
        assertThat(git.exitValue()).as(output).isZero();
        assertThat(original.resolve("a.txt")).hasSameTextualContentAs(changed.resolve("a.txt"));
        assertThat(original.resolve("no-newline.txt")).hasContent("x\ny\nz");
        assertThat(Files.readString(original.resolve("no-newline.txt"))).isEqualTo("x\ny\nz");
        assertThat(original.resolve("sub/new.txt")).hasContent("new");
        assertThat(original.resolve("gone.txt")).doesNotExist();
    }

    @Test
    void shouldNoteBinaryChangesInsteadOfShowingThem() throws IOException {
        // given
        Files.write(root.resolve("blob.bin"), new byte[] {0, 1, 2});
        Sandbox sandbox = sandbox();

        // when
        sandbox.writeText("blob.bin", "now text\n");

        // then
        assertThat(sandbox.diff()).isEqualTo("""
                diff --git a/blob.bin b/blob.bin
                index 0000000..0000000
                Binary files a/blob.bin and b/blob.bin differ
                # blob.bin: content not in this diff (not UTF-8 text); git apply refuses the diff, apply the rest \
                with --exclude=blob.bin and make this change by hand
                """);
    }

    private Sandbox withCommands(WorkspacePolicy.Builder policy) {
        return sandbox(policy.allowedCommands(List.of("sed -i", "cp", "rm", "touch")).build());
    }

    @Test
    void shouldTrackAChangeACommandMadeToAWritableFileWithItsDiff() throws IOException {
        // given
        write("src/A.java", "class A {\n    int x = 1;\n}\n");
        Sandbox sandbox = withCommands(WorkspacePolicy.builder());

        // when
        CommandRun run = sandbox.runTrackedCommand("sed -i s/1/2/ src/A.java", line -> { });

        // then
        assertThat(run.result().exitCode()).isZero();
        assertThat(run.changes().tracked()).containsExactly(new FileChange("src/A.java", FileChange.Kind.MODIFIED));
        assertThat(run.changes().needsPolicyNote()).isFalse();
        assertThat(sandbox.changedFiles()).containsExactly(new FileChange("src/A.java", FileChange.Kind.MODIFIED));
        assertThat(sandbox.diff()).isEqualTo("""
                diff --git a/src/A.java b/src/A.java
                --- a/src/A.java
                +++ b/src/A.java
                @@ -1,3 +1,3 @@
                 class A {
                -    int x = 1;
                +    int x = 2;
                 }
                """);
    }

    @Test
    void shouldTrackFilesCommandsCreateAndDeleteTogetherWithToolEdits() throws IOException {
        // given
        write("a.txt", "alpha\n");
        write("old.txt", "old\n");
        Sandbox sandbox = withCommands(WorkspacePolicy.builder());
        sandbox.writeText("a.txt", "alpha, edited\n");

        // when
        sandbox.runCommand("cp a.txt b.txt");
        sandbox.runCommand("rm old.txt");
        sandbox.runCommand("sed -i s/edited/commanded/ a.txt");

        // then: a.txt's original is the one before the tool edit
        assertThat(sandbox.changedFiles()).containsExactly(new FileChange("a.txt", FileChange.Kind.MODIFIED),
                new FileChange("b.txt", FileChange.Kind.CREATED), new FileChange("old.txt", FileChange.Kind.DELETED));
        assertThat(sandbox.diff()).contains("-alpha\n+alpha, commanded\n", "+++ b/b.txt", "--- a/old.txt");
    }

    @Test
    void shouldNotAttributeTheToolsEditsBetweenCommandsToTheNextCommand() throws IOException {
        // given
        write("a.txt", "alpha\n");
        write("b.txt", "beta\n");
        Sandbox sandbox = withCommands(WorkspacePolicy.builder());
        sandbox.runCommand("touch b.txt");
        sandbox.editText("a.txt", "alpha", "alpha, edited");
        sandbox.writeText("notes.txt", "by the tools\n");

        // when
        CommandRun run = sandbox.runTrackedCommand("cp b.txt c.txt", line -> { });

        // then
        assertThat(run.changes().tracked()).containsExactly(new FileChange("c.txt", FileChange.Kind.CREATED));
        assertThat(sandbox.changedFiles()).extracting(FileChange::path).containsExactly("a.txt", "c.txt",
                "notes.txt");
    }

    @Test
    void shouldNotCountAFileACommandOnlyTouchedOrRewroteUnchanged() throws IOException {
        // given
        write("src/A.java", "class A {}\n");
        Sandbox sandbox = withCommands(WorkspacePolicy.builder());

        // when
        CommandRun run = sandbox.runTrackedCommand("touch src/A.java", line -> { });

        // then
        assertThat(run.changes().isEmpty()).isTrue();
        assertThat(sandbox.changedFiles()).isEmpty();
    }

    @Test
    void shouldReportButNotTrackWhatACommandChangedInReadOnlyNotWritableAndHiddenFiles() throws IOException {
        // given
        write("src/A.java", "a\n");
        write("config/app.yml", "mode: dev\n");
        write("pom.xml", "<project/>\n");
        write("src/.env", "TOKEN=old\n");
        Sandbox sandbox = withCommands(WorkspacePolicy.builder().writable(List.of("src/**"))
                .readOnly(List.of("config/**")).hidden(List.of("**/.env")));

        // when
        CommandRun yml = sandbox.runTrackedCommand("sed -i s/dev/prod/ config/app.yml", line -> { });
        CommandRun pom = sandbox.runTrackedCommand("sed -i s/project/projekt/ pom.xml", line -> { });
        CommandRun env = sandbox.runTrackedCommand("sed -i s/old/new/ src/.env", line -> { });

        // then: the changes stay (a child process cannot be stopped), but are reported, not taken as the agent's
        assertThat(yml.changes().notWritable()).containsExactly(
                new FileChange("config/app.yml", FileChange.Kind.MODIFIED));
        assertThat(pom.changes().notWritable()).containsExactly(new FileChange("pom.xml", FileChange.Kind.MODIFIED));
        assertThat(env.changes().hidden()).containsExactly(new FileChange("src/.env", FileChange.Kind.MODIFIED));
        assertThat(List.of(yml, pom, env)).allSatisfy(run -> {
            assertThat(run.changes().tracked()).isEmpty();
            assertThat(run.changes().needsPolicyNote()).isTrue();
        });
        assertThat(sandbox.changedFiles()).isEmpty();
        assertThat(root.resolve("config/app.yml")).hasContent("mode: prod");
    }

    @Test
    void shouldNotTakeWhatGitIgnoresForAChangeOfTheCommand() throws IOException {
        // given: build output, as a build command leaves it
        write(".gitignore", "target/\n");
        write("src/A.java", "a\n");
        Files.createDirectories(root.resolve("target"));
        Sandbox sandbox = withCommands(WorkspacePolicy.builder().writable(List.of("src/**")));

        // when
        CommandRun run = sandbox.runTrackedCommand("cp src/A.java target/A.class", line -> { });

        // then
        assertThat(run.changes().isEmpty()).isTrue();
        assertThat(root.resolve("target/A.class")).exists();
    }

    @Test
    void shouldSayInTheDiffWhenTheContentBeforeACommandWasNotKept() throws IOException {
        // given: nothing may be kept
        write("a.txt", "one\n");
        Sandbox sandbox = new Sandbox(new LocalWorkspace(root), WorkspacePolicy.builder()
                .allowedCommands(List.of("sed -i")).build(), new WorkspaceSnapshot.Limits(1000, 1000, 10_000, 0));

        // when
        CommandRun run = sandbox.runTrackedCommand("sed -i s/one/two/ a.txt", line -> { });

        // then
        assertThat(sandbox.changedFiles()).containsExactly(new FileChange("a.txt", FileChange.Kind.MODIFIED));
        assertThat(sandbox.diff()).contains("a/a.txt", "its content before the command 'sed -i s/one/two/ a.txt' "
                + "changed it was not kept");
        assertThat(run.changes().notes()).singleElement().asString().contains("was not kept");
    }

    @Test
    void shouldForgetACommandsChangeThatALaterCommandUndid() throws IOException {
        // given: content not kept, so only the hash can tell that the file is back as it was
        write("a.txt", "one\n");
        Sandbox sandbox = new Sandbox(new LocalWorkspace(root), WorkspacePolicy.builder()
                .allowedCommands(List.of("sed -i")).build(), new WorkspaceSnapshot.Limits(1000, 1000, 10_000, 0));

        // when
        sandbox.runCommand("sed -i s/one/two/ a.txt");
        sandbox.runCommand("sed -i s/two/one/ a.txt");

        // then
        assertThat(sandbox.changedFiles()).isEmpty();
    }

    @Test
    void shouldRunAnAllowedCommandWithThePolicysTimeoutAndOutputCap() {
        // given
        Sandbox sandbox = sandbox(WorkspacePolicy.builder().allowedCommands(List.of("seq"))
                .maxOutputChars(40).commandTimeout(Duration.ofMinutes(1)).build());
        List<String> lines = new ArrayList<>();

        // when
        CommandResult result = sandbox.runCommand("seq 1 1000", lines::add);

        // then
        assertThat(result.exitCode()).isZero();
        assertThat(result.output()).startsWith("1\n2\n").endsWith("999\n1000\n").contains("chars truncated");
        assertThat(lines).hasSize(1000);
    }

    @Test
    void shouldRedactRegisteredSecretsFromCommandOutput() {
        // given: a secret value that reached the command some other way than its environment
        Sandbox sandbox = new Sandbox(new LocalWorkspace(root, Map.of()), WorkspacePolicy
                .builder().allowedCommands(List.of("echo"))
                .environment(EnvironmentPolicy.builder().secretValue("sk-test-123").build()).build());
        List<String> lines = new ArrayList<>();

        // when
        CommandResult result = sandbox.runCommand("echo key=sk-test-123", lines::add);

        // then
        assertThat(result.output()).isEqualTo("key=****\n");
        assertThat(lines).containsExactly("key=****");
    }

    /** A local workspace whose directory-skipping walk records the directories it asks about. */
    private static final class WatchingWorkspace extends ForwardingWorkspace {
        private final LocalWorkspace local;
        private final List<String> asked;

        WatchingWorkspace(LocalWorkspace local, List<String> asked) {
            super(local);
            this.local = local;
            this.asked = asked;
        }

        @Override
        public List<WorkspaceFile> find(List<String> includes, SkipRule skip) {
            return local.find(includes, (dir, walked) -> {
                asked.add(dir);
                return skip.skips(dir, walked);
            });
        }

        /** Runs tasks here, as a local workspace does, so that their walks are watched too. */
        @Override
        public <T extends java.io.Serializable> T call(WorkspaceTask<T> task) {
            return task.run(this);
        }
    }
}
