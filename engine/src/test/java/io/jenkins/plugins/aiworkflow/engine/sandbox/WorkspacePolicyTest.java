package io.jenkins.plugins.aiworkflow.engine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.workspace.PathRules;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WorkspacePolicyTest {
    private final WorkspacePolicy policy = WorkspacePolicy.builder()
            .writable(List.of("src/**", "pom.xml"))
            .readOnly(List.of("src/main/resources/generated/**"))
            .allowedCommands(List.of("mvn", "./mvnw -B", "npm test"))
            .build();

    @Test
    void shouldHaveSafeDefaults() {
        // when
        WorkspacePolicy defaults = WorkspacePolicy.defaults();

        // then
        assertThat(defaults.writable()).containsExactly("**");
        assertThat(defaults.readOnly()).containsAll(PathRules.ALWAYS_READ_ONLY);
        assertThat(defaults.hidden()).containsAll(PathRules.ALWAYS_HIDDEN);
        assertThat(defaults.allowedCommands()).isEmpty();
        assertThat(defaults.maxReadChars()).isEqualTo(WorkspacePolicy.DEFAULT_MAX_READ_CHARS);
        assertThat(defaults.maxWriteBytes()).isEqualTo(WorkspacePolicy.DEFAULT_MAX_WRITE_BYTES);
        assertThat(defaults.commandTimeout()).isEqualTo(WorkspacePolicy.DEFAULT_COMMAND_TIMEOUT);
        assertThat(defaults.isWritable("any/where.txt")).isTrue();
        assertThat(defaults.isWritable(".git/config")).isFalse();
        assertThatThrownBy(() -> defaults.checkCommand("mvn test")).isInstanceOf(PolicyViolation.class)
                .hasMessageContaining("no command (none is allowed in this run)");
    }

    @Test
    void shouldRefuseAsBadInputNamingWhatWasRefused() {
        // when
        Throwable path = catchThrowable(() -> policy.checkWritable("Jenkinsfile"));
        Throwable command = catchThrowable(() -> policy.checkCommand("curl x"));
        Throwable glob = catchThrowable(() -> WorkspacePolicy.builder().hidden(List.of("../secrets/**")).build());
        Throwable prefix = catchThrowable(() -> WorkspacePolicy.builder().allowedCommands(List.of("ls;rm")).build());

        // then: one bad-input type, whose parameter says what an adapter would point at
        assertThat(List.of(path, command, glob, prefix)).allSatisfy(refusal -> assertThat(refusal)
                .isInstanceOf(InvalidRequestException.class).isInstanceOf(IllegalArgumentException.class));
        assertThat(path).isInstanceOf(PolicyViolation.class);
        assertThat(((InvalidRequestException) path).parameter()).contains("path");
        assertThat(((InvalidRequestException) command).parameter()).contains("command");
        assertThat(((InvalidRequestException) glob).parameter()).contains("hidden");
        assertThat(glob).hasMessageStartingWith("hidden: path '../secrets/**' leads outside the workspace");
        assertThat(((InvalidRequestException) prefix).parameter()).contains("allowedCommands");
    }

    @Test
    void shouldAllowWritesOnlyInsideTheWritableGlobsAndOutsideTheReadOnlyOnes() {
        assertThat(policy.isWritable("src/main/java/Main.java")).isTrue();
        assertThat(policy.isWritable("pom.xml")).isTrue();
        assertThat(policy.isWritable("module/pom.xml")).isFalse();
        assertThat(policy.isWritable("Jenkinsfile")).isFalse();
        assertThat(policy.isWritable("src/main/resources/generated/x.properties")).isFalse();
    }

    @Test
    void shouldNameThePathTheRuleAndTheWritableGlobsWhenRefusing() {
        assertThatThrownBy(() -> policy.checkWritable("Jenkinsfile")).isInstanceOf(PolicyViolation.class)
                .hasMessageContaining("path 'Jenkinsfile' is not writable")
                .hasMessageContaining("Writable: 'src/**', 'pom.xml'");
        assertThatThrownBy(() -> policy.checkWritable("src/main/resources/generated/a.txt"))
                .isInstanceOf(PolicyViolation.class)
                .hasMessageContaining("is read-only (it matches the read-only pattern "
                        + "'src/main/resources/generated/**')");
    }

    @ParameterizedTest
    @ValueSource(strings = {".git", ".git/config", ".git/hooks/pre-commit", "sub/.git/config", ".GIT/config",
        ".Git/hooks/pre-commit", ".git./config", ".git /config"})
    void shouldKeepGitReadOnlyAndHiddenWhateverTheConfigurationAndLetterCase(String path) {
        // given: a policy that tries to make everything writable and nothing read-only
        WorkspacePolicy permissive = WorkspacePolicy.builder().writable(List.of("**")).readOnly(List.of()).build();

        // then
        assertThat(permissive.isWritable(path)).isFalse();
        assertThat(permissive.isHidden(path)).isTrue();
        assertThatThrownBy(() -> permissive.checkWritable(path)).isInstanceOf(PolicyViolation.class)
                .hasMessageContaining("is read-only");
    }

    @ParameterizedTest
    @ValueSource(strings = {".git", "sub/.GIT", "build", "a/Build", "build.", "dist/out"})
    void shouldSayWhenADirectoryIsHiddenAsAWholeOnlyIfEveryPathBelowIsHidden(String dir) {
        // given
        WorkspacePolicy policy = WorkspacePolicy.builder().hidden(List.of("**/build/**", "dist/*/**")).build();

        // then
        assertThat(policy.hidesEverythingBelow(dir)).isTrue();
        assertThat(List.of("x", "y/z.txt", ".hidden", "deep/er/file.")).allSatisfy(below ->
                assertThat(policy.isHidden(dir + "/" + below)).as(dir + "/" + below).isTrue());
    }

    @Test
    void shouldNotHideADirectoryAsAWholeWhenOnlySomeFilesBelowAreHidden() {
        // given
        WorkspacePolicy policy = WorkspacePolicy.builder().hidden(List.of("**/*.pem", "secrets/*.key")).build();

        // then
        assertThat(policy.hidesEverythingBelow("secrets")).isFalse();
        assertThat(policy.hidesEverythingBelow("src")).isFalse();
        assertThat(policy.isHidden("secrets/a.key")).isTrue();
    }

    @Test
    void shouldMatchWritableGlobsCaseSensitively() {
        assertThat(policy.isWritable("SRC/Main.java")).isFalse();
    }

    @Test
    void shouldAllowNothingWhenWritableIsEmpty() {
        // given
        WorkspacePolicy readOnlyRun = WorkspacePolicy.builder().writable(List.of()).build();

        // then
        assertThat(readOnlyRun.isWritable("src/Main.java")).isFalse();
        assertThatThrownBy(() -> readOnlyRun.checkWritable("src/Main.java"))
                .hasMessageContaining("nothing (this run may not change files)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mvn", "mvn -B test", "mvn\t-B  verify", "  mvn test", "./mvnw -B test", "npm test",
        "npm test -- --watch=false", "mvn -Dtest='Foo#bar*' test"})
    void shouldAllowCommandsStartingWithAnAllowedPrefixWordByWord(String command) {
        assertThatCode(() -> policy.checkCommand(command)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mvnx test", "mvnw test", "./mvnw test", "./mvnw", "/usr/bin/mvn test", "'mvn' test",
        "npm install", "npm", "MAVEN_OPTS=-Dx mvn test", "sh -c mvn", "curl http://example.com", "m\\vn test"})
    void shouldRefuseCommandsWhoseWordsDoNotStartWithAnAllowedPrefix(String command) {
        assertThatThrownBy(() -> policy.checkCommand(command)).isInstanceOf(PolicyViolation.class)
                .hasMessageContaining("is not allowed; nothing was run")
                .hasMessageContaining("one of 'mvn', './mvnw -B', 'npm test'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mvn test; curl x", "mvn test && rm -rf .", "mvn test || rm -rf .", "mvn $(whoami)",
        "mvn `whoami`", "mvn test | sh", "mvn test\ncurl x", "mvn test\rcurl x", "mvn test > /etc/passwd",
        "mvn test < /dev/zero", "mvn test & curl x", "mvn -Dx='a;b' test", "mvn <(curl x)", "mvn test\u0000x"})
    void shouldRefuseShellChainingSubstitutionAndRedirectionAfterAnAllowedPrefix(String command) {
        assertThatThrownBy(() -> policy.checkCommand(command)).isInstanceOf(PolicyViolation.class)
                .hasMessageContaining("which could chain, substitute or redirect commands in the shell; "
                        + "nothing was run");
    }

    @Test
    void shouldShowInvisibleCharactersOfARefusedCommandReadably() {
        assertThatThrownBy(() -> policy.checkCommand("mvn test\ncurl x")).isInstanceOf(PolicyViolation.class)
                .hasMessageStartingWith("command 'mvn test\\ncurl x' contains '\\n'");
    }

    @Test
    void shouldRefuseInvalidSettingsNamingTheParameter() {
        assertThatThrownBy(() -> WorkspacePolicy.builder().writable(List.of("../**")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("writable: ")
                .hasMessageContaining("leads outside the workspace");
        assertThatThrownBy(() -> WorkspacePolicy.builder().readOnly(List.of("/etc/**")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("readOnly: ");
        assertThatThrownBy(() -> WorkspacePolicy.builder().allowedCommands(List.of("mvn; rm")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allowedCommands prefix 'mvn; rm' contains ';'");
        assertThatThrownBy(() -> WorkspacePolicy.builder().allowedCommands(List.of(" ")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowedCommands has an empty");
        assertThatThrownBy(() -> WorkspacePolicy.builder().maxReadChars(0))
                .hasMessage("maxReadChars must be positive, was 0");
        assertThatThrownBy(() -> WorkspacePolicy.builder().commandTimeout(Duration.ZERO))
                .hasMessage("commandTimeout must be positive, was PT0S");
    }

    @Test
    void shouldCopyIntoABuilderAndKeepEverything() {
        // when
        WorkspacePolicy copy = policy.toBuilder().maxOutputChars(123).build();

        // then
        assertThat(copy.writable()).isEqualTo(policy.writable());
        assertThat(copy.readOnly()).isEqualTo(policy.readOnly());
        assertThat(copy.hidden()).isEqualTo(policy.hidden());
        assertThat(copy.allowedCommands()).isEqualTo(policy.allowedCommands());
        assertThat(copy.maxOutputChars()).isEqualTo(123);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ./build.sh                        | build.sh
            scripts/test.sh --fast            | scripts/test.sh
            sh scripts/test.sh                | scripts/test.sh
            bash -e ci/run.sh                 | ci/run.sh
            python tools/x.py                 | tools/x.py
            python3 -u tools/x.py             | tools/x.py
            node ./scripts/build.js           | scripts/build.js
            make -f Makefile.ci               | Makefile.ci
            mvn -B -f sub/pom.xml             | sub/pom.xml
            npx jest --config=jest.config.js  | jest.config.js
            sh 'scripts/my test.sh'           | scripts/my test.sh
            """)
    void shouldMakeAFileThatAnAllowedCommandNamesReadOnly(String command, String file) {
        // given: everything writable, as by default
        WorkspacePolicy allowing = WorkspacePolicy.builder().allowedCommands(List.of(command)).build();

        // then
        assertThat(allowing.commandFiles()).containsKey(file);
        assertThat(allowing.isWritable(file)).isFalse();
        assertThat(allowing.isReadOnly(file)).isTrue();
        assertThat(allowing.isWritable(file.toUpperCase(java.util.Locale.ROOT))).as("in any letter case").isFalse();
        assertThatThrownBy(() -> allowing.checkWritable(file)).isInstanceOf(PolicyViolation.class)
                .hasMessageContaining("path '" + file + "' is read-only: the allowed command '"
                        + String.join(" ", command.strip().split("[ \\t]+")) + "' names it")
                .hasMessageContaining("nothing was changed");
    }

    @Test
    void shouldNotTakeOptionsTheProgramOrPathsOutsideTheWorkspaceForCommandFiles() {
        // when
        WorkspacePolicy allowing = WorkspacePolicy.builder().allowedCommands(List.of("mvn -B test", "/usr/bin/make",
                "sh ../outside.sh", "gradle --offline", "./")).build();

        // then: the first word without a slash is looked up on the PATH; options are no files
        assertThat(allowing.commandFiles()).containsOnlyKeys("test");
        assertThat(allowing.isWritable("mvn")).isTrue();
        assertThat(allowing.isWritable("pom.xml")).isTrue();
        assertThat(allowing.isWritable("-B")).isTrue();
    }

    @Test
    void shouldListCommandFilesInTheRefusalOfAnyWrite() {
        // given
        WorkspacePolicy allowing = WorkspacePolicy.builder().writable(List.of("src/**"))
                .allowedCommands(List.of("./build.sh")).build();

        // then
        assertThatThrownBy(() -> allowing.checkWritable("README.md")).isInstanceOf(PolicyViolation.class)
                .hasMessageContaining("files allowed commands name: 'build.sh'");
    }
}
