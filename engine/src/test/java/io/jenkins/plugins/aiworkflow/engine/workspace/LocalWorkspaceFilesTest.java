package io.jenkins.plugins.aiworkflow.engine.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file primitives of the port on the local file system: stat, realPath, write, delete. */
class LocalWorkspaceFilesTest {
    @TempDir
    Path root;

    private Path write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private static List<String> namesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void shouldStatFilesAndDirectories() throws IOException {
        // given
        write("src/Main.java", "class Main {}");
        LocalWorkspace workspace = new LocalWorkspace(root);

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
    void shouldTellWhetherTheOwnerMayExecuteAFileInStatAndFind() throws IOException {
        // given: an executable script, a plain file, a link to the script, and a directory
        Path script = write("bin/run.sh", "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        write("bin/notes.txt", "x");
        Files.createSymbolicLink(root.resolve("run"), script);
        LocalWorkspace workspace = new LocalWorkspace(root);

        // when
        List<WorkspaceFile> found = workspace.find(List.of("**"));

        // then: as git's 100755 and 100644; a link is its target's, a directory never executable
        assertThat(found).extracting(WorkspaceFile::path, WorkspaceFile::executable).containsExactly(
                org.assertj.core.groups.Tuple.tuple("bin/notes.txt", false),
                org.assertj.core.groups.Tuple.tuple("bin/run.sh", true),
                org.assertj.core.groups.Tuple.tuple("run", true));
        assertThat(workspace.stat("bin/run.sh")).hasValueSatisfying(file -> assertThat(file.executable()).isTrue());
        assertThat(workspace.stat("bin/notes.txt")).hasValueSatisfying(file -> assertThat(file.executable()).isFalse());
        assertThat(workspace.stat("bin")).hasValueSatisfying(file -> assertThat(file.executable()).isFalse());
    }

    @Test
    void shouldWriteANewFileAndCreateItsParentDirectories() throws IOException {
        // given
        LocalWorkspace workspace = new LocalWorkspace(root);

        // when
        workspace.write("a/b/c.txt", "hello".getBytes(StandardCharsets.UTF_8));

        // then
        assertThat(root.resolve("a/b/c.txt")).hasContent("hello");
        assertThat(namesIn(root.resolve("a/b"))).containsExactly("c.txt");
    }

    @Test
    void shouldReplaceAnExistingFileAndKeepItsPermissions() throws IOException {
        // given
        Path script = write("mvnw", "#!/bin/sh\necho old\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        LocalWorkspace workspace = new LocalWorkspace(root);

        // when
        workspace.write("mvnw", "#!/bin/sh\necho new\n".getBytes(StandardCharsets.UTF_8));

        // then
        assertThat(script).hasContent("#!/bin/sh\necho new\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(script))).isEqualTo("rwxr-x---");
        assertThat(namesIn(root)).containsExactly("mvnw");
    }

    @Test
    void shouldLeaveTheOriginalIntactAndNoTemporaryFileWhenAWriteFailsHalfway() throws IOException {
        // given: content that fails after half of it was written
        Path file = write("src/Main.java", "original content");
        LocalWorkspace workspace = new LocalWorkspace(root);

        // when
        assertThatThrownBy(() -> workspace.write("src/Main.java", out -> {
            out.write("half of the new cont".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        })).isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("could not write 'src/Main.java'")
                .hasMessageContaining("disk full")
                .hasMessageContaining("the file was left as it was");

        // then
        assertThat(file).hasContent("original content");
        assertThat(namesIn(root.resolve("src"))).containsExactly("Main.java");
    }

    @Test
    void shouldLeaveNoFileWhenANewFileFailsHalfway() throws IOException {
        // given
        LocalWorkspace workspace = new LocalWorkspace(root);
        Files.createDirectories(root.resolve("src"));

        // when
        assertThatThrownBy(() -> workspace.write("src/New.java", out -> {
            out.write(new byte[100]);
            throw new IllegalStateException("content supplier failed");
        })).isInstanceOf(WorkspaceException.class).hasMessageContaining("content supplier failed");

        // then
        assertThat(namesIn(root.resolve("src"))).isEmpty();
    }

    @Test
    void shouldRefuseToWriteOverADirectoryOrTheRootOrBelowAFile() throws IOException {
        // given
        write("dir/file.txt", "x");
        LocalWorkspace workspace = new LocalWorkspace(root);
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
        LocalWorkspace workspace = new LocalWorkspace(root);

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
        LocalWorkspace workspace = new LocalWorkspace(root);

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
        LocalWorkspace workspace = new LocalWorkspace(root);

        // then
        assertThat(workspace.realPath("alias/dir/file.txt")).isEqualTo("real/dir/file.txt");
        assertThat(workspace.realPath("alias/dir/new/file.txt")).isEqualTo("real/dir/new/file.txt");
        assertThat(workspace.realPath("plain/./x/../y.txt")).isEqualTo("plain/y.txt");
    }

    @Test
    void shouldGiveCommandsExactlyTheGivenEnvironmentWhenNotInheriting() {
        // given: a workspace whose commands would inherit a variable
        Map<String, String> base = Map.of("PATH", System.getenv("PATH"), "INHERITED", "from-base");
        LocalWorkspace workspace = new LocalWorkspace(root, base);

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
        LocalWorkspace workspace = new LocalWorkspace(root);
        workspace.write("x.txt", "äöü".getBytes(StandardCharsets.UTF_8));

        // when
        byte[] read;
        try (InputStream in = workspace.openRead("x.txt")) {
            read = in.readAllBytes();
        }

        // then
        assertThat(new String(read, StandardCharsets.UTF_8)).isEqualTo("äöü");
    }

    @Test
    void shouldNotPrintEnvironmentValuesOfARequest() {
        // given
        CommandRequest request = new CommandRequest("env", Map.of("OPENAI_API_KEY", "sk-test-123"),
                Duration.ofMinutes(1), 1_000);

        // then
        assertThat(request.toString()).contains("OPENAI_API_KEY").doesNotContain("sk-test-123");
        assertThat(request.inheritEnvironment()).isTrue();
    }
}
