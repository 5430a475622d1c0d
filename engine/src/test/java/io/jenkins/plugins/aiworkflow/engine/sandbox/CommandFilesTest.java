package io.jenkins.plugins.aiworkflow.engine.sandbox;

import static io.jenkins.plugins.aiworkflow.engine.workspace.OperatingSystem.UNIX;
import static io.jenkins.plugins.aiworkflow.engine.workspace.OperatingSystem.WINDOWS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.aiworkflow.engine.workspace.CommandResult;
import io.jenkins.plugins.aiworkflow.engine.workspace.FileChange;
import io.jenkins.plugins.aiworkflow.engine.workspace.ForwardingWorkspace;
import io.jenkins.plugins.aiworkflow.engine.workspace.LocalWorkspace;
import io.jenkins.plugins.aiworkflow.engine.workspace.OperatingSystem;
import io.jenkins.plugins.aiworkflow.engine.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The agent cannot rewrite what it may execute: a workspace file that an allowed command names is
 * read-only to its tools, and a command whose files were changed in the run (by the tools or by
 * another command) is refused before it runs.
 */
class CommandFilesTest {
    private static final String ORIGINAL = "echo original > ran.txt\n";
    private static final String EVIL = "echo evil > ran.txt\n";

    @TempDir
    Path root;

    private Path write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private Sandbox sandbox(String... allowedCommands) {
        return new Sandbox(new LocalWorkspace(root), WorkspacePolicy.builder()
                .allowedCommands(List.of(allowedCommands)).build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"./build.sh|build.sh", "sh scripts/test.sh|scripts/test.sh",
        "python tools/x.py|tools/x.py", "node ./tools/x.js|tools/x.js", "make -f Makefile.ci|Makefile.ci"})
    void shouldRefuseToOverwriteEditOrDeleteAFileAnAllowedCommandNames(String form) throws IOException {
        // given
        String command = form.substring(0, form.indexOf('|'));
        String file = form.substring(form.indexOf('|') + 1);
        write(file, ORIGINAL);
        Sandbox sandbox = sandbox(command);

        // then
        assertThatThrownBy(() -> sandbox.writeText(file, EVIL)).isInstanceOf(PolicyViolation.class)
                .hasMessageContaining("path '" + file + "' is read-only: the allowed command '" + command
                        + "' names it");
        assertThatThrownBy(() -> sandbox.editText(file, "original", "evil")).isInstanceOf(PolicyViolation.class);
        assertThatThrownBy(() -> sandbox.delete(file)).isInstanceOf(PolicyViolation.class);
        assertThat(root.resolve(file)).hasContent(ORIGINAL.strip());
        assertThat(sandbox.changedFiles()).isEmpty();
    }

    @Test
    void shouldRunAnAllowedScriptThatIsAsItWas() throws IOException {
        // given
        write("build.sh", ORIGINAL);
        Sandbox sandbox = sandbox("./build.sh");

        // when
        CommandResult result = sandbox.runCommand("./build.sh");

        // then
        assertThat(result.exitCode()).isZero();
        assertThat(root.resolve("ran.txt")).hasContent("original");
    }

    @Test
    void shouldRefuseToRunAScriptThatAnotherAllowedCommandOverwrote() throws IOException {
        // given: the agent writes its own script and copies it over the allowed one with another allowed command
        write("build.sh", ORIGINAL);
        Sandbox sandbox = sandbox("./build.sh", "cp");
        sandbox.writeText("evil.sh", EVIL);
        CommandRun copy = sandbox.runTrackedCommand("cp evil.sh build.sh", line -> { });
        assertThat(copy.changes().notWritable()).containsExactly(new FileChange("build.sh", FileChange.Kind.MODIFIED));

        // then: nothing runs
        assertThatThrownBy(() -> sandbox.runCommand("./build.sh")).isInstanceOf(PolicyViolation.class)
                .hasMessageContaining("command './build.sh' runs 'build.sh', which the command 'cp evil.sh build.sh' "
                        + "changed in this run; nothing was run");
        assertThat(root.resolve("ran.txt")).doesNotExist();
    }

