package io.jenkins.plugins.aiworkflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code aiwf validate} on the corpus of reports made by real tools
 * (engine/src/test/resources/reports) must count exactly as the independent count in
 * EXPECTED.tsv (made by engine/src/test/samples-src/independent_count.py with Python's
 * ElementTree), and must refuse the hostile samples without reading any file.
 */
class AiwfValidateSamplesIT {
    static final Path SAMPLES = Path.of("..", "engine", "src", "test", "resources", "reports").toAbsolutePath()
            .normalize();

    @TempDir
    Path out;

    @Test
    void shouldCountTheRealWorldCorpusLikeTheIndependentCount() throws Exception {
        // given
        List<String> lines = Files.readAllLines(SAMPLES.resolve("EXPECTED.tsv"), StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of("validate", "--workspace", SAMPLES.toString(),
                "--json", out.resolve("result.json").toString(), "--max-failures", "100000", "--min-pass-rate", "0"));
        long tests = 0;
        long failures = 0;
        long errors = 0;
        long skipped = 0;
        long flaky = 0;
        for (String line : lines) {
            String[] cells = line.split("\t");
            args.add("--reports");
            args.add(cells[0].replace(" ", "?")); // one file name has a space; '?' matches it in a glob
            tests += Long.parseLong(cells[1]);
            failures += Long.parseLong(cells[2]);
            errors += Long.parseLong(cells[3]);
            skipped += Long.parseLong(cells[4]);
            flaky += Long.parseLong(cells[5]);
        }

        // when
        int exitCode = aiwf(args);

        // then
        JsonNode json = new ObjectMapper().readTree(out.resolve("result.json").toFile());
        assertThat(exitCode).isZero();
        assertThat(json.path("reportFiles")).hasSize(lines.size());
        assertThat(json.path("reportProblems")).isEmpty();
        JsonNode totals = json.path("totals");
        assertThat(totals.path("tests").asLong()).isEqualTo(tests);
        assertThat(totals.path("failures").asLong()).isEqualTo(failures);
        assertThat(totals.path("errors").asLong()).isEqualTo(errors);
        assertThat(totals.path("skipped").asLong()).isEqualTo(skipped);
        assertThat(totals.path("flaky").asLong()).isEqualTo(flaky);
    }

    @Test
    void shouldRefuseEveryHostileSampleAndFailTheGate() throws Exception {
        // when
        int exitCode = aiwf(List.of("validate", "--workspace", SAMPLES.toString(), "--reports", "hostile/*.xml",
                "--json", out.resolve("hostile.json").toString()));

        // then
        JsonNode json = new ObjectMapper().readTree(out.resolve("hostile.json").toFile());
        assertThat(exitCode).isEqualTo(1);
        assertThat(json.path("reportProblems")).isNotEmpty()
                .allSatisfy(problem -> assertThat(problem.path("kind").asText()).isEqualTo("REFUSED"));
        assertThat(json.path("reasons").get(0).path("condition").asText()).isEqualTo("allowReportProblems");
    }

    private int aiwf(List<String> args) throws IOException, InterruptedException {
        AiwfProcess.Result result = new AiwfProcess(out, out).run(Map.of(), args.toArray(new String[0]));
        assertThat(result.err()).as("stderr").isEmpty();
        return result.exitCode();
    }
}
