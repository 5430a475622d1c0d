package io.jenkins.plugins.aiworkflow.engine.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.aiworkflow.engine.workspace.GitIgnoreFiles;
import io.jenkins.plugins.aiworkflow.engine.workspace.LocalWorkspace;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
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
        return new GitIgnore(GitIgnoreFiles.of(new LocalWorkspace(root)));
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
        "\uFEFF*.tmp   | a.tmp        | false | true",
        "[[:digit:]]*.log | 1.log      | false | true",
        "[[:digit:]]*.log | a.log      | false | false",
        "[[:alpha:]]x   | bx           | false | true",
        "[[:alpha:]]x   | 1x           | false | false",
        "[[:space:]]x   | ' x'         | false | true",
        "[[:upper:][:digit:]]z | Qz    | false | true",
        "[[:upper:][:digit:]]z | qz    | false | false",
        "[![:lower:]]z  | Qz           | false | true",
        "[[:xdigit:]]z  | fz           | false | true",
        "[[:punct:]]z   | -z           | false | true",
        "[[:nope:]]z    | az           | false | false",
        "[[:]z          | :z           | false | true",
        "[]x].txt       | ].txt        | false | true",
        "[]x].txt       | x.txt        | false | true",
        "[]x].txt       | b.txt        | false | false",
        "[!]x].txt      | b.txt        | false | true",
        "[!]x].txt      | ].txt        | false | false",
        "[a-]x          | -x           | false | true",
        "[]-a]x         | ^x           | false | true",
        "*a*a*a*a*b     | xaxaxaxab    | false | true",
        "*a*a*a*a*b     | aaaa         | false | false",
        "a*b*c          | abxbxc       | false | true",
        "a**b           | axxb         | false | true",
        "/a**b          | ax/xb        | false | false",
        "foo**/bar      | foo/x/bar    | false | true",
        "x/**/y/**      | x/a/y/b/c    | false | true",
        "***/deep       | a/b/deep     | false | true",
        "\\!bang      | !bang        | false | true",
        "a\\*         | a*           | false | true",
        "a\\*         | ab           | false | false",
        "a\\          | a\\        | false | false",
        "/a?c           | a/c          | false | false",
        "a[/]c          | a/c          | false | false",
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

    @Test
    void shouldIgnoreTheSameFilesAsGitCheckIgnore() throws Exception {
        // given: random trees of files under nested .gitignore files drawn from the patterns git users write
        Assumptions.assumeTrue(gitWorks(), "git is not installed");
        String[] patterns = {"*.log", "!keep.log", "/build", "build/", "out/", "!out/keep.txt", "**/tmp", "doc/*.md",
            "a/**/z", "[ab]*.txt", "!b1.txt", "*.ba?", "/x/y", "y", "node_modules/", "!important.log", "**/gen/**",
            "c[!0-9].txt", "\\#x", "*/deep", "*a*a*b", "[[:digit:]]*.txt", "[]x]*", "[![:alpha:]]*", "[[:upper:]]*",
            "!*[[:punct:]]*", "a**", "x/**/y", "**/b*/**", "/*/*/z", "[!]a]*.log", "b*a*a", "[a-c]a*b", "**/y/**",
            "*[[:space:]]*", "[[:alnum:]][[:digit:]].txt", "x**y", "[[:lower:]]*/"};
        String[] names = {"a", "b1.txt", "a2.txt", "c1.txt", "cx.txt", "keep.log", "app.log", "important.log",
            "build", "out", "tmp", "doc", "z", "x", "y", "gen", "node_modules", "deep", "#x", "f.bak", "f.bar", "r.md",
            "aab", "baab", "banana", "]x", "Ab", "1.txt", "aa", "x y", "Zz", "xzy", "1a.log", "aaaaaaaaaaaaaaaaaab"};
        Random random = new Random(11);
        for (int tree = 0; tree < 8; tree++) {
            Path dir = Files.createTempDirectory(root, "tree");
            Set<String> files = new TreeSet<>();
            for (int i = 0; i < 60; i++) {
                StringBuilder path = new StringBuilder();
                for (int depth = random.nextInt(4); depth >= 0; depth--) {
                    path.append(path.length() == 0 ? "" : "/").append(names[random.nextInt(names.length)]);
                }
                files.add(path.toString());
            }
            Set<String> directories = new TreeSet<>();
            for (String file : files) {
                for (int slash = file.indexOf('/'); slash > 0; slash = file.indexOf('/', slash + 1)) {
                    directories.add(file.substring(0, slash));
                }
            }
            files.removeAll(directories); // a name used as a directory somewhere stays a directory
            List<String> directoryList = new ArrayList<>(directories);
            Set<String> ignoreDirs = new TreeSet<>(List.of(""));
            for (int i = 0; i < 3 && !directoryList.isEmpty(); i++) {
                ignoreDirs.add(directoryList.get(random.nextInt(directoryList.size())));
            }
            for (String ignoreDir : ignoreDirs) {
                // sometimes with a byte order mark, which git skips
                StringBuilder gitignore = new StringBuilder(random.nextInt(4) == 0 ? "\uFEFF" : "");
                for (int i = 0; i < 6; i++) {
                    gitignore.append(patterns[random.nextInt(patterns.length)]).append('\n');
                }
                Files.createDirectories(dir.resolve(ignoreDir));
                Files.writeString(dir.resolve(ignoreDir).resolve(".gitignore"), gitignore);
            }
            for (String file : files) {
                Files.createDirectories(dir.resolve(file).getParent());
                Files.writeString(dir.resolve(file), "x");
            }

            // when: ours, entering directories in walk order, and git's own answer
            GitIgnore ours = new GitIgnore(GitIgnoreFiles.of(new LocalWorkspace(dir)));
            for (String directory : directories) {
                ours.enter(directory);
            }
            Set<String> oursIgnored = new TreeSet<>();
            for (String file : files) {
                if (ours.ignoresFile(file)) {
                    oursIgnored.add(file);
                }
            }
            Set<String> gitIgnored = gitCheckIgnore(dir, files);

            // then
            assertThat(oursIgnored).as("tree %d with .gitignore files in %s", tree, ignoreDirs)
                    .isEqualTo(gitIgnored);
        }
    }

    @Test
    void shouldMatchAPatternOfManyStarsAgainstALongNameLikeGit() throws IOException {
        // given: a pattern a backtracking matcher needs exponential time for
        GitIgnore rules = rules("*a*a*a*a*a*a*a*a*b\n");

        // then: git's answers
        assertThat(rules.ignoresFile("a".repeat(60))).isFalse();
        assertThat(rules.ignoresFile("a".repeat(60) + "b")).isTrue();
        assertThat(rules.ignoresFile("dir/" + "a".repeat(59) + "b")).isTrue();
    }

    @Test
    void shouldMatchManyDoubleStarsAgainstADeepPathLikeGit() throws IOException {
        // given
        GitIgnore rules = rules("/**/a/**/a/**/a/**/a/**/a/**/a/**/b\n");
        String deep = String.join("/", java.util.Collections.nCopies(40, "a"));

        // then: git's answers
        assertThat(rules.ignoresFile(deep)).isFalse();
        assertThat(rules.ignoresFile(deep + "/b")).isTrue();
    }

    @Test
    void shouldReadTheGitignoreLikeGit() throws IOException {
        // given: a byte order mark, CRLF line ends, escaped and unescaped trailing spaces, a comment
        Files.write(root.resolve(".gitignore"), ("\uFEFF*.tmp\r\none \\ \r\ntwo\\\\ \n#three\n\\#four\n")
                .getBytes(StandardCharsets.UTF_8));
        GitIgnore rules = new GitIgnore(GitIgnoreFiles.of(new LocalWorkspace(root)));

        // then
        assertThat(rules.ignoresFile("a.tmp")).isTrue();
        assertThat(rules.ignoresFile("one  ")).isTrue();
        assertThat(rules.ignoresFile("two\\")).isTrue();
        assertThat(rules.ignoresFile("#three")).isFalse();
        assertThat(rules.ignoresFile("#four")).isTrue();
    }

    private static boolean gitWorks() {
        try {
            Process git = new ProcessBuilder("git", "--version").redirectErrorStream(true).start();
            git.getInputStream().readAllBytes();
            return git.waitFor(30, TimeUnit.SECONDS) && git.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The files {@code git check-ignore} says are ignored (exit 1 means none). */
    private static Set<String> gitCheckIgnore(Path dir, Set<String> files) throws Exception {
        run(dir, "git", "init", "-q");
        Process git = new ProcessBuilder("git", "-c", "core.excludesFile=/dev/null", "check-ignore", "--no-index",
                "--stdin").directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = git.getOutputStream()) {
            in.write((String.join("\n", files) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(git.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(git.exitValue()).as("git check-ignore exit code (0 some ignored, 1 none)").isIn(0, 1);
        return new TreeSet<>(out.lines().filter(line -> !line.isEmpty()).toList());
    }

    private static void run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
    }
}
