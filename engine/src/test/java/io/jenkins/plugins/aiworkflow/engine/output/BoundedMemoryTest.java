package io.jenkins.plugins.aiworkflow.engine.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.aiworkflow.engine.report.TestIdentities;
import io.jenkins.plugins.aiworkflow.engine.report.TestReport;
import io.jenkins.plugins.aiworkflow.engine.report.TextLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Memory bounds proven where they matter: {@link BoundedMemoryRun} reads generated reports (streamed,
 * never written to disk) in a JVM of its own with {@code -Xmx64m}, as the validator reads them.
 */
class BoundedMemoryTest {
    static final String HEAP = "-Xmx64m";

    /** Runs {@link BoundedMemoryRun} in a fresh JVM; returns its key=value lines (repeated keys collect). */
    static Map<String, List<String>> run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                BoundedMemoryRun.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).as(output).isZero();
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                values.computeIfAbsent(line.substring(0, equals), key -> new ArrayList<>()).add(line.substring(equals + 1));
            }
        }
        assertThat(values.get("maxHeapMiB")).as(output).singleElement()
                .satisfies(mib -> assertThat(Integer.parseInt(mib)).isLessThanOrEqualTo(64));
        return values;
    }

    static String one(Map<String, List<String>> values, String key) {
        assertThat(values.get(key)).as(key + " in " + values).hasSize(1);
        return values.get(key).get(0);
    }

    @Test
    void shouldCount300000FailingTestsExactlyAndKeepOnlyTheFirstOnes() throws Exception {
        // when: 300,000 failing tests in 300 files, read on 2 threads, gated and rendered
        Map<String, List<String>> run = run("failures", "300000", "300");

        // then
        assertThat(one(run, "counts")).isEqualTo("TestCounts[tests=300000, passed=0, failures=300000, errors=0, "
                + "skipped=0, flaky=0]");
        assertThat(one(run, "kept")).isEqualTo("500");
        assertThat(one(run, "notListed")).isEqualTo("299500");
        assertThat(one(run, "verdict")).isEqualTo("FAILED");
        assertThat(one(run, "reason")).startsWith("300000 test(s) failed, maxFailures is 0: com.acme.T0.test0, ")
                .endsWith(", and 299990 more, 299500 of them not listed (only the first 500 of each kind are kept, "
                        + "maxDetailedCases)");
        assertThat(one(run, "markdownMore")).isEqualTo("- … and 299980 more, 299500 of them not listed (only the "
                + "first 500 are kept, maxDetailedCases)");
        assertThat(Integer.parseInt(one(run, "markdownChars"))).isLessThanOrEqualTo(MarkdownSummary.MAX_CHARS);
        assertThat(run.get("console")).contains("  NOTE   299500 failed, 0 flaky and 0 skipped test(s) are counted "
                + "but not listed: only the first 500 of each kind are kept, maxDetailedCases");
    }

    @Test
    void shouldBoundTheTextsOf1500NotableTestsWithTenProblemsEachAtFullLimits() throws Exception {
        // when: 5 files of 100 failed, 100 flaky and 100 skipped tests, each with 10 problems whose message and
        // details are over their limits, and system-out and system-err over theirs, on 2 threads
        Map<String, List<String>> run = run("texts", "5", "100");

        // then: exact totals, all 1,500 listed; each test keeps 54,662 characters of texts (10 x (1,031 + 4,029)
        // + 2 x 2,031, markers included), so 18 fit in maxKeptTextChars and the other 1,482 are kept without
        // texts, each with 231 characters of its first message
        assertThat(one(run, "counts")).isEqualTo("TestCounts[tests=1500, passed=500, failures=500, errors=0, "
                + "skipped=500, flaky=500]");
        assertThat(one(run, "problems")).isEqualTo("0");
        assertThat(one(run, "verdict")).isEqualTo("FAILED");
        assertThat(run.get("condition")).containsExactly("maxFailures", "minPassRate");
        assertThat(one(run, "kept")).isEqualTo("500");
        assertThat(one(run, "keptFlaky")).isEqualTo("500");
        assertThat(one(run, "keptSkipped")).isEqualTo("500");
        assertThat(one(run, "listedWithoutTexts")).isEqualTo("1482");
        assertThat(Long.parseLong(one(run, "keptTextChars"))).isEqualTo(18 * 54_662 + 1_482 * 231)
                .isLessThanOrEqualTo(TextLimits.DEFAULT.maxKeptTextChars() + 1_482L * 231);
        String note = "1482 listed test(s) are kept without their texts (no details or output, the first message cut "
                + "to 200 characters): the texts kept before them reached 1000000 characters, maxKeptTextChars";
        assertThat(run.get("note")).contains(note);
        assertThat(run.get("console")).contains("  NOTE   " + note);
        assertThat(Integer.parseInt(one(run, "markdownChars"))).isLessThanOrEqualTo(MarkdownSummary.MAX_CHARS);
    }

    @Test
    void shouldCountAMillionSuitesExactlyAndKeepOnlyTheFirstOnes() throws Exception {
        // when: one file of 1,000,000 suites of one passing test each
        Map<String, List<String>> run = run("suites", "1000000");

        // then
        assertThat(one(run, "counts")).isEqualTo("TestCounts[tests=1000000, passed=1000000, failures=0, errors=0, "
                + "skipped=0, flaky=0]");
        assertThat(one(run, "problems")).isEqualTo("0");
        assertThat(one(run, "verdict")).isEqualTo("PASSED");
        assertThat(one(run, "suites")).isEqualTo(String.valueOf(TestReport.MAX_LISTED_SUITES));
        assertThat(one(run, "suitesNotListed")).isEqualTo(String.valueOf(1_000_000 - TestReport.MAX_LISTED_SUITES));
    }

    @Test
    void shouldBoundTheNamesOfNotableTestsAndSuites() throws Exception {
        // when: 5 files of 500 failed, 500 flaky and 500 skipped tests, each in a suite of its own, with distinct
        // names and types of over 1,000 characters, on 2 threads
        Map<String, List<String>> run = run("names", "5", "500");

        // then: each test's names take 14 x 1,031 characters: 34 of them fit in maxKeptNameChars, the others
        // are counted, not listed
        assertThat(one(run, "counts")).isEqualTo("TestCounts[tests=7500, passed=2500, failures=2500, errors=0, "
                + "skipped=2500, flaky=2500]");
        assertThat(one(run, "problems")).isEqualTo("0");
        assertThat(one(run, "verdict")).isEqualTo("FAILED");
        assertThat(one(run, "kept")).isEqualTo("34");
        assertThat(one(run, "notListed")).isEqualTo("2466");
        assertThat(one(run, "namesBudgetSpent")).isEqualTo("true");
        assertThat(one(run, "suites")).isEqualTo(String.valueOf(TestReport.MAX_LISTED_SUITES));
        assertThat(one(run, "suitesNotListed")).isEqualTo(String.valueOf(7_500 - TestReport.MAX_LISTED_SUITES));
        assertThat(run.get("console")).contains("  NOTE   2466 failed, 2500 flaky and 2500 skipped test(s) are counted "
                + "but not listed: only the first 500 of each kind are kept, maxDetailedCases, and only while their "
                + "names fit in 500000 characters, maxKeptNameChars");
    }

    @Test
    void shouldNotHoldEveryDistinctClassNameOfAFile() throws Exception {
        // when: one file of 60,000 passing tests, each with a class and a source file of its own named with
        // over 1,000 characters
        Map<String, List<String>> run = run("class-names", "60000");

        // then
        assertThat(one(run, "counts")).isEqualTo("TestCounts[tests=60000, passed=60000, failures=0, errors=0, "
                + "skipped=0, flaky=0]");
        assertThat(one(run, "problems")).isEqualTo("0");
        assertThat(one(run, "verdict")).isEqualTo("PASSED");
    }

    @Test
    void shouldStayWithinTheHeapWhenEveryFileReadAtOnceHoldsTheMostItMay() throws Exception {
        // when: 6 files that each fill every bound (suites, kept tests, texts, names), the second one slow, so
        // that the merged report and the 2 files read ahead on 2 threads are all full at once, with the identities
        // of TestIdentities.MAX_TESTS tests in all (the worst case computed in docs/security.md), compared with a
        // baseline
        Map<String, List<String>> run = run("worst", String.valueOf(TestIdentities.MAX_TESTS - 9_000));

        // then
        assertThat(one(run, "counts")).isEqualTo("TestCounts[tests=1000000, passed=994000, failures=3000, errors=0, "
                + "skipped=3000, flaky=3000]");
        assertThat(one(run, "identitiesComplete")).isEqualTo("true");
        assertThat(one(run, "executedIdentities")).isEqualTo("997000");
        assertThat(one(run, "problems")).isEqualTo("0");
        assertThat(one(run, "verdict")).isEqualTo("FAILED");
        assertThat(one(run, "kept")).isEqualTo("500");
        assertThat(one(run, "keptFlaky")).isEqualTo("500");
        assertThat(one(run, "keptSkipped")).isEqualTo("500");
        assertThat(one(run, "namesBudgetSpent")).isEqualTo("false");
        assertThat(Long.parseLong(one(run, "listedWithoutTexts"))).isPositive();
        assertThat(one(run, "suites")).isEqualTo(String.valueOf(TestReport.MAX_LISTED_SUITES));
        assertThat(one(run, "suitesNotListed")).isEqualTo(String.valueOf(6 * (TestReport.MAX_LISTED_SUITES + 2)
                - TestReport.MAX_LISTED_SUITES));
    }

    @Test
    void shouldStayWithinTheHeapWhenTheRefineLoopsBaselineHoldsAMillionIdentitiesBesides() throws Exception {
        // when: the worst case above, read once more while the baseline made in memory from the first reading
        // holds the identities of its million tests, as the refine loop holds iteration 0's
        Map<String, List<String>> run = run("worst", String.valueOf(TestIdentities.MAX_TESTS - 9_000), "refine");

        // then
        assertThat(one(run, "baselineComplete")).isEqualTo("true");
        assertThat(one(run, "counts")).isEqualTo("TestCounts[tests=1000000, passed=994000, failures=3000, errors=0, "
                + "skipped=3000, flaky=3000]");
        assertThat(one(run, "identitiesComplete")).isEqualTo("true");
        assertThat(run.get("condition")).containsExactly("maxFailures", "minPassRate");
    }

    @Test
    void shouldKeepTheIdentitiesOfAMillionTestsAndNameOneRenamedAgainstTheBaseline() throws Exception {
        // when: a million passing tests in 100 files, read on 2 threads as iteration 0 and made the baseline in
        // memory, then read again with one test renamed
        Map<String, List<String>> run = run("identities", "1000000", "100");

        // then
        assertThat(one(run, "baselineComplete")).isEqualTo("true");
        assertThat(one(run, "counts")).isEqualTo("TestCounts[tests=1000000, passed=1000000, failures=0, errors=0, "
                + "skipped=0, flaky=0]");
        assertThat(one(run, "identitiesComplete")).isEqualTo("true");
        assertThat(one(run, "executedIdentities")).isEqualTo("1000000");
        assertThat(one(run, "verdict")).isEqualTo("FAILED");
        assertThat(run.get("condition")).containsExactly("allowMissingTests");
        assertThat(one(run, "reason")).isEqualTo("1 test(s) that ran in the baseline are missing: com.acme.T0.test500; "
                + "1 test(s) ran that the baseline did not have: com.acme.T0.renamed500 (a renamed test is one missing "
                + "and one new test), allowMissingTests is false: deleting or renaming a test does not make a change "
                + "pass");
    }

    @Test
    void shouldFailSafeWithMoreTestsThanTheIdentitiesKept() throws Exception {
        // when: one test more than TestIdentities.MAX_TESTS
        Map<String, List<String>> run = run("identities", String.valueOf(TestIdentities.MAX_TESTS + 1), "100");

        // then
        assertThat(one(run, "baselineComplete")).isEqualTo("false");
        assertThat(one(run, "identitiesComplete")).isEqualTo("false");
        assertThat(one(run, "verdict")).isEqualTo("FAILED");
        assertThat(run.get("condition")).containsExactly("allowMissingTests", "allowNewlySkippedTests");
        assertThat(one(run, "reason")).isEqualTo("whether tests that ran in the baseline are missing cannot be told: "
                + "this run has 1000001 tests, more than the 1000000 whose identities are kept "
                + "(TestIdentities.MAX_TESTS), allowMissingTests is false, so the gate fails safe");
    }

    @Test
    void shouldStopReadingAFileNestedDeeperThanTheBound() throws Exception {
        for (String element : List.of("testsuite", "x")) {
            // when: a file with a passing test, then 3,000,000 elements nested in one another
            Map<String, List<String>> run = run("nested", "3000000", element);

            // then: the test before counts, the file is a problem that names the bound
            assertThat(one(run, "counts")).isEqualTo("TestCounts[tests=1, passed=1, failures=0, errors=0, skipped=0, "
                    + "flaky=0]");
            assertThat(one(run, "problem")).isEqualTo("TOO_LARGE elements nested deeper than 1000 levels; accepted: "
                    + "at most 1000 levels (JUnitXmlParser.MAX_DEPTH)");
            assertThat(one(run, "verdict")).isEqualTo("FAILED");
            assertThat(run.get("condition")).containsExactly("allowReportProblems");
        }
    }

    /** 100 MB of each hostile part; the generated text is this unit repeated, the bytes rounded up to whole units. */
    static final long BYTES = 100_000_000L;

    static long units(String unit) {
        int bytes = unit.getBytes(StandardCharsets.UTF_8).length;
        return (BYTES + bytes - 1) / bytes;
    }

    /** The marker for a kept text of {@code kept} characters out of START + {@code units} x unit + END. */
    static String marker(long units, String decodedUnit, int kept) {
        long chars = "START".length() + units * decodedUnit.length() + "END".length();
        return "[... " + (chars - kept) + " chars truncated ...]";
    }

    @Test
    void shouldKeepHeadAndTailOfA100MegabyteStackTrace() throws Exception {
        // when
        Map<String, List<String>> run = run("stack-trace", "100");

        // then: exact totals, the test after it still read, 4,000 characters kept
        String unit = "\n\tat com.acme.Foo.bar(Foo.java:42) &amp; &lt;more&gt;";
        assertThat(one(run, "counts")).isEqualTo("TestCounts[tests=2, passed=1, failures=1, errors=0, skipped=0, flaky=0]");
        assertThat(one(run, "problems")).isEqualTo("0");
        assertThat(one(run, "detailsHead")).startsWith("START\\n\\tat com.acme.Foo.bar(Foo.java:42)");
        assertThat(one(run, "detailsTail")).endsWith("(Foo.java:42) & <more>END");
        assertThat(one(run, "detailsMarker")).isEqualTo(marker(units(unit), "\n\tat com.acme.Foo.bar(Foo.java:42) & <more>",
                4_000));
    }

    @Test
    void shouldKeepHeadAndTailOf100MegabytesOfOutputInCdata() throws Exception {
        // when
        Map<String, List<String>> run = run("cdata-output", "100");

        // then
        String unit = "\nline of output <b>&amp;</b> ]] ] > 0123456789";
        assertThat(one(run, "counts")).isEqualTo("TestCounts[tests=2, passed=1, failures=1, errors=0, skipped=0, flaky=0]");
        assertThat(one(run, "problems")).isEqualTo("0");
        assertThat(one(run, "systemOutHead")).startsWith("START\\nline of output <b>&amp;</b> ]] ] >");
        assertThat(one(run, "systemOutTail")).endsWith("]] ] > 0123456789END");
        assertThat(one(run, "systemOutMarker")).isEqualTo(marker(units(unit), unit, 2_000));
    }

    @Test
    void shouldKeepHeadAndTailOf100MegabytesOfOutputAsText() throws Exception {
        // when
        Map<String, List<String>> run = run("text-output", "100");

        // then: entities decoded, multi-byte characters whole (the emoji is two UTF-16 chars)
        String unit = "\nline of output &lt;b&gt; \u00e9\u20ac\ud83d\ude00 0123456789";
        assertThat(one(run, "counts")).isEqualTo("TestCounts[tests=2, passed=1, failures=1, errors=0, skipped=0, flaky=0]");
        assertThat(one(run, "problems")).isEqualTo("0");
        assertThat(one(run, "systemOutHead")).startsWith("START\\nline of output <b> \u00e9\u20ac\ud83d\ude00 01");
        assertThat(one(run, "systemOutTail")).endsWith("\u00e9\u20ac\ud83d\ude00 0123456789END");
        assertThat(one(run, "systemOutMarker")).isEqualTo(marker(units(unit), "\nline of output <b> \u00e9\u20ac\ud83d\ude00 0123456789",
                2_000));
    }

    @Test
    void shouldSkip100MegabytesOfOutputOfAPassingTest() throws Exception {
        // when
        Map<String, List<String>> run = run("passing-output", "100");

        // then
        assertThat(one(run, "counts")).isEqualTo("TestCounts[tests=2, passed=2, failures=0, errors=0, skipped=0, flaky=0]");
        assertThat(one(run, "problems")).isEqualTo("0");
    }

    @Test
    void shouldCutA100MegabyteAttributeToHeadAndTailAndReadOn() throws Exception {
        // when
        Map<String, List<String>> run = run("message-attribute", "100");

        // then
        String unit = " a message &quot;x&quot; 0123456789";
        assertThat(one(run, "counts")).isEqualTo("TestCounts[tests=2, passed=1, failures=1, errors=0, skipped=0, flaky=0]");
        assertThat(one(run, "problems")).isEqualTo("0");
        assertThat(one(run, "messageHead")).startsWith("START a message \"x\" 0123456789 a mes");
        assertThat(one(run, "messageTail")).endsWith("a message \"x\" 0123456789END");
        assertThat(one(run, "messageMarker")).isEqualTo(marker(units(unit), " a message \"x\" 0123456789", 1_000));
    }

    @Test
    void shouldSkipA100MegabyteComment() throws Exception {
        // when
        Map<String, List<String>> run = run("comment", "100");

        // then
        assertThat(one(run, "counts")).isEqualTo("TestCounts[tests=2, passed=1, failures=1, errors=0, skipped=0, flaky=0]");
        assertThat(one(run, "problems")).isEqualTo("0");
    }
}
