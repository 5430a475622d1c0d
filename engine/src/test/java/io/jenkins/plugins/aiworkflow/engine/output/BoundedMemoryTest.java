package io.jenkins.plugins.aiworkflow.engine.output;

import static org.assertj.core.api.Assertions.assertThat;

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
