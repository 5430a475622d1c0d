package io.jenkins.plugins.aiworkflow.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A test JVM killed while writing leaves a report cut off anywhere: inside a failure message, a
 * stack trace, {@code system-out}, a CDATA section, a comment, an attribute, a name. Whatever the
 * offset, the parser must answer with a problem naming the file, never throw.
 */
class TruncatedReportTest {

    @Test
    void shouldReportEverySampleCutAtEveryByteAsATruncatedFileWithoutThrowing() throws IOException {
        JUnitXmlParser parser = new JUnitXmlParser(TextLimits.DEFAULT);
        List<String> failures = new ArrayList<>();
        long prefixes = 0;
        for (RealWorldSamplesTest.Expected sample : RealWorldSamplesTest.expected()) {
            prefixes += checkEveryPrefix(parser, sample, failures);
        }

        assertThat(prefixes).isGreaterThan(100_000);
        failIfAny(failures);
    }

    @Test
    void shouldDoTheSameWhenReadingInBoundedPieces() throws IOException {
        // given: every file read in pieces of 16 bytes (UTF-16 reports cannot be read in pieces); every
        // third prefix keeps the test fast, and the piece boundaries fall everywhere all the same
        JUnitXmlParser parser = new JUnitXmlParser(TextLimits.DEFAULT, 0, 16, 1_000_000);
        List<String> failures = new ArrayList<>();
        long prefixes = 0;
        for (RealWorldSamplesTest.Expected sample : BoundedXmlInputTest.samples().toList()) {
            prefixes += checkPrefixes(parser, sample, 3, failures);
        }

        assertThat(prefixes).isGreaterThan(30_000);
        failIfAny(failures);
    }

    /** Parses every prefix of the sample with one parser; returns how many were checked. */
    static int checkEveryPrefix(JUnitXmlParser parser, RealWorldSamplesTest.Expected sample, List<String> failures)
            throws IOException {
        return checkPrefixes(parser, sample, 1, failures);
    }

    /** Parses every {@code stride}th prefix of the sample with one parser; returns how many were checked. */
    static int checkPrefixes(JUnitXmlParser parser, RealWorldSamplesTest.Expected sample, int stride,
            List<String> failures) throws IOException {
        byte[] bytes = Files.readAllBytes(RealWorldSamplesTest.SAMPLES.resolve(sample.file()));
        int previousCases = 0;
        int checked = 0;
        for (int length = 0; length < bytes.length; length += stride) {
            checked++;
            String file = sample.file() + "@" + length;
            List<TestCaseResult> cases = new ArrayList<>();
            Optional<ReportProblem> problem;
            try {
                problem = parse(parser, bytes, length, file, cases);
            } catch (RuntimeException e) {
                failures.add(file + ": threw " + e);
                continue;
            }
            if (cases.size() < previousCases) {
                failures.add(file + ": " + cases.size() + " test cases, fewer than the " + previousCases
                        + " read from a shorter prefix");
            }
            previousCases = cases.size();
            if (problem.isEmpty()) {
                // only a cut after the root element loses nothing (trailing white space or comment)
                if (cases.size() != sample.counts().tests()) {
                    failures.add(file + ": no problem, but " + cases.size() + " of " + sample.counts().tests()
                            + " test cases");
                }
                continue;
            }
            ReportProblem found = problem.get();
            ReportProblem.Kind expected = length == 0 ? ReportProblem.Kind.EMPTY : ReportProblem.Kind.TRUNCATED;
            if (found.kind() != expected || !found.file().equals(file) || found.message().isBlank()) {
                failures.add(file + ": expected a " + expected + " problem naming the file, got " + found.kind()
                        + " " + found);
            }
        }
        return checked;
    }

    private static Optional<ReportProblem> parse(JUnitXmlParser parser, byte[] bytes, int length, String file,
            List<TestCaseResult> cases) {
        ReportInput input = new ReportInput(file, () -> new ByteArrayInputStream(bytes, 0, length));
        try {
            return parser.parse(input, cases::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void shouldNameTheFileWhenAStackTraceIsCutOff() {
        // given: what a killed test JVM leaves behind, cut inside a failure's text
        String xml = "<testsuite name=\"s\"><testcase classname=\"c\" name=\"ok\"/>"
                + "<testcase classname=\"c\" name=\"broken\"><failure message=\"boom\">java.lang.AssertionError\n"
                + "\tat com.acme.Foo.bar(Foo.java:4";

        // when
        Reports reports = Reports.parse(xml);

        // then
        assertThat(reports.cases).extracting(TestCaseResult::name).containsExactly("ok");
        assertThat(reports.problem).hasValueSatisfying(problem -> {
            assertThat(problem.kind()).isEqualTo(ReportProblem.Kind.TRUNCATED);
            assertThat(problem.file()).isEqualTo("report.xml");
            assertThat(problem.message()).startsWith("truncated: the file ends");
        });
    }

    @Test
    void shouldCallAFileMalformedWhenItIsBrokenBeforeItsEnd() {
        // when
        Reports reports = Reports.parse("<testsuite><testcase name=\"a\"/><testcase name=\"b\"></oops>"
                + "</testcase></testsuite>");

        // then
        assertThat(reports.cases).extracting(TestCaseResult::name).containsExactly("a");
        assertThat(reports.problem).hasValueSatisfying(problem ->
                assertThat(problem.kind()).isEqualTo(ReportProblem.Kind.MALFORMED));
    }

    static void failIfAny(List<String> failures) {
        if (!failures.isEmpty()) {
            fail(failures.size() + " prefixes failed, e.g.\n" + String.join("\n", failures.subList(0,
                    Math.min(20, failures.size()))));
        }
    }
}
