package io.jenkins.plugins.aiworkflow.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Reading in bounded pieces must read exactly what reading the file as it is reads. */
class BoundedXmlInputTest {
    /** Every file through BoundedXmlInput, texts split at every character, long values cut. */
    private static final JUnitXmlParser IN_PIECES = new JUnitXmlParser(TextLimits.DEFAULT, 0, 1, 1_000_000);
    private static final JUnitXmlParser AS_IT_IS = new JUnitXmlParser(TextLimits.DEFAULT);

    record Read(List<String> cases, List<SuiteSummary> suites, Optional<ReportProblem> problem) {
    }

    static Read read(JUnitXmlParser parser, byte[] bytes) {
        List<String> cases = new ArrayList<>();
        List<SuiteSummary> suites = new ArrayList<>();
        try {
            Optional<ReportProblem> problem = parser.parse(new ReportInput("r.xml", () -> new ByteArrayInputStream(bytes)),
                    new TestCaseListener() {
                        @Override
                        public void testCase(TestCaseResult testCase) {
                            cases.add(describe(testCase));
                        }

                        @Override
                        public void suite(SuiteSummary suite) {
                            suites.add(suite);
                        }
                    });
            return new Read(cases, suites, problem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything a test case holds. */
    static String describe(TestCaseResult test) {
        StringBuilder out = new StringBuilder().append(test.reportFile()).append('|').append(test.suiteName())
                .append('|').append(test.className()).append('|').append(test.name()).append('|')
                .append(test.sourceFile()).append('|').append(test.line()).append('|').append(test.durationSeconds())
                .append('|').append(test.status()).append('|').append(test.flaky());
        for (TestProblem problem : test.problems()) {
            out.append("|problem ").append(problem);
        }
        return out.append("|out ").append(test.systemOut()).append("|err ").append(test.systemErr()).toString();
    }

    /** The samples that can be read in pieces: all but the UTF-16 one. */
    static Stream<RealWorldSamplesTest.Expected> samples() {
        return RealWorldSamplesTest.expected().stream().filter(sample -> !sample.file().contains("utf16"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void shouldReadEverySampleInPiecesExactlyAsItIs(RealWorldSamplesTest.Expected sample) throws IOException {
        // given
        byte[] bytes = Files.readAllBytes(RealWorldSamplesTest.SAMPLES.resolve(sample.file()));

        // when
        Read asItIs = read(AS_IT_IS, bytes);
        Read inPieces = read(IN_PIECES, bytes);

        // then
        assertThat(asItIs.problem()).isEmpty();
        assertThat(inPieces.problem()).isEmpty();
        assertThat(inPieces.cases()).hasSize((int) sample.counts().tests()).isEqualTo(asItIs.cases());
        assertThat(inPieces.suites()).isEqualTo(asItIs.suites());
    }

    static Stream<String> hostileSamples() throws IOException {
        return RealWorldSamplesTest.hostileSamples();
    }

    @ParameterizedTest
    @MethodSource("hostileSamples")
    void shouldStillRefuseADoctypeWhenReadingInPieces(String file) throws IOException {
        // given
        byte[] bytes = Files.readAllBytes(RealWorldSamplesTest.SAMPLES.resolve(file));

        // when
        Read inPieces = read(IN_PIECES, bytes);

        // then: what reading it as it is reads; a DOCTYPE refused before anything in it is resolved
        Read asItIs = read(AS_IT_IS, bytes);
        assertThat(inPieces.cases()).isEqualTo(asItIs.cases());
        assertThat(inPieces.problem()).isEqualTo(asItIs.problem());
        if (new String(bytes, StandardCharsets.UTF_8).contains("<!DOCTYPE")) {
            assertThat(inPieces.cases()).isEmpty();
            assertThat(inPieces.problem()).hasValueSatisfying(problem -> {
                assertThat(problem.kind()).isEqualTo(ReportProblem.Kind.REFUSED);
                assertThat(problem.message()).contains("DOCTYPE declarations are not accepted");
            });
        }
    }

    @Test
    void shouldReadTextCdataAndCommentsSplitAnywhereUnchanged() {
        // given: the places a split could break: references, CR LF, multi-byte characters, ']' and '-'
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><testsuite name=\"s\"><testcase name=\"t\">"
                + "<failure message=\"m\">a&amp;b&#x1F600;c\r\nd\u00e9\u20ac\ud83d\ude00e<![CDATA[x]y]]z]]]><!-- a-b -->f"
                + "</failure><system-out><![CDATA[]]]]><![CDATA[>\r\n]]>\r\n\u00e9</system-out></testcase></testsuite>";
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);

        // when
        Read inPieces = read(IN_PIECES, bytes);

        // then
        assertThat(inPieces.problem()).isEmpty();
        assertThat(inPieces.cases()).isEqualTo(read(AS_IT_IS, bytes).cases()).singleElement().asString()
                .contains("a&b\ud83d\ude00c\nd\u00e9\u20ac\ud83d\ude00ex]y]]z]f", "|out ]]>\n\n\u00e9|");
    }

    @Test
    void shouldCutALongAttributeValueToHeadAndTailCountingWhatIsLeftOut() {
        // given: a message of 5,000 characters; references, multi-byte and supplementary characters in it
        String unit = "&quot;\u00e9\ud83d\ude00x"; // 4 chars read: " é 😀(2) x -> 5 UTF-16 chars
        String xml = "<testsuite><testcase name=\"t\"><failure message=\"HEAD" + unit.repeat(1_000) + "TAIL\"/>"
                + "</testcase><testcase name=\"after\"/></testsuite>";
        JUnitXmlParser parser = new JUnitXmlParser(new TextLimits(100_000, 100, 100, 10), 0, 64, 100);

        // when
        List<TestCaseResult> cases = new ArrayList<>();
        Optional<ReportProblem> problem;
        try {
            byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
            problem = parser.parse(new ReportInput("r.xml", () -> new ByteArrayInputStream(bytes)), cases::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        // then: reading went on; the count is exact
        assertThat(problem).isEmpty();
        assertThat(cases).extracting(TestCaseResult::name).containsExactly("t", "after");
        String message = cases.get(0).problems().get(0).message();
        assertThat(message).startsWith("HEAD\"\u00e9\ud83d\ude00x").endsWith("\"\u00e9\ud83d\ude00xTAIL");
        int marker = message.indexOf("\n[... ");
        String head = message.substring(0, marker);
        String tail = message.substring(message.indexOf("...]\n") + 5);
        long dropped = Long.parseLong(message.substring(marker + 6, message.indexOf(" chars truncated")));
        assertThat(head.length() + dropped + tail.length()).isEqualTo(4 + 5 * 1_000 + 4);
    }

    @Test
    void shouldCountBothCutsWhenACutValueIsCutAgain() {
        // given: a value this input cut, then cut again to the message limit
        String value = "h".repeat(300) + "\n[... 1000000 chars truncated ...]\n" + "t".repeat(300);

        // when
        String cut = BoundedXmlInput.headTail(value, 100);

        // then
        assertThat(cut).isEqualTo("h".repeat(50) + "\n[... " + (1_000_000 + 500) + " chars truncated ...]\n"
                + "t".repeat(50));
    }

    @Test
    void shouldStopWithANamedProblemAtATagLongerThanTheBound() {
        // given: an element name of 2 MB
        String xml = "<testsuite><testcase name=\"ok\"/><" + "x".repeat(2_000_000) + "/></testsuite>";

        // when
        Reports reports = Reports.parse(xml);

        // then
        assertThat(reports.cases).extracting(TestCaseResult::name).containsExactly("ok");
        assertThat(reports.problem).hasValueSatisfying(problem -> {
            assertThat(problem.kind()).isEqualTo(ReportProblem.Kind.TOO_LARGE);
            assertThat(problem.file()).isEqualTo("report.xml");
            assertThat(problem.message()).isEqualTo("a tag (its name and attributes) longer than 1048576 bytes; "
                    + "accepted: tags and processing instructions of up to 1048576 bytes (longer attribute values are "
                    + "cut to 65536 bytes)");
        });
    }

    @Test
    void shouldStopWithANamedProblemAtALargePartOfAUtf16Report() {
        // given
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><testsuite><testcase name=\"ok\"/><testcase name=\"t\">"
                + "<failure>" + "x".repeat(2_000_000) + "</failure></testcase></testsuite>";

        // when
        Reports reports = Reports.parse(xml.getBytes(StandardCharsets.UTF_16), TextLimits.DEFAULT);

        // then
        assertThat(reports.cases).extracting(TestCaseResult::name).containsExactly("ok");
        assertThat(reports.problem).hasValueSatisfying(problem -> {
            assertThat(problem.kind()).isEqualTo(ReportProblem.Kind.TOO_LARGE);
            assertThat(problem.message()).contains("UTF-16");
        });
    }

    @Test
    void shouldReadALongTextInAReportWithAllowedLongPartsOnlyOnce() {
        // given: a failure text of 3 MB after a first test; the file is read a second time in pieces
        String xml = "<testsuite name=\"s\"><testcase name=\"first\"><failure>one</failure></testcase>"
                + "<testcase name=\"big\"><failure>" + "y".repeat(3_000_000) + "</failure></testcase></testsuite>";

        // when
        Reports reports = Reports.parse(xml);

        // then
        assertThat(reports.problem).isEmpty();
        assertThat(reports.cases).extracting(TestCaseResult::name).containsExactly("first", "big");
        assertThat(reports.suites).singleElement().satisfies(suite ->
                assertThat(suite.counts().failures()).isEqualTo(2));
        assertThat(reports.named("big").problems().get(0).details()).hasSize(4_000 + "\n[... 2996000 chars truncated ...]\n".length());
    }
}
