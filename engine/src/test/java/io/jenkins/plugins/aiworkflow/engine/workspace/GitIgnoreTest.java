package io.jenkins.plugins.aiworkflow.engine.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The patterns of gitignore(5), as git applies them. */
class GitIgnoreTest {
    @TempDir
    Path root;

    private GitIgnore rules(String gitignore) throws IOException {
        Files.writeString(root.resolve(".gitignore"), gitignore);
        return new GitIgnore(new LocalWorkspace(root));
    }

    @ParameterizedTest(name = "{0} ignores {1} (directory {2}): {3}")
    @CsvSource(delimiter = '|', value = {
        "*.log          | a/b.log      | false | true",
        "/build         | build        | true  | true",
        "/build         | sub/build    | true  | false",
        "build/         | build        | false | false",
        "build/         | sub/build    | true  | true",
        "doc/frotz      | doc/frotz    | false | true",
        "doc/frotz      | a/doc/frotz  | false | false",
        "**/foo         | a/b/foo      | false | true",
        "abc/**         | abc/x/y      | false | true",
        "abc/**         | abc          | true  | false",
        "a/**/b         | a/b          | false | true",
        "a/**/b         | a/x/y/b      | false | true",
        "a/*/c          | a/b/c        | false | true",
        "a/*/c          | a/b/x/c      | false | false",
        "[ab].txt       | a.txt        | false | true",
        "[ab].txt       | c.txt        | false | false",
        "[!ab].txt      | c.txt        | false | true",
        "[a-c]x         | bx           | false | true",
        "\\#hash        | #hash        | false | true",
        "# comment      | # comment    | false | false",
        "foo?           | fooX         | false | true",
        "'trailing   '  | trailing     | false | true",
        "[unclosed      | [unclosed    | false | false",
    })
    void shouldMatchLikeGit(String pattern, String path, boolean directory, boolean ignored) throws IOException {
        // given
        GitIgnore rules = rules(pattern + "\n");

        // when / then
        assertThat(directory ? rules.ignoresDirectory(path) : rules.ignoresFile(path)).isEqualTo(ignored);
    }

    @Test
    void shouldLetALaterNegationReIncludeButNotBelowAnIgnoredDirectory() throws IOException {
        // given
        GitIgnore rules = rules("*.txt\n!important.txt\nout/\n!out/keep.txt\n");

        // then
        assertThat(rules.ignoresFile("notes.txt")).isTrue();
        assertThat(rules.ignoresFile("important.txt")).isFalse();
        assertThat(rules.ignoresFile("out/keep.txt")).isTrue();
    }

    @Test
    void shouldLetADeeperGitignoreDecideForItsDirectory() throws IOException {
        // given
        Files.createDirectories(root.resolve("web"));
        Files.writeString(root.resolve("web/.gitignore"), "!app.log\n/local.txt\n");
        GitIgnore rules = rules("*.log\n");

        // when
        rules.enter("web");

        // then
        assertThat(rules.ignoresFile("web/app.log")).isFalse();
        assertThat(rules.ignoresFile("web/other.log")).isTrue();
        assertThat(rules.ignoresFile("web/local.txt")).isTrue();
        assertThat(rules.ignoresFile("local.txt")).isFalse();
    }
}
