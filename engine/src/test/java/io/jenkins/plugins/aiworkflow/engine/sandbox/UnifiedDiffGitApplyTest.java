package io.jenkins.plugins.aiworkflow.engine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.aiworkflow.engine.workspace.FileChange;
import io.jenkins.plugins.aiworkflow.engine.workspace.LocalWorkspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every form of {@link UnifiedDiff} checked with the real {@code git apply}: the diff of a
 * sandbox is applied to a git repository holding the original files, which must then hold the
 * changed ones; a change whose content is not in the diff must make {@code git apply} fail.
 */
class UnifiedDiffGitApplyTest {
    @TempDir
    Path root;
    private Path original;
    private Path changed;

    @BeforeEach
    void twoTrees() throws IOException, InterruptedException {
        original = Files.createDirectories(root.resolve("original"));
        changed = Files.createDirectories(root.resolve("changed"));
        assertThat(git(original, "init", "-q")).startsWith("0:");
    }

    private void writeBoth(String path, String text) throws IOException {
        for (Path tree : List.of(original, changed)) {
            Files.createDirectories(tree.resolve(path).getParent());
            Files.writeString(tree.resolve(path), text);
        }
    }

    private Sandbox sandbox(String... commands) {
        return new Sandbox(new LocalWorkspace(changed), WorkspacePolicy.builder()
                .allowedCommands(List.of(commands)).build());
    }

