package io.jenkins.plugins.aiworkflow.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reports made by the real tools (see reports/README.md) must be counted exactly as the
 * independent count in reports/EXPECTED.tsv (made by samples-src/independent_count.py).
 */
class RealWorldSamplesTest {
    static final Path SAMPLES = samples();

    record Expected(String file, TestCounts counts) {
        @Override
        public String toString() {
            return file;
        }
    }

    private static Path samples() {
        try {
            return Path.of(RealWorldSamplesTest.class.getResource("/reports/EXPECTED.tsv").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Expected> expected() {
        try {
            List<Expected> rows = new ArrayList<>();
            for (String line : Files.readAllLines(SAMPLES.resolve("EXPECTED.tsv"), StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\t");
                long tests = Long.parseLong(cells[1]);
                long failures = Long.parseLong(cells[2]);
                long errors = Long.parseLong(cells[3]);
                long skipped = Long.parseLong(cells[4]);
                long flaky = Long.parseLong(cells[5]);
                rows.add(new Expected(cells[0], new TestCounts(tests, tests - failures - errors - skipped, failures,
                        errors, skipped, flaky)));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Expected> samplesWithExpectedCounts() {
        return expected().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samplesWithExpectedCounts")
    void shouldCountLikeTheIndependentCount(Expected expected) {
        // when
        TestReport report = new ReportParser(TextLimits.DEFAULT, 1)
                .parse(List.of(ReportInput.of(SAMPLES.resolve(expected.file()), expected.file())));

        // then
        assertThat(report.problems()).isEmpty();
        assertThat(report.counts()).isEqualTo(expected.counts());
    }

    @Test
    void shouldCountTheWholeCorpusAtOnceOnSeveralThreads() {
        // given
        List<Expected> rows = expected();
        List<ReportInput> inputs = rows.stream().map(row -> ReportInput.of(SAMPLES.resolve(row.file()), row.file()))
                .toList();
        TestCounts sum = rows.stream().map(Expected::counts).reduce(TestCounts.ZERO, TestCounts::plus);

        // when
        TestReport report = new ReportParser(TextLimits.DEFAULT, 3).parse(inputs);

        // then
        assertThat(sum.tests()).isGreaterThan(300);
        assertThat(report.counts()).isEqualTo(sum);
        assertThat(report.failures()).hasSize((int) (sum.failures() + sum.errors()));
        assertThat(report.flaky()).hasSize((int) sum.flaky());
    }

    @Test
    void shouldKeepSurefireFlakyAndRerunDetails() {
        // when
        TestReport report = new ReportParser(TextLimits.DEFAULT, 1).parse(List.of(
                ReportInput.of(SAMPLES.resolve("surefire/TEST-sample.FlakyTest.xml"), "flaky.xml")));

        // then
        assertThat(report.flaky()).isNotEmpty().allSatisfy(test -> assertThat(test.problems()).isNotEmpty()
                .allSatisfy(problem -> assertThat(problem.kind())
                        .isIn(ProblemKind.FLAKY_FAILURE, ProblemKind.FLAKY_ERROR)));
        assertThat(report.failures()).flatExtracting(TestCaseResult::problems).extracting(TestProblem::kind)
                .contains(ProblemKind.RERUN_FAILURE);
    }

    @Test
    void shouldReadPytestFileAndLineAttributes() {
        // when
        TestReport report = new ReportParser(TextLimits.DEFAULT, 1).parse(List.of(
                ReportInput.of(SAMPLES.resolve("pytest/junit-xunit1.xml"), "pytest.xml")));

        // then
        assertThat(report.failures()).isNotEmpty()
                .allSatisfy(test -> assertThat(test.sourceFile()).endsWith(".py"));
        assertThat(report.failures()).filteredOn(test -> test.name().equals("test_fails")).singleElement()
                .satisfies(test -> {
                    assertThat(test.sourceFile()).isEqualTo("tests/test_sample.py");
                    assertThat(test.line()).isEqualTo(10);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"edge/empty.xml", "edge/truncated.xml"})
    void shouldReportBrokenSamplesAsProblemsNamingTheFile(String file) {
        // when
        TestReport report = new ReportParser(TextLimits.DEFAULT, 1)
                .parse(List.of(ReportInput.of(SAMPLES.resolve(file), file)));

        // then
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo(file);
            assertThat(problem.kind()).isIn(ReportProblem.Kind.EMPTY, ReportProblem.Kind.TRUNCATED);
        });
    }

    static Stream<String> hostileSamples() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES.resolve("hostile"))) {
            return files.map(path -> "hostile/" + path.getFileName()).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("hostileSamples")
    void shouldNeverLetAHostileSampleReadAFile(String file) throws IOException {
        // given: the samples point at this machine's host name file
        String hostname = Files.exists(Path.of("/etc/hostname"))
                ? Files.readString(Path.of("/etc/hostname")).strip() : "no-such-host-name-file";

        // when
        TestReport report = new ReportParser(TextLimits.DEFAULT, 1)
                .parse(List.of(ReportInput.of(SAMPLES.resolve(file), file)));

        // then
        String everything = report.failures().toString() + report.failures().stream()
                .flatMap(test -> test.problems().stream()).toList() + report.problems();
        if (!hostname.isEmpty()) {
            assertThat(everything).doesNotContain(hostname);
        }
        assertThat(report.problems()).allSatisfy(problem -> assertThat(problem.kind())
                .isEqualTo(ReportProblem.Kind.REFUSED));
    }
}
