package io.jenkins.plugins.aiworkflow.engine.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.sandbox.WorkspacePolicy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Workspace} implementation must do with recorded states ({@link Workspace#recordState},
 * {@link Workspace#restoreState}, {@link Workspace#discardStates}), whatever carries its calls: the second half of
 * the port's contract after {@link WorkspaceContract}. An implementation's test extends it and says how to make one
 * on a directory; {@link LocalWorkspace}'s is {@code LocalWorkspaceStateTest}. Files are set up and checked directly
 * on disk, and the store is a local directory outside the root.
 */
public abstract class WorkspaceStateContract {
    @TempDir
    protected Path root;
    @TempDir
    protected Path elsewhere;

    /** The implementation under test on {@code root}. */
    protected abstract Workspace workspace(Path root);

    protected Workspace workspace() {
        return workspace(root);
    }

    private String store() {
        return elsewhere.resolve("store").toString();
    }

    private Path write(String path, String text) throws IOException {
        return write(root, path, text);
    }

    private static Path write(Path base, String path, String text) throws IOException {
        Path file = base.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private static void chmod(Path file, String permissions) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    }

    private static void deleteTree(Path path) throws IOException {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            try (var children = Files.list(path)) {
                for (Path child : children.toList()) {
                    deleteTree(child);
                }
            }
        }
        Files.delete(path);
    }

    /**
     * Every path below {@code base}, links not followed: a directory as {@code dir}, a link as its target, a file
     * as its permissions and its bytes, so that two trees compare byte for byte.
     */
    private static Map<String, String> tree(Path base) throws IOException {
        Map<String, String> tree = new TreeMap<>();
        Files.walkFileTree(base, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                if (!dir.equals(base)) {
                    tree.put(base.relativize(dir).toString(), "dir");
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                String value = attributes.isSymbolicLink() ? "link to " + Files.readSymbolicLink(file)
                        : PosixFilePermissions.toString(Files.getPosixFilePermissions(file)) + " "
                        + Base64.getEncoder().encodeToString(Files.readAllBytes(file));
                tree.put(base.relativize(file).toString(), value);
                return FileVisitResult.CONTINUE;
            }
        });
        return tree;
    }

    @Test
    void shouldPutBackEveryChangeByteForByte() throws IOException {
        // given: text, binary, empty and executable files
        write("src/A.java", "class A {}\n");
        write("src/B.java", "class B {}\n");
        chmod(write("bin/run.sh", "#!/bin/sh\necho run\n"), "rwxr-xr-x");
        chmod(write("bin/tool.sh", "#!/bin/sh\necho tool\n"), "rwxr-x---");
        chmod(write("bin/build.sh", "#!/bin/sh\necho build\n"), "rwxr-xr-x");
        write("docs/readme.md", "read me\n");
        byte[] binary = new byte[70_000];
        new Random(7).nextBytes(binary);
        Files.write(root.resolve("data.bin"), binary);
        write("empty.txt", "");
        Files.createDirectories(root.resolve("kept-empty-dir"));
        Map<String, String> before = tree(root);
        Workspace workspace = workspace();
        WorkspaceState state = workspace.recordState(StateRequest.builder().store(store()).build());

        // when: the loop changes, creates, deletes and chmods files
        write("src/A.java", "class A { broken }\n");
        Files.delete(root.resolve("src/B.java"));
        write("src/C.java", "class C {}\n");
        write("new/deeper/D.java", "class D {}\n");
        chmod(root.resolve("bin/run.sh"), "rw-r--r--");
        Files.delete(root.resolve("bin/tool.sh"));
        chmod(write("bin/build.sh", "#!/bin/sh\necho broken\n"), "rw-r--r--");
        chmod(root.resolve("docs/readme.md"), "rwxr-xr-x");
        Files.write(root.resolve("data.bin"), new byte[] {1, 2, 3});
        write("empty.txt", "not empty");
        RestoreResult result = workspace.restoreState(state);

        // then
        assertThat(tree(root)).isEqualTo(before);
        assertThat(result.complete()).isTrue();
        assertThat(result.restored()).containsExactlyInAnyOrder(
                new FileChange("src/C.java", FileChange.Kind.CREATED),
                new FileChange("new/deeper/D.java", FileChange.Kind.CREATED),
                new FileChange("src/A.java", FileChange.Kind.MODIFIED),
                new FileChange("src/B.java", FileChange.Kind.DELETED),
                new FileChange("bin/run.sh", FileChange.Kind.MODIFIED),
                new FileChange("bin/tool.sh", FileChange.Kind.DELETED),
                new FileChange("bin/build.sh", FileChange.Kind.MODIFIED),
                new FileChange("docs/readme.md", FileChange.Kind.MODIFIED),
                new FileChange("data.bin", FileChange.Kind.MODIFIED),
                new FileChange("empty.txt", FileChange.Kind.MODIFIED));
        assertThat(state.entries().get("bin/run.sh").executable()).isTrue();
        assertThat(state.entries().get("docs/readme.md").executable()).isFalse();
    }

    @Test
    void shouldChangeNothingWhenNothingChanged() throws IOException {
        // given
        write("src/A.java", "class A {}\n");
        Workspace workspace = workspace();
        WorkspaceState state = workspace.recordState(StateRequest.builder().store(store()).build());

        // when
        RestoreResult result = workspace.restoreState(state);

        // then
        assertThat(result.restored()).isEmpty();
        assertThat(result.complete()).isTrue();
    }

    @Test
    void shouldNeverTouchHiddenIgnoredOrGitFiles() throws IOException {
        // given: build output git ignores, the repository, hidden files, and a recorded source file
        write(".gitignore", "target/\n*.log\n");
        write("target/out.class", "compiled");
        write("app.log", "log");
        write(".git/config", "[core]");
        write(".env", "TOKEN=1");
        write("secrets/key", "k");
        write("src/A.java", "class A {}\n");
        Workspace workspace = workspace();
        WorkspaceState state = workspace.recordState(StateRequest.builder().store(store())
                .hidden(List.of(".env", "secrets/**")).build());

        // when: the loop changes all of them, and un-ignores the logs in .gitignore
        write("target/out.class", "recompiled");
        write("target/new.class", "new");
        write("app.log", "more log");
        write("new.log", "new log");
        write(".git/config", "[core] changed");
        write(".git/new", "object");
        write(".env", "TOKEN=2");
        write("secrets/new", "n");
        write("src/A.java", "class A { changed }\n");
        write(".gitignore", "target/\n");
        Map<String, String> changed = tree(root);
        RestoreResult result = workspace.restoreState(state);

        // then: only the recorded files are back; what git ignored then is still ignored, whatever .gitignore says now
        Map<String, String> after = tree(root);
        assertThat(Files.readString(root.resolve("src/A.java"))).isEqualTo("class A {}\n");
        assertThat(Files.readString(root.resolve(".gitignore"))).isEqualTo("target/\n*.log\n");
        for (String untouched : List.of("target/out.class", "target/new.class", "app.log", "new.log", ".git/config",
                ".git/new", ".env", "secrets/key", "secrets/new")) {
            assertThat(after.get(untouched)).as(untouched).isEqualTo(changed.get(untouched));
        }
        assertThat(state.entries()).containsOnlyKeys(".gitignore", "src/A.java");
        assertThat(result.restored()).extracting(FileChange::path).containsExactlyInAnyOrder(".gitignore",
                "src/A.java");
    }

    @Test
    void shouldHonourTheGitIgnoreFileOfEveryDirectoryWhateverItIs() throws IOException {
        // given: .gitignore files below the root as a file, as a link to a file inside the workspace, as a link
        // leading outside, as a directory, and none at all
        write("a/.gitignore", "*.tmp\n");
        write("a/b/c/.gitignore", "out/\n");
        write("shared/ignore-rules", "*.gen\n");
        Files.createDirectories(root.resolve("linked"));
        Files.createSymbolicLink(root.resolve("linked/.gitignore"), Path.of("../shared/ignore-rules"));
        write(elsewhere, "outside-rules", "*.java\n");
        Files.createDirectories(root.resolve("outside"));
        Files.createSymbolicLink(root.resolve("outside/.gitignore"), elsewhere.resolve("outside-rules"));
        write("dir/.gitignore/inner.txt", "a file in a directory named .gitignore\n");
        for (String path : List.of("a/x.tmp", "a/x.java", "a/b/y.tmp", "a/b/c/out/z.java", "a/b/c/k.java",
                "linked/g.gen", "linked/g.java", "outside/o.java", "dir/d.tmp", "top.tmp")) {
            write(path, path);
        }

        // when
        WorkspaceState state = workspace().recordState(StateRequest.builder().store(store()).build());

        // then: each directory's rules apply below it; a link leading outside is not read; a directory is no rules
        assertThat(state.entries()).containsOnlyKeys("a/.gitignore", "a/b/c/.gitignore", "shared/ignore-rules",
                "linked/.gitignore", "outside/.gitignore", "dir/.gitignore/inner.txt", "a/x.java", "a/b/c/k.java",
                "linked/g.java", "outside/o.java", "dir/d.tmp", "top.tmp");
        assertThat(state.ignoreFiles()).containsOnlyKeys("a", "a/b/c", "linked");
    }

    @Test
    void shouldOnlyTouchTheSelectedFiles() throws IOException {
        // given: only src is writable; a read-only file inside it too
        write("src/A.java", "class A {}\n");
        write("src/test/ATest.java", "class ATest {}\n");
        write("pom.xml", "<project/>");
        Workspace workspace = workspace();
        WorkspaceState state = workspace.recordState(WorkspacePolicy.builder().writable(List.of("src/**"))
                .readOnly(List.of("src/test/**")).build().stateRequest().store(store()).build());

        // when: a command changes files outside the selection too
        write("src/A.java", "changed");
        write("src/test/ATest.java", "changed");
        write("src/test/New.java", "new");
        write("pom.xml", "changed");
        write("other/New.java", "new");
        workspace.restoreState(state);

        // then
        assertThat(state.entries()).containsOnlyKeys("src/A.java");
        assertThat(Files.readString(root.resolve("src/A.java"))).isEqualTo("class A {}\n");
        assertThat(root.resolve("src/test/New.java")).hasContent("new");
        assertThat(root.resolve("src/test/ATest.java")).hasContent("changed");
        assertThat(root.resolve("pom.xml")).hasContent("changed");
        assertThat(root.resolve("other/New.java")).hasContent("new");
    }

    @Test
    void shouldRestoreFilesThatBecameDirectoriesAndDirectoriesThatBecameFiles() throws IOException {
        // given
        write("x.txt", "x");
        write("y.txt", "y");
        write("d/one.txt", "1");
        write("d/sub/two.txt", "2");
        Map<String, String> before = tree(root);
        Workspace workspace = workspace();
        WorkspaceState state = workspace.recordState(StateRequest.builder().store(store()).build());

        // when: a file becomes a directory with files, another an empty directory, a directory a file
        Files.delete(root.resolve("x.txt"));
        write("x.txt/inner.txt", "inner");
        Files.delete(root.resolve("y.txt"));
        Files.createDirectory(root.resolve("y.txt"));
        deleteTree(root.resolve("d"));
        write("d", "now a file");
        RestoreResult result = workspace.restoreState(state);

        // then
        assertThat(tree(root)).isEqualTo(before);
        assertThat(result.complete()).isTrue();
    }

    @Test
    void shouldRecordLinksAsLinksAndNeverFollowThemOutOfTheWorkspace() throws IOException {
        // given: links out of the workspace (to a directory and a file) and one inside it
        Path outside = Files.createDirectories(elsewhere.resolve("outside"));
        write(outside, "secret.txt", "outside secret");
        write("src/A.java", "class A {}\n");
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createSymbolicLink(root.resolve("escape.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("inner.java"), Path.of("src/A.java"));
        Map<String, String> before = tree(root);
        Map<String, String> outsideBefore = tree(outside);
        Workspace workspace = workspace();
        WorkspaceState state = workspace.recordState(StateRequest.builder().store(store()).build());

        // when: links retargeted or replaced, a new one out, and the directory src replaced by a link out
        Files.delete(root.resolve("escape.txt"));
        Files.createSymbolicLink(root.resolve("escape.txt"), Path.of("src/A.java"));
        Files.delete(root.resolve("inner.java"));
        write("inner.java", "now a file");
        Files.createSymbolicLink(root.resolve("new-escape"), outside.resolve("secret.txt"));
        write(outside, "A.java", "outside A");
        deleteTree(root.resolve("src"));
        Files.createSymbolicLink(root.resolve("src"), outside);
        RestoreResult result = workspace.restoreState(state);

        // then: the workspace is as recorded, and nothing outside it was read, written or deleted
        assertThat(tree(root)).isEqualTo(before);
        assertThat(result.complete()).isTrue();
        Map<String, String> outsideNow = tree(outside);
        assertThat(outsideNow).containsAllEntriesOf(outsideBefore).containsKey("A.java");
        assertThat(outside.resolve("A.java")).hasContent("outside A");
        assertThat(state.entries().get("escape").kind()).isEqualTo(WorkspaceState.Kind.LINK);
        assertThat(state.entries().get("escape").linkTarget()).isEqualTo(outside.toString());
        assertThat(state.entries().get("escape.txt").linkTarget()).isEqualTo(outside.resolve("secret.txt").toString());
        assertThat(storedContents()).noneMatch(content -> content.contains("outside secret"));
    }

    private List<String> storedContents() throws IOException {
        try (var blobs = Files.list(Path.of(store(), StateStore.BLOBS))) {
            return blobs.map(blob -> {
                try {
                    return Files.readString(blob, StandardCharsets.ISO_8859_1);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    @Test
    void shouldStoreUnchangedContentOnceAndRestoreAnyRecordedState() throws IOException {
        // given: a state, then one with a single file changed
        write("src/A.java", "version 1\n");
        write("src/B.java", "b".repeat(10_000));
        Workspace workspace = workspace();
        WorkspaceState first = workspace.recordState(StateRequest.builder().store(store()).build());
        write("src/A.java", "version 2, longer\n");
        WorkspaceState second = workspace.recordState(StateRequest.builder().previous(first).build());

        // when
        RestoreResult backToFirst = workspace.restoreState(first);
        String afterFirst = Files.readString(root.resolve("src/A.java"));
        RestoreResult backToSecond = workspace.restoreState(second);

        // then
        assertThat(second.store()).isEqualTo(first.store());
        assertThat(second.storeBytes() - first.storeBytes()).isEqualTo("version 2, longer\n".length());
        assertThat(afterFirst).isEqualTo("version 1\n");
        assertThat(root.resolve("src/A.java")).hasContent("version 2, longer\n");
        assertThat(backToFirst.restored()).containsExactly(new FileChange("src/A.java", FileChange.Kind.MODIFIED));
        assertThat(backToSecond.restored()).containsExactly(new FileChange("src/A.java", FileChange.Kind.MODIFIED));
    }

    @Test
    void shouldNotReadAgainAFileWhoseSizeAndTimeAreUnchanged() throws IOException {
        // given: a file modified well before the first state
        Path file = write("src/A.java", "version 1\n");
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(java.time.Duration.ofHours(1)));
        Files.setLastModifiedTime(file, old);
        Workspace workspace = workspace();
        WorkspaceState first = workspace.recordState(StateRequest.builder().store(store()).build());

        // when: its bytes change but not its size and time (what only a deliberate reset of the time does)
        Files.writeString(file, "version 2\n");
        Files.setLastModifiedTime(file, old);
        WorkspaceState second = workspace.recordState(StateRequest.builder().previous(first).build());

        // then: as for a snapshot (and git), size and time vouch for the content: it was not read again
        assertThat(first.entries().get("src/A.java").settled()).isTrue();
        assertThat(second.entries().get("src/A.java").sha256()).isEqualTo(first.entries().get("src/A.java").sha256());
        assertThat(second.storeBytes()).isEqualTo(first.storeBytes());
    }

    @Test
    void shouldLeaveFilesOverTheLimitAloneAndSaySo() throws IOException {
        // given
        write("small.txt", "small");
        write("large.txt", "l".repeat(2_000));
        Workspace workspace = workspace();
        WorkspaceState state = workspace.recordState(StateRequest.builder().store(store()).maxFileBytes(1_000)
                .build());

        // when
        Files.delete(root.resolve("large.txt"));
        write("small.txt", "changed");
        RestoreResult result = workspace.restoreState(state);

        // then
        assertThat(state.complete()).isFalse();
        assertThat(state.notRecorded()).containsOnlyKeys("large.txt");
        assertThat(state.notRecorded().get("large.txt")).contains("larger than maxFileBytes");
        assertThat(root.resolve("large.txt")).doesNotExist();
        assertThat(root.resolve("small.txt")).hasContent("small");
        assertThat(result.complete()).isTrue();
    }

    @Test
    void shouldSayWhichFilesWereRestoredWhenOneCannotBe() throws IOException {
        // given: a hidden name in a directory; the restore may never touch a path by that name
        write("src/a/f.txt", "f");
        write("src/b.txt", "b");
        Workspace workspace = workspace();
        WorkspaceState state = workspace.recordState(StateRequest.builder().store(store())
                .hidden(List.of("src/a")).build());

        // when: the directory is replaced by a (hidden) file, and another file changes
        deleteTree(root.resolve("src/a"));
        write("src/a", "hidden file");
        write("src/b.txt", "changed");
        RestoreResult result = workspace.restoreState(state);

        // then
        assertThat(result.complete()).isFalse();
        assertThat(result.restored()).containsExactly(new FileChange("src/b.txt", FileChange.Kind.MODIFIED));
        assertThat(result.failed()).singleElement().satisfies(failure -> {
            assertThat(failure.path()).isEqualTo("src/a/f.txt");
            assertThat(failure.reason()).contains("its parent 'src/a' is now a file that the restore may not remove");
        });
        assertThat(root.resolve("src/a")).hasContent("hidden file");
        assertThat(root.resolve("src/b.txt")).hasContent("b");
    }

    @Test
    void shouldNeverWriteThroughALinkItMayNotRemove() throws IOException {
        // given: a directory whose own name is hidden, so that the restore may not remove what stands there
        Path outside = Files.createDirectories(elsewhere.resolve("outside"));
        write("lib/x.txt", "x");
        Workspace workspace = workspace();
        WorkspaceState state = workspace.recordState(StateRequest.builder().store(store()).hidden(List.of("lib"))
                .build());

        // when: the directory is replaced by a link out of the workspace
        deleteTree(root.resolve("lib"));
        Files.createSymbolicLink(root.resolve("lib"), outside);
        RestoreResult result = workspace.restoreState(state);

        // then
        assertThat(outside).isEmptyDirectory();
        assertThat(Files.isSymbolicLink(root.resolve("lib"))).isTrue();
        assertThat(result.failed()).singleElement().satisfies(failure -> {
            assertThat(failure.path()).isEqualTo("lib/x.txt");
            assertThat(failure.reason()).contains("its parent 'lib' is now a symbolic link that the restore may not "
                    + "remove");
        });
    }

    @Test
    void shouldRestoreAStateThatTravelledAsSerializedBytes() throws Exception {
        // given: request and state cross a process boundary, as between a Jenkins controller and agent
        write("src/A.java", "class A {}\n");
        Workspace workspace = workspace();
        StateRequest request = roundTrip(StateRequest.builder().store(store()).hidden(List.of(".env")).build());
        WorkspaceState state = roundTrip(workspace.recordState(request));
        write("src/A.java", "changed");

        // when
        RestoreResult result = roundTrip(workspace.restoreState(state));

        // then
        assertThat(root.resolve("src/A.java")).hasContent("class A {}\n");
        assertThat(result.restored()).containsExactly(new FileChange("src/A.java", FileChange.Kind.MODIFIED));
    }

    @Test
    void shouldRestoreAStateReadBackFromItsJsonFormByteForByte() throws Exception {
        // given: a state with a file, an executable, a link, an ignored file and one not recorded, written as JSON
        write("src/A.java", "class A {}\n");
        chmod(write("run.sh", "echo run\n"), "rwxr-x---");
        Files.createSymbolicLink(root.resolve("link"), Path.of("src/A.java"));
        write(".gitignore", "build/\n");
        write("build/out.txt", "ignored\n");
        write("big.bin", "x".repeat(100));
        Workspace workspace = workspace();
        WorkspaceState recorded = workspace.recordState(StateRequest.builder().store(store()).hidden(List.of(".env"))
                .maxFileBytes(50).build());
        Map<String, String> before = tree(root);
        String json = recorded.toJson();

        // when: the files change, and the state comes back from its JSON form alone
        write("src/A.java", "changed");
        chmod(root.resolve("run.sh"), "rw-------");
        Files.delete(root.resolve("link"));
        write("src/New.java", "new");
        WorkspaceState read = WorkspaceState.fromJson(json, "start.json");
        RestoreResult result = workspace.restoreState(read);

        // then
        assertThat(result.complete()).isTrue();
        assertThat(tree(root)).isEqualTo(before);
        assertThat(read.entries()).isEqualTo(recorded.entries());
        assertThat(read.notRecorded()).isEqualTo(recorded.notRecorded()).containsKey("big.bin");
        assertThat(read.ignoreFiles()).isEqualTo(recorded.ignoreFiles());
        assertThat(read.directories()).isEqualTo(recorded.directories());
        assertThat(List.of(read.store(), read.writable(), read.readOnly(), read.hidden(), read.recordedAt(),
                read.storeBytes())).isEqualTo(List.of(recorded.store(), recorded.writable(), recorded.readOnly(),
                recorded.hidden(), recorded.recordedAt(), recorded.storeBytes()));
        assertThat(read.toJson()).isEqualTo(json);
    }

    @Test
    void shouldRefuseAJsonFormThatIsNotAStateNamingTheSource() {
        // when / then
        for (String json : List.of("", "[]", "{\"format\":\"aiwf-workspace-state/1\"}",
                "{\"format\":\"other\",\"store\":\"/tmp/x\"}",
                "{\"format\":\"aiwf-workspace-state/1\",\"store\":\"/tmp/x\",\"writable\":[\"**\"],\"readOnly\":[],"
                        + "\"hidden\":[],\"recordedAt\":\"2025-09-01T10:00:00Z\",\"storeBytes\":0,\"entries\":"
                        + "[{\"path\":\"a\",\"kind\":\"FILE\",\"size\":1,\"lastModified\":\"2025-09-01T10:00:00Z\"}],"
                        + "\"directories\":[],\"ignoreFiles\":{},\"notRecorded\":{}}")) {
            assertThatThrownBy(() -> WorkspaceState.fromJson(json, "start.json"))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageStartingWith("state 'start.json' ")
                    .hasMessageContaining("accepted: the JSON form of a recorded workspace state (WorkspaceState.toJson)")
                    .satisfies(e -> assertThat(((InvalidRequestException) e).parameter()).contains("state"));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    void shouldRefuseAStoreInsideTheWorkspace() {
        // given
        Workspace workspace = workspace();

        // then
        assertThatThrownBy(() -> workspace.recordState(StateRequest.builder().store(root.resolve("states").toString())
                .build()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("is inside the workspace")
                .hasMessageContaining("accepted: a directory outside the workspace")
                .satisfies(e -> assertThat(((InvalidRequestException) e).parameter()).contains("store"));
        assertThat(root.resolve("states")).doesNotExist();
    }

    @Test
    void shouldRefuseADirectoryThatIsNoStore() throws IOException {
        // given: a directory of the user's
        Path mine = write(elsewhere, "mine/notes.txt", "mine").getParent();
        Workspace workspace = workspace();

        // then: neither recorded into nor deleted
        assertThatThrownBy(() -> workspace.recordState(StateRequest.builder().store(mine.toString()).build()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("is not a state store");
        assertThatThrownBy(() -> workspace.discardStates(mine.toString()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("nothing was deleted");
        assertThat(mine.resolve("notes.txt")).hasContent("mine");
    }

    @Test
    void shouldDiscardAStoreSoThatItsStatesCannotBeRestored() throws IOException {
        // given
        write("src/A.java", "class A {}\n");
        Workspace workspace = workspace();
        WorkspaceState state = workspace.recordState(StateRequest.builder().build());
        write("src/A.java", "changed");

        // when
        workspace.discardStates(state.store());

        // then
        assertThat(Path.of(state.store())).doesNotExist();
        assertThatThrownBy(() -> workspace.restoreState(state)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("does not exist");
        assertThat(root.resolve("src/A.java")).hasContent("changed");
    }

    @Test
    void shouldRefuseAStateWithAPathOutsideTheWorkspaceBeforeChangingAnything() throws IOException {
        // given: a state whose paths were tampered with
        write("src/A.java", "class A {}\n");
        Workspace workspace = workspace();
        WorkspaceState recorded = workspace.recordState(StateRequest.builder().store(store()).build());
        WorkspaceState.Entry a = recorded.entries().get("src/A.java");
        WorkspaceState.Entry evil = new WorkspaceState.Entry("../evil.txt", WorkspaceState.Kind.FILE, a.size(),
                a.lastModified(), a.sha256(), null, a.permissions(), true);
        WorkspaceState tampered = new WorkspaceState(recorded.store(), StateRequest.builder().build(),
                recorded.recordedAt(), Map.of("src/A.java", a, "../evil.txt", evil), recorded.directories(),
                recorded.ignoreFiles(), Map.of(), recorded.storeBytes());
        write("src/A.java", "changed");

        // then
        assertThatThrownBy(() -> workspace.restoreState(tampered)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("'../evil.txt', which is not a normalised path inside the workspace");
        assertThat(root.resolve("src/A.java")).hasContent("changed");
        assertThat(root.getParent().resolve("evil.txt")).doesNotExist();
    }
}
