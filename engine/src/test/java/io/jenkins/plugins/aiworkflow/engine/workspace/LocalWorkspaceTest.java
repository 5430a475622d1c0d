package io.jenkins.plugins.aiworkflow.engine.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link LocalWorkspace} passes the {@link WorkspaceContract}; besides, what only it has (a write that
 * streams its content, the port's default skip rule through it) and the path helpers.
 */
class LocalWorkspaceTest extends WorkspaceContract {
    @Override
    protected Workspace workspace(Path root, Map<String, String> environment) {
        return new LocalWorkspace(root, environment);
    }

    @Test
    void shouldSkipDirectoriesByFilteringWhenAnImplementationDoesNotWalkItself() throws IOException {
        // given: a workspace that only implements the plain find, as a port implementation may
        write("src/A.java", "a");
        write("build/gen/B.java", "b");
        LocalWorkspace local = new LocalWorkspace(root);
        Workspace plain = new ForwardingWorkspace(local);

        // when
        List<WorkspaceFile> files = plain.find(List.of("**"), (dir, walked) -> dir.equals("build"));

        // then
        assertThat(files).extracting(WorkspaceFile::path).containsExactly("src/A.java");
    }

    @Test
    void shouldNormalizeHarmlessRelativePaths() {
        assertThat(WorkspacePaths.normalize("a/./b//c/../d.xml")).isEqualTo("a/b/d.xml");
        assertThat(WorkspacePaths.normalize("a\\b.xml")).isEqualTo("a/b.xml");
        assertThat(WorkspacePaths.normalizeGlob("reports/")).isEqualTo("reports/**");
        // names that only start with dots are names: kept as they are
        assertThat(WorkspacePaths.normalize(".hidden/..x/a..b/.")).isEqualTo(".hidden/..x/a..b");
        assertThat(WorkspacePaths.normalize("a/b.xml/")).isEqualTo("a/b.xml");
        assertThat(WorkspacePaths.normalize("./a")).isEqualTo("a");
        assertThat(WorkspacePaths.normalize("a/..")).isEmpty();
    }

    @Test
    void shouldFindAFileAtTheBottomOfAVeryDeepTree() throws IOException {
        // given: 300 directories in one another
        String deep = "d/".repeat(300);
        write(deep + "TEST-deep.xml", "<testsuite/>");
        LocalWorkspace workspace = new LocalWorkspace(root);

        // when
        List<WorkspaceFile> found = workspace.find(List.of("**/TEST-*.xml"));

        // then
        assertThat(found).extracting(WorkspaceFile::path).containsExactly(deep + "TEST-deep.xml");
    }

    @Test
    void shouldFindTheFilesOfARootThatIsASymbolicLink() throws IOException {
        // given: the workspace named through a link to its directory, as the other operations follow it
        write("target/surefire-reports/TEST-a.xml", "<testsuite/>");
        Path link = Files.createSymbolicLink(outside.resolve("workspace"), root);
        LocalWorkspace workspace = new LocalWorkspace(link);

        // when
        List<WorkspaceFile> found = workspace.find(List.of("**/TEST-*.xml"));

        // then: before, the walk looked at the link itself and found nothing
        assertThat(found).extracting(WorkspaceFile::path, WorkspaceFile::link)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("target/surefire-reports/TEST-a.xml", false));
        assertThat(workspace.stat("target/surefire-reports/TEST-a.xml")).isNotNull();
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
}
