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
}