    @Test
    void shouldRefuseACommandWhoseNamedFileACommandCreated() throws IOException {
        // given: the allowed command names a file that does not exist yet
        Sandbox sandbox = sandbox("sh ci.sh", "cp");
        sandbox.writeText("evil.sh", EVIL);
        sandbox.runCommand("cp evil.sh ci.sh");

        // then
        assertThatThrownBy(() -> sandbox.runCommand("sh ci.sh")).isInstanceOf(PolicyViolation.class)
                .hasMessageContaining("runs 'ci.sh', which the command 'cp evil.sh ci.sh' changed in this run");
        assertThat(root.resolve("ran.txt")).doesNotExist();
    }

    @Test
    void shouldRefuseToRunAScriptTheAgentWroteThroughAnAllowedInterpreter() throws IOException {
        // given: a bare interpreter is allowed, and the agent writes a script for it
        Sandbox sandbox = sandbox("sh", "python3 -u");
        sandbox.writeText("evil.sh", EVIL);
        sandbox.writeText("tools/evil.py", "open('ran.txt', 'w').write('evil')\n");

        // then
        assertThatThrownBy(() -> sandbox.runCommand("sh evil.sh")).isInstanceOf(PolicyViolation.class)
                .hasMessageContaining("command 'sh evil.sh' runs 'evil.sh', which you created in this run; "
                        + "nothing was run");
        assertThatThrownBy(() -> sandbox.runCommand("python3 -u tools/evil.py")).isInstanceOf(PolicyViolation.class)
                .hasMessageContaining("runs 'tools/evil.py', which you created in this run");
        assertThat(root.resolve("ran.txt")).doesNotExist();
    }

    @Test
    void shouldRunAScriptAgainOnceTheAgentRestoredIt() throws IOException {
        // given: a script beyond the allowed prefix, changed by the tools and then put back as it was
        write("check.sh", ORIGINAL);
        Sandbox sandbox = sandbox("sh");
        sandbox.writeText("check.sh", EVIL);
        assertThatThrownBy(() -> sandbox.runCommand("sh check.sh")).isInstanceOf(PolicyViolation.class)
                .hasMessageContaining("runs 'check.sh', which you changed in this run");

        // when
        sandbox.writeText("check.sh", ORIGINAL);

        // then
        assertThat(sandbox.runCommand("sh check.sh").exitCode()).isZero();
        assertThat(root.resolve("ran.txt")).hasContent("original");
    }

    @Test
    void shouldRefuseToChangeTheRealFileBehindALinkAnAllowedCommandNames() throws IOException {
        // given: the allowed script is a link to a file elsewhere in the workspace
        write("scripts/real.sh", ORIGINAL);
        Files.createSymbolicLink(root.resolve("build.sh"), root.resolve("scripts/real.sh"));
        Sandbox sandbox = sandbox("./build.sh");

        // then
        assertThatThrownBy(() -> sandbox.writeText("scripts/real.sh", EVIL)).isInstanceOf(PolicyViolation.class)
                .hasMessageContaining("path 'scripts/real.sh' is read-only: the allowed command './build.sh' runs it "
                        + "through the symbolic link 'build.sh'");
        assertThat(root.resolve("scripts/real.sh")).hasContent(ORIGINAL.strip());
    }

