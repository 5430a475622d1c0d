package io.jenkins.plugins.aiworkflow.engine.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspacePaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.codehaus.plexus.util.SelectorUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The compiled glob answers exactly as plexus-utils' matching did, only faster. */
class GlobTest {
    private static final String[] PATTERN_NAMES = {"a", "b", "A", "ab", ".git", ".GIT", "x.java", "*", "?", "**",
        "*.java", "a*b", "?b", "*a*", "ß", "SS", "İ", "ı", "é", "*.JAVA", "a?", "**", "c."};
    private static final String[] PATH_NAMES = {"a", "b", "A", "ab", "aab", ".git", ".Git", "x.java", "X.JAVA", "ß",
        "SS", "ss", "İ", "i", "ı", "I", "é", "É", "a b", "c.", "ab.java", "b"};

    @Test
    void shouldMatchLikePlexusOnThousandsOfRandomGlobsAndPaths() {
        // given: a fixed seed, so that a failure can be replayed
        Random random = new Random(20261127L);
        List<String> differences = new ArrayList<>();

        // when
        for (int i = 0; i < 20_000; i++) {
            String glob = randomPath(random, PATTERN_NAMES);
            String path = randomPath(random, PATH_NAMES);
            for (boolean caseSensitive : new boolean[] {true, false}) {
                boolean expected = Glob.matchesWithPlexus(glob, path, caseSensitive);
                if (Glob.of(glob, caseSensitive).matches(path) != expected) {
                    differences.add(glob + " vs " + path + " (caseSensitive " + caseSensitive + "): plexus says "
                            + expected);
                }
            }
        }

        // then
        assertThat(differences).isEmpty();
    }

    @Test
    void shouldPruneDirectoriesLikePlexusPatternStart() {
        // given: plain globs and directory paths as LocalWorkspace walks them (normalised, no backslashes)
        Random random = new Random(7L);
        List<String> differences = new ArrayList<>();

        // when
        for (int i = 0; i < 20_000; i++) {
            String raw = randomPath(random, PATTERN_NAMES).replace('\\', '/');
            if (WorkspacePaths.normalize(raw.replaceFirst("^/+", "")).isEmpty()) {
                continue; // the root is no glob
            }
            String glob = WorkspacePaths.normalizeGlob(raw.replaceFirst("^/+", ""));
            String dir = WorkspacePaths.normalize(randomPath(random, PATH_NAMES).replace('\\', '/')
                    .replaceFirst("^/+", ""));
            boolean expected = SelectorUtils.matchPatternStart(glob, dir, true);
            if (Glob.of(glob, true).couldMatchBelow(dir) != expected) {
                differences.add(glob + " vs " + dir + ": plexus says " + expected);
            }
        }

        // then
        assertThat(differences).isEmpty();
    }

    @Test
    void shouldOnlySayEverythingBelowMatchesWhenEveryPathBelowDoes() {
        // given
        Random random = new Random(11L);
        int claims = 0;

        // when / then
        for (int i = 0; i < 20_000; i++) {
            String glob = randomPath(random, PATTERN_NAMES);
            String dir = randomPath(random, PATH_NAMES);
            Glob compiled = Glob.of(glob, false);
            if (compiled.matchesEverythingBelow(dir)) {
                claims++;
                for (int j = 0; j < 5; j++) {
                    String name = randomPath(random, PATH_NAMES).replaceFirst("^[/\\\\]+", "");
                    String below = dir.isEmpty() ? name : dir + "/" + name;
                    assertThat(Glob.matchesWithPlexus(glob, below, false)).as(glob + " vs " + below)
                            .isTrue();
                }
            }
        }
        assertThat(claims).as("the random cases include subtrees that match as a whole").isGreaterThan(100);
    }

    @ParameterizedTest
    @CsvSource({
        "**/.git/**, a/.GIT/config, false, true",
        "**/.git/**, a/.GIT/config, true, false",
        "src/**, src, true, true",
        "src/**/*.java, src/a/b/C.java, true, true",
        "src/**/*.java, src/C.java, true, true",
        "src/**/*.java, src/C.jav, true, false",
        "*.md, docs/a.md, true, false",
        "**, anything/at/all, true, true",
        "'%regex[.*\\.pem]', keys/a.pem, true, true",
    })
    void shouldMatchTheDocumentedCases(String glob, String path, boolean caseSensitive, boolean expected) {
        // when / then
        assertThat(Glob.of(glob, caseSensitive).matches(path)).isEqualTo(expected);
        assertThat(Glob.matchesWithPlexus(glob, path, caseSensitive)).isEqualTo(expected);
    }

    /** 0 to 5 names joined by {@code /}, sometimes {@code \}, {@code //} or a leading separator. */
    private static String randomPath(Random random, String[] names) {
        StringBuilder path = new StringBuilder();
        if (random.nextInt(20) == 0) {
            path.append(random.nextBoolean() ? "/" : "\\");
        }
        int count = random.nextInt(6);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                int separator = random.nextInt(20);
                path.append(separator == 0 ? "\\" : separator == 1 ? "//" : "/");
            }
            path.append(names[random.nextInt(names.length)]);
        }
        if (random.nextInt(20) == 0) {
            path.append("/");
        }
        return path.toString();
    }
}