    private void makeExecutableInBoth(String path) throws IOException {
        for (Path tree : List.of(original, changed)) {
            Files.setPosixFilePermissions(tree.resolve(path), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** Runs git in a directory; its exit code, a colon and its output. */
    private String git(Path directory, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(arguments));
        Process git = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(git.waitFor(1, TimeUnit.MINUTES)).isTrue();
        return git.exitValue() + ":" + output;
    }

    private String gitApply(String diff, String... options) throws IOException, InterruptedException {
        Path patch = Files.writeString(root.resolve("change.patch"), diff);
        List<String> arguments = new ArrayList<>(List.of("apply", "-v"));
        arguments.addAll(List.of(options));
        arguments.add(patch.toString());
        String check = git(original, withCheck(arguments));
        String apply = git(original, arguments.toArray(String[]::new));
        assertThat(check.charAt(0)).as("--check and apply agree: " + check + " / " + apply).isEqualTo(apply.charAt(0));
        return apply;
    }

    private static String[] withCheck(List<String> arguments) {
        List<String> check = new ArrayList<>(arguments);
        check.add(1, "--check");
        return check.toArray(String[]::new);
    }

    @Test
    void shouldApplyCreatedModifiedAndDeletedFilesAndOnesWithoutATrailingNewline() throws Exception {
        // given
        writeBoth("src/Keep.java", "a\nb\nc\nd\ne\n");
        writeBoth("gone.txt", "bye\n");
        writeBoth("no-newline.txt", "x\ny");
        writeBoth("loses-newline.txt", "p\nq\n");
        Sandbox sandbox = sandbox();
        sandbox.editText("src/Keep.java", "c\n", "see\n");
        sandbox.writeText("sub/new.txt", "new\nwithout newline");
        sandbox.delete("gone.txt");
        sandbox.editText("no-newline.txt", "y", "y\nz");
        sandbox.editText("loses-newline.txt", "q\n", "q");

        // when
        String diff = sandbox.diff();
        String result = gitApply(diff);

        // then
        assertThat(result).as(diff).startsWith("0:");
        assertThat(diff).contains("diff --git a/sub/new.txt b/sub/new.txt\nnew file mode 100644\n--- /dev/null\n",
                "diff --git a/gone.txt b/gone.txt\ndeleted file mode 100644\n--- a/gone.txt\n+++ /dev/null\n",
                "diff --git a/src/Keep.java b/src/Keep.java\n--- a/src/Keep.java\n");
        assertThat(Files.readString(original.resolve("src/Keep.java"))).isEqualTo("a\nb\nsee\nd\ne\n");
        assertThat(Files.readString(original.resolve("sub/new.txt"))).isEqualTo("new\nwithout newline");
        assertThat(Files.readString(original.resolve("no-newline.txt"))).isEqualTo("x\ny\nz");
        assertThat(Files.readString(original.resolve("loses-newline.txt"))).isEqualTo("p\nq");
        assertThat(original.resolve("gone.txt")).doesNotExist();
    }

    @Test
    void shouldApplyACreatedAndADeletedEmptyFile() throws Exception {
        // given
        writeBoth("empty-gone.txt", "");
        Sandbox sandbox = sandbox("touch");
        sandbox.runCommand("touch __init__.py");
        sandbox.writeText("pkg/empty.txt", "");
        sandbox.delete("empty-gone.txt");

        // when
        String diff = sandbox.diff();
        String result = gitApply(diff);

        // then
        assertThat(diff).isEqualTo("""
                diff --git a/__init__.py b/__init__.py
                new file mode 100644
                --- /dev/null
                +++ b/__init__.py
                diff --git a/empty-gone.txt b/empty-gone.txt
                deleted file mode 100644
                --- a/empty-gone.txt
                +++ /dev/null
                diff --git a/pkg/empty.txt b/pkg/empty.txt
                new file mode 100644
                --- /dev/null
                +++ b/pkg/empty.txt
                """);
        assertThat(result).as(diff).startsWith("0:");
        assertThat(original.resolve("__init__.py")).isEmptyFile();
        assertThat(original.resolve("pkg/empty.txt")).isEmptyFile();
        assertThat(original.resolve("empty-gone.txt")).doesNotExist();
    }

    @Test
    void shouldApplyADiffOfACommandThatTurnsADirectoryIntoAFile() throws Exception {
        // given
        writeBoth("d/x.txt", "x\n");
        writeBoth("y.txt", "y\n");
        Sandbox sandbox = sandbox("rm -r", "cp");
        sandbox.runCommand("rm -r d");
        sandbox.runCommand("cp y.txt d");

        // when
        String diff = sandbox.diff();
        String result = gitApply(diff);

        // then: d/x.txt is deleted and d created, as git sees it
        assertThat(result).as(diff).startsWith("0:");
        assertThat(original.resolve("d")).isRegularFile().hasContent("y");
    }

    @Test
    void shouldMakeGitApplyFailWhenTheContentBeforeACommandWasNotKept() throws Exception {
        // given: nothing may be kept, and a change git could apply next to the one it cannot
        writeBoth("a.txt", "one\n");
        writeBoth("b.txt", "bee\n");
        Sandbox sandbox = new Sandbox(new LocalWorkspace(changed), WorkspacePolicy.builder()
                .allowedCommands(List.of("sed -i")).build(), new WorkspaceSnapshot.Limits(1000, 1000, 10_000, 0));
        sandbox.runCommand("sed -i s/one/two/ a.txt");
        sandbox.editText("b.txt", "bee", "be");

        // when
        String diff = sandbox.diff();
        String result = gitApply(diff);

        // then: refused as a whole, nothing applied, and the diff says why
        assertThat(result).as(diff).doesNotStartWith("0:").contains("without full index line");
        assertThat(Files.readString(original.resolve("a.txt"))).isEqualTo("one\n");
        assertThat(Files.readString(original.resolve("b.txt"))).isEqualTo("bee\n");
        assertThat(diff).startsWith("""
                diff --git a/a.txt b/a.txt
                index 0000000..0000000
                Binary files a/a.txt and b/a.txt differ
                # a.txt: content not in this diff (its content before the command 'sed -i s/one/two/ a.txt' \
                changed it was not kept: the snapshot's limits were reached); git apply refuses the diff, \
                apply the rest with --exclude=a.txt and make this change by hand
                diff --git a/b.txt b/b.txt
                """);

        // and the rest applies as the note says
        assertThat(gitApply(diff, "--exclude=a.txt")).as(diff).startsWith("0:");
        assertThat(Files.readString(original.resolve("b.txt"))).isEqualTo("be\n");
    }

    @ParameterizedTest
    @EnumSource(FileChange.Kind.class)
    void shouldMakeGitApplyFailForABinaryFileCreatedModifiedOrDeleted(FileChange.Kind kind) throws Exception {
        // given: a binary file created, modified or deleted by a command, and a text change
        for (Path tree : List.of(original, changed)) {
            Files.write(tree.resolve("src.bin"), new byte[] {0, 1, (byte) 0xff});
        }
        writeBoth("t.txt", "t\n");
        if (kind == FileChange.Kind.MODIFIED) {
            writeBoth("blob.bin", "text for now\n");
        } else if (kind == FileChange.Kind.DELETED) {
            for (Path tree : List.of(original, changed)) {
                Files.write(tree.resolve("blob.bin"), new byte[] {(byte) 0xfe});
            }
        }
        Sandbox sandbox = sandbox("cp", "rm");
        sandbox.runCommand(kind == FileChange.Kind.DELETED ? "rm blob.bin" : "cp src.bin blob.bin");
        sandbox.editText("t.txt", "t\n", "tt\n");

        // when
        String diff = sandbox.diff();
        String result = gitApply(diff);

        // then
        assertThat(sandbox.changedFiles()).contains(new FileChange("blob.bin", kind));
        String oldName = kind == FileChange.Kind.CREATED ? "/dev/null" : "a/blob.bin";
        String newName = kind == FileChange.Kind.DELETED ? "/dev/null" : "b/blob.bin";
        String mode = switch (kind) {
            case CREATED -> "new file mode 100644\n";
            case MODIFIED -> "";
            case DELETED -> "deleted file mode 100644\n";
        };
        assertThat(diff).startsWith("diff --git a/blob.bin b/blob.bin\n" + mode + "index 0000000..0000000\n"
                + "Binary files " + oldName + " and " + newName + " differ\n"
                + "# blob.bin: content not in this diff (not UTF-8 text); git apply refuses the diff, apply the "
                + "rest with --exclude=blob.bin and make this change by hand\n"
                + "diff --git a/t.txt b/t.txt\n");
        assertThat(result).as(diff).doesNotStartWith("0:")
                .contains("cannot apply binary patch to 'blob.bin' without full index line");
        assertThat(Files.readString(original.resolve("t.txt"))).isEqualTo("t\n");
    }
    @Test
    void shouldApplyTheExecutableBitOfAScriptTheAgentCreated() throws Exception {
        // given: a script written by the tools and made executable by a command
        Sandbox sandbox = sandbox("chmod");
        sandbox.writeText("bin/run.sh", "#!/bin/sh\necho run\n");
        sandbox.runCommand("chmod +x bin/run.sh");

        // when
        String diff = sandbox.diff();
        String result = gitApply(diff);

        // then
        assertThat(diff).startsWith("diff --git a/bin/run.sh b/bin/run.sh\nnew file mode 100755\n--- /dev/null\n");
        assertThat(result).as(diff).startsWith("0:");
        assertThat(original.resolve("bin/run.sh")).hasContent("#!/bin/sh\necho run");
        assertThat(Files.isExecutable(original.resolve("bin/run.sh"))).as("executable after git apply").isTrue();
    }

    @Test
    void shouldApplyExecutableBitsThatCommandsChangedWithOrWithoutTheContent() throws Exception {
        // given: one script made executable, one made not executable, one made executable and edited,
        // and an executable one that is only edited or deleted
        writeBoth("tool.sh", "echo tool\n");
        writeBoth("was.sh", "echo was\n");
        writeBoth("both.sh", "echo both\n");
        writeBoth("edited.sh", "echo edited\n");
        writeBoth("gone.sh", "echo gone\n");
        makeExecutableInBoth("was.sh");
        makeExecutableInBoth("edited.sh");
        makeExecutableInBoth("gone.sh");
        Sandbox sandbox = sandbox("chmod");
        sandbox.runCommand("chmod +x tool.sh");
        sandbox.runCommand("chmod -x was.sh");
        sandbox.editText("both.sh", "both", "both, changed");
        sandbox.runCommand("chmod +x both.sh");
        sandbox.editText("edited.sh", "edited", "edited, still executable");
        sandbox.delete("gone.sh");

        // when
        String diff = sandbox.diff();
        String result = gitApply(diff);

        // then
        assertThat(sandbox.changedFiles()).extracting(FileChange::path)
                .containsExactly("both.sh", "edited.sh", "gone.sh", "tool.sh", "was.sh");
        assertThat(diff).contains("diff --git a/tool.sh b/tool.sh\nold mode 100644\nnew mode 100755\n",
                "diff --git a/was.sh b/was.sh\nold mode 100755\nnew mode 100644\n",
                "diff --git a/both.sh b/both.sh\nold mode 100644\nnew mode 100755\n--- a/both.sh\n",
                "diff --git a/edited.sh b/edited.sh\n--- a/edited.sh\n",
                "diff --git a/gone.sh b/gone.sh\ndeleted file mode 100755\n");
        assertThat(result).as(diff).startsWith("0:").doesNotContain("warning");
        assertThat(Files.isExecutable(original.resolve("tool.sh"))).isTrue();
        assertThat(Files.isExecutable(original.resolve("was.sh"))).isFalse();
        assertThat(Files.isExecutable(original.resolve("both.sh"))).isTrue();
        assertThat(original.resolve("both.sh")).hasContent("echo both, changed");
        assertThat(Files.isExecutable(original.resolve("edited.sh"))).isTrue();
        assertThat(original.resolve("gone.sh")).doesNotExist();
    }
}