    @Test
    void shouldFindTheFileACommandRunsAsTheShellReadsIt() {
        assertThat(CommandFiles.program("./build.sh --fast", UNIX)).contains("build.sh");
        assertThat(CommandFiles.program("sh \"ev\"'il'.sh", UNIX)).as("quotes removed").contains("evil.sh");
        assertThat(CommandFiles.program("sh ev\\il.sh", UNIX)).as("a backslash escapes").contains("evil.sh");
        assertThat(CommandFiles.program("bash -e 'my script.sh' arg", UNIX)).contains("my script.sh");
        assertThat(CommandFiles.program("/usr/bin/python3 tools/x.py", UNIX)).contains("tools/x.py");
        assertThat(CommandFiles.program("python3.12 -u tools/x.py data.json", UNIX)).contains("tools/x.py");
        assertThat(CommandFiles.program("python -m pytest tests/test_x.py", UNIX)).as("a module, not a script").isEmpty();
        assertThat(CommandFiles.program("node --test test/x.test.js", UNIX)).as("tests, not a script").isEmpty();
        assertThat(CommandFiles.program("sh -c 'echo hi'", UNIX)).isEmpty();
        assertThat(CommandFiles.program("mvn -B test", UNIX)).isEmpty();
        assertThat(CommandFiles.program("sh /tmp/x.sh", UNIX)).as("not a workspace file").isEmpty();
    }

    @Test
    void shouldReadABackslashAsTheWorkspacesShellDoes() {
        // sh: a backslash escapes the next character; cmd: it separates the names of a path
        assertThat(CommandFiles.program("python tools\\x.py", UNIX)).contains("toolsx.py");
        assertThat(CommandFiles.program("python tools\\x.py", WINDOWS)).contains("tools/x.py");
        assertThat(CommandFiles.program("tools\\build.cmd --fast", WINDOWS)).contains("tools/build.cmd");
        assertThat(CommandFiles.namedBy("sh scripts\\test.sh", UNIX)).containsExactly("scriptstest.sh");
        assertThat(CommandFiles.namedBy("sh scripts\\test.sh", WINDOWS)).containsExactly("scripts/test.sh");
    }

    @Test
    void shouldNameTheFilesOfEitherSystemWhenTheWorkspaceIsNotKnownYet() {
        // a policy is made before its workspace: what any system's shell would read is protected
        assertThat(CommandFiles.namedBy("sh scripts\\test.sh")).containsExactly("scriptstest.sh", "scripts/test.sh");
        assertThat(CommandFiles.namedBy("sh scripts/test.sh")).containsExactly("scripts/test.sh");
        assertThat(WorkspacePolicy.builder().allowedCommands(List.of("sh scripts\\test.sh")).build().commandFiles())
                .containsOnlyKeys("scriptstest.sh", "scripts/test.sh");
    }

    @Test
    void shouldRefuseAScriptTheAgentChangedAsTheWorkspacesOwnSystemNamesIt() {
        // given: a workspace that answers Windows, whatever this JVM runs on (on a Jenkins controller, the
        // agent's system decides), where cmd reads "tools\\evil.py" as the file tools/evil.py
        Workspace windows = new ForwardingWorkspace(new LocalWorkspace(root)) {
            @Override
            public OperatingSystem operatingSystem() {
                return WINDOWS;
            }
        };
        Sandbox sandbox = new Sandbox(windows, WorkspacePolicy.builder().allowedCommands(List.of("python3 -u")).build());
        sandbox.writeText("tools/evil.py", "open('ran.txt', 'w').write('evil')\n");

        // then
        assertThatThrownBy(() -> sandbox.runCommand("python3 -u tools\\evil.py")).isInstanceOf(PolicyViolation.class)
                .hasMessageContaining("runs 'tools/evil.py', which you created in this run");
        assertThat(root.resolve("ran.txt")).doesNotExist();
    }

    @Test
    void shouldMakeTheFilesAGlobWordMatchesReadOnly() throws IOException {
        // given
        write("scripts/a.sh", ORIGINAL);
        Sandbox sandbox = sandbox("sh scripts/*.sh");

        // then
        assertThatThrownBy(() -> sandbox.writeText("scripts/a.sh", EVIL)).isInstanceOf(PolicyViolation.class)
                .hasMessageContaining("the allowed command 'sh scripts/*.sh' names it");
        assertThat(sandbox.writeText("scripts/a.txt", "notes")).isEqualTo(FileChange.Kind.CREATED);
    }
}
