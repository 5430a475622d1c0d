package io.jenkins.plugins.aiworkflow.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JUnitXmlParserTest {
    @Test
    void shouldReadEveryClassNameRightBeyondTheNamesItShares() {
        // given: more distinct class names than are shared, each of them twice, not one after the other
        int classes = JUnitXmlParser.MAX_SHARED_NAMES * 2 + 3;
        StringBuilder xml = new StringBuilder("<testsuite name=\"s\">");
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < classes; i++) {
                xml.append("<testcase classname=\"C").append(i).append("\" name=\"t").append(round)
                        .append("\"><skipped/></testcase>");
            }
        }

        // when
        Reports reports = Reports.parse(xml.append("</testsuite>").toString());

        // then
        assertThat(reports.cases).hasSize(2 * classes);
        for (int i = 0; i < 2 * classes; i++) {
            assertThat(reports.cases.get(i).id()).isEqualTo(new TestId("C" + i % classes, "t" + i / classes));
        }
    }

    /** A root, {@code suites} suites nested in one another, and a test case in the innermost. */
    private static String nested(int suites) {
        return "<testsuites><testcase classname=\"c\" name=\"first\"/>" + "<testsuite name=\"s\">".repeat(suites)
                + "<testcase classname=\"c\" name=\"inner\"/>" + "</testsuite>".repeat(suites) + "</testsuites>";
    }

    @Test
    void shouldReadElementsNestedAsDeepAsTheBoundAndStopBeyond() {
        // when: the innermost test case at level MAX_DEPTH, then one level deeper
        Reports deepest = Reports.parse(nested(JUnitXmlParser.MAX_DEPTH - 2));
        Reports tooDeep = Reports.parse(nested(JUnitXmlParser.MAX_DEPTH - 1));

        // then
        assertThat(deepest.problem).isEmpty();
        assertThat(deepest.cases).hasSize(2);
        assertThat(deepest.suites).hasSize(JUnitXmlParser.MAX_DEPTH - 2);
        assertThat(tooDeep.problem).hasValueSatisfying(problem -> {
            assertThat(problem.kind()).isEqualTo(ReportProblem.Kind.TOO_LARGE);
            assertThat(problem.message()).isEqualTo("elements nested deeper than 1000 levels; accepted: at most 1000 "
                    + "levels (JUnitXmlParser.MAX_DEPTH)");
        });
        assertThat(tooDeep.cases).extracting(TestCaseResult::name).containsExactly("first");
    }

    /** A suite with a test case, then elements named {@code elements} times anew, each with {@code attributes} new attributes. */
    private static String manyNames(int elements, int attributes) {
        StringBuilder xml = new StringBuilder("<testsuite name=\"s\"><testcase classname=\"c\" name=\"first\"/>");
        int attribute = 0;
        for (int i = 0; i < elements; i++) {
            xml.append("<e").append(i);
            for (int a = 0; a < attributes; a++) {
                xml.append(" a").append(attribute++).append("=\"\"");
            }
            xml.append("/>");
        }
        return xml.append("<testcase classname=\"c\" name=\"last\"/></testsuite>").toString();
    }

    @Test
    void shouldStopAtTooManyDistinctElementOrAttributeNames() {
        // given: each new name grows the XML reader's name table, whose lookups slow down with its size
        // (80,000 names took seconds, 320,000 minutes)
        int bound = JUnitXmlParser.MAX_DISTINCT_NAMES;

        // when
        Reports within = Reports.parse(manyNames(bound - 10, 0));
        Reports elements = Reports.parse(manyNames(bound + 1, 0));
        Reports attributes = Reports.parse(manyNames(bound / 4, 4));

        // then
        assertThat(within.problem).isEmpty();
        assertThat(within.cases).extracting(TestCaseResult::name).containsExactly("first", "last");
        for (Reports tooMany : List.of(elements, attributes)) {
            assertThat(tooMany.problem).hasValueSatisfying(problem -> {
                assertThat(problem.kind()).isEqualTo(ReportProblem.Kind.TOO_LARGE);
                assertThat(problem.message()).isEqualTo(tooManyNames(bound));
            });
            assertThat(tooMany.cases).extracting(TestCaseResult::name).containsExactly("first");
        }
    }

    private static String tooManyNames(int bound) {
        return "more than " + bound + " distinct element, attribute and processing instruction names; accepted: at "
                + "most " + bound + " (JUnitXmlParser.MAX_DISTINCT_NAMES), reports of the JUnit XML family use a few dozen";
    }

    /** A suite with a test case, {@code targets} processing instructions with targets named anew, then a test case. */
    private static String manyTargets(int targets) {
        StringBuilder xml = new StringBuilder("<testsuite name=\"s\"><testcase classname=\"c\" name=\"first\"/>");
        for (int i = 0; i < targets; i++) {
            xml.append("<?p").append(i).append(" x?>");
        }
        return xml.append("<testcase classname=\"c\" name=\"last\"/></testsuite>").toString();
    }

    @Test
    void shouldStopAtTooManyDistinctProcessingInstructionTargets() {
        // given: the reader keeps processing instruction targets in its name table too; before they were
        // counted, 200,000 of them in a 2.7 MB report took 20 s to read
        int bound = JUnitXmlParser.MAX_DISTINCT_NAMES;

        // when: the names counted so far are the suite's and the test cases' element and attribute names
        Reports within = Reports.parse(manyTargets(bound - 10));
        Reports tooMany = Reports.parse(manyTargets(bound + 1));

        // then
        assertThat(within.problem).isEmpty();
        assertThat(within.cases).extracting(TestCaseResult::name).containsExactly("first", "last");
        assertThat(tooMany.problem).hasValueSatisfying(problem -> {
            assertThat(problem.kind()).isEqualTo(ReportProblem.Kind.TOO_LARGE);
            assertThat(problem.message()).isEqualTo(tooManyNames(bound));
        });
        assertThat(tooMany.cases).extracting(TestCaseResult::name).containsExactly("first");
    }

    @Test
    void shouldReadFileAfterFileThroughOneReaderFactoryWhileTheirNamesStayFew() throws Exception {
        // given
        JUnitXmlParser parser = new JUnitXmlParser(TextLimits.DEFAULT);
        String report = "<testsuite name=\"s\"><testcase classname=\"c\" name=\"t\"><failure/></testcase></testsuite>";

        // when
        List<TestCaseResult> cases = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            assertThat(parse(parser, report, cases::add)).isEmpty();
        }

        // then
        assertThat(cases).hasSize(50).allSatisfy(testCase -> assertThat(testCase.status()).isEqualTo(TestStatus.FAILED));
        assertThat(parser.factoriesMade()).isEqualTo(1);
    }

    @Test
    void shouldSetAReaderFactoryAsideOnceItsFilesBroughtTooManyNames() throws Exception {
        // given: files of 600 new names each; a factory keeps the names of every file it read
        JUnitXmlParser parser = new JUnitXmlParser(TextLimits.DEFAULT);
        int perFile = 600;
        int filesPerFactory = JUnitXmlParser.MAX_NAMES_PER_FACTORY / perFile; // 3: the fourth brings it past the bound

        // when
        List<TestCaseResult> cases = new java.util.ArrayList<>();
        for (int file = 0; file < 4 * (filesPerFactory + 1); file++) {
            StringBuilder xml = new StringBuilder("<testsuite name=\"s\">");
            for (int i = 0; i < perFile; i++) {
                xml.append("<f").append(file).append("e").append(i).append("/>");
            }
            assertThat(parse(parser, xml.append("<testcase classname=\"c\" name=\"t\"/></testsuite>").toString(),
                    cases::add)).isEmpty();
        }
        int afterManyFiles = parser.factoriesMade();
        // a file past MAX_DISTINCT_NAMES stops with a problem, and its factory is not used again
        assertThat(parse(parser, manyNames(JUnitXmlParser.MAX_DISTINCT_NAMES + 1, 0), cases::add)).isPresent();
        String plain = "<testsuite><testcase classname=\"c\" name=\"t\"/></testsuite>";
        assertThat(parse(parser, plain, cases::add)).isEmpty();
        assertThat(parse(parser, plain, cases::add)).isEmpty();

        // then: a new factory after every (filesPerFactory + 1) files, one for the file of too many names, one for
        // the two plain files after it; every file read in full, the one of too many names up to the bound
        assertThat(afterManyFiles).isEqualTo(4);
        assertThat(parser.factoriesMade()).isEqualTo(6);
        assertThat(cases).hasSize(4 * (filesPerFactory + 1) + 3);
    }

    private static java.util.Optional<ReportProblem> parse(JUnitXmlParser parser, String xml, TestCaseListener listener)
            throws java.io.IOException {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        return parser.parse(new ReportInput("report.xml", () -> new java.io.ByteArrayInputStream(bytes)), listener);
    }

    @Test
    void shouldSkipNestedChildrenOfACaseAndReadTheCasesAfterIt() {
        // given: a passing case whose output nests elements, a case with more problem records than are kept, each
        // nesting Surefire's <stackTrace> and output, and unknown children; the test-case loop skips them itself
        StringBuilder problems = new StringBuilder();
        for (int i = 0; i < JUnitXmlParser.MAX_PROBLEMS_PER_CASE + 2; i++) {
            problems.append("<rerunFailure message=\"m").append(i).append("\"><stackTrace>at X</stackTrace>")
                    .append("<system-out><a><b/></a>out</system-out></rerunFailure>");
        }
        String xml = "<testsuite name=\"s\">"
                + "<testcase classname=\"C\" name=\"passes\"><system-out><x><y>deep</y></x>text</system-out>"
                + "<system-err><z/></system-err><extension><nested><more/></nested></extension></testcase>"
                + "<testcase classname=\"C\" name=\"reruns\">" + problems + "<unknown><u/></unknown></testcase>"
                + "<testcase classname=\"C\" name=\"after\"><skipped><why/></skipped></testcase>"
                + "</testsuite>";

        // when
        Reports reports = Reports.parse(xml);

        // then
        assertThat(reports.problem).isEmpty();
        assertThat(reports.cases).extracting(TestCaseResult::name, TestCaseResult::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("passes", TestStatus.PASSED),
                org.assertj.core.groups.Tuple.tuple("reruns", TestStatus.FAILED),
                org.assertj.core.groups.Tuple.tuple("after", TestStatus.SKIPPED));
        assertThat(reports.cases.get(1).problems()).hasSize(JUnitXmlParser.MAX_PROBLEMS_PER_CASE)
                .allSatisfy(problem -> assertThat(problem.details()).isEqualTo("at X"));
        assertThat(reports.suites).singleElement().satisfies(suite -> assertThat(suite.counts().tests()).isEqualTo(3));
    }

    @Test
    void shouldReadEveryStatusOfASurefireStyleSuite() {
        // given
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="com.acme.FooTest" tests="4" failures="1" errors="1" skipped="1" time="1.5">
                  <properties><property name="java.version" value="17"/></properties>
                  <testcase name="passes" classname="com.acme.FooTest" time="0.1"/>
                  <testcase name="fails" classname="com.acme.FooTest" time="0.2">
                    <failure message="expected 1 but was 2" type="org.opentest4j.AssertionFailedError">at Foo.java:12</failure>
                    <system-out>printed by fails</system-out>
                  </testcase>
                  <testcase name="breaks" classname="com.acme.FooTest" time="0.3">
                    <error message="boom" type="java.lang.IllegalStateException"><![CDATA[java.lang.IllegalStateException: boom
                	at com.acme.Foo.run(Foo.java:7)]]></error>
                  </testcase>
                  <testcase name="skips" classname="com.acme.FooTest" time="0">
                    <skipped message="not on Tuesdays"/>
                  </testcase>
                </testsuite>
                """;

        // when
        Reports reports = Reports.parse(xml);

        // then
        assertThat(reports.problem).isEmpty();
        assertThat(reports.cases).extracting(TestCaseResult::name, TestCaseResult::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("passes", TestStatus.PASSED),
                org.assertj.core.groups.Tuple.tuple("fails", TestStatus.FAILED),
                org.assertj.core.groups.Tuple.tuple("breaks", TestStatus.ERRORED),
                org.assertj.core.groups.Tuple.tuple("skips", TestStatus.SKIPPED));
        TestCaseResult fails = reports.named("fails");
        assertThat(fails.id()).hasToString("com.acme.FooTest.fails");
        assertThat(fails.durationSeconds()).isEqualTo(0.2);
        assertThat(fails.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(ProblemKind.FAILURE);
            assertThat(problem.type()).isEqualTo("org.opentest4j.AssertionFailedError");
            assertThat(problem.message()).isEqualTo("expected 1 but was 2");
            assertThat(problem.details()).isEqualTo("at Foo.java:12");
        });
        assertThat(fails.systemOut()).isEqualTo("printed by fails");
        assertThat(reports.named("breaks").problems().get(0).details())
                .startsWith("java.lang.IllegalStateException: boom").contains("Foo.java:7");
        assertThat(reports.named("skips").problems()).singleElement()
                .satisfies(problem -> assertThat(problem.message()).isEqualTo("not on Tuesdays"));
        assertThat(reports.suites).singleElement().satisfies(suite -> {
            assertThat(suite.name()).isEqualTo("com.acme.FooTest");
            assertThat(suite.counts()).isEqualTo(new TestCounts(4, 1, 1, 1, 1, 0));
            assertThat(suite.durationSeconds()).isEqualTo(1.5);
        });
    }

    @Test
    void shouldNotKeepTheOutputOfPassingTests() {
        // given
        String xml = "<testsuite><testcase name=\"quiet\"><system-out>lots of noise</system-out>"
                + "<system-err>more</system-err></testcase></testsuite>";

        // when
        TestCaseResult testCase = Reports.parse(xml).only();

        // then
        assertThat(testCase.status()).isEqualTo(TestStatus.PASSED);
        assertThat(testCase.systemOut()).isEmpty();
        assertThat(testCase.systemErr()).isEmpty();
    }

    @Test
    void shouldMarkATestThatPassedOnARerunAsFlaky() {
        // given: what Surefire writes with rerunFailingTestsCount for a test that passed the second time
        String xml = """
                <testsuite name="sample.FlakyTest">
                  <testcase name="sometimes" classname="sample.FlakyTest" time="0.01">
                    <flakyFailure message="first try" type="org.opentest4j.AssertionFailedError">
                      <stackTrace>org.opentest4j.AssertionFailedError: first try</stackTrace>
                      <system-out>attempt 1</system-out>
                    </flakyFailure>
                    <flakyError message="second try" type="java.lang.RuntimeException">
                      <stackTrace>java.lang.RuntimeException: second try</stackTrace>
                    </flakyError>
                  </testcase>
                </testsuite>
                """;

        // when
        TestCaseResult testCase = Reports.parse(xml).only();

        // then
        assertThat(testCase.status()).isEqualTo(TestStatus.PASSED);
        assertThat(testCase.flaky()).isTrue();
        assertThat(testCase.problems()).extracting(TestProblem::kind, TestProblem::details).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ProblemKind.FLAKY_FAILURE,
                        "org.opentest4j.AssertionFailedError: first try"),
                org.assertj.core.groups.Tuple.tuple(ProblemKind.FLAKY_ERROR, "java.lang.RuntimeException: second try"));
    }

    @Test
    void shouldCountATestThatFailedEveryRerunAsFailed() {
        // given
        String xml = """
                <testsuite name="s">
                  <testcase name="always" classname="c">
                    <failure message="no" type="AssertionError">trace</failure>
                    <rerunFailure message="still no" type="AssertionError"><stackTrace>trace 2</stackTrace></rerunFailure>
                  </testcase>
                  <testcase name="onlyReruns" classname="c">
                    <rerunError message="crash" type="RuntimeException"/>
                  </testcase>
                </testsuite>
                """;

        // when
        Reports reports = Reports.parse(xml);

        // then
        assertThat(reports.named("always").status()).isEqualTo(TestStatus.FAILED);
        assertThat(reports.named("always").flaky()).isFalse();
        assertThat(reports.named("always").problems()).extracting(TestProblem::kind)
                .containsExactly(ProblemKind.FAILURE, ProblemKind.RERUN_FAILURE);
        assertThat(reports.named("onlyReruns").status()).isEqualTo(TestStatus.ERRORED);
    }

    @Test
    void shouldCountATestCaseWithSeveralFailuresOnceAndKeepEveryFailure() {
        // given
        String xml = """
                <testsuite><testcase classname="c" name="t">
                  <failure message="first"/>
                  <failure message="second"/>
                  <error message="third"/>
                </testcase></testsuite>
                """;

        // when
        Reports reports = Reports.parse(xml);

        // then
        assertThat(reports.cases).hasSize(1);
        assertThat(reports.only().status()).isEqualTo(TestStatus.ERRORED);
        assertThat(reports.only().problems()).extracting(TestProblem::message).containsExactly("first", "second", "third");
    }

    @Test
    void shouldUseTheSuiteNameWhenATestCaseHasNoClassName() {
        // given
        String xml = "<testsuites><testsuite name=\"math\"><testcase name=\"adds\"><failure/></testcase>"
                + "</testsuite></testsuites>";

        // when
        TestCaseResult testCase = Reports.parse(xml).only();

        // then
        assertThat(testCase.className()).isEmpty();
        assertThat(testCase.suiteName()).isEqualTo("math");
        assertThat(testCase.id()).isEqualTo(new TestId("math", "adds"));
        assertThat(testCase.id()).hasToString("math.adds");
    }

    @Test
    void shouldAttributeTestCasesToTheInnermostOfNestedSuites() {
        // given
        String xml = """
                <testsuites>
                  <testsuite name="outer">
                    <testcase name="a" classname="x"/>
                    <testsuite name="inner">
                      <testcase name="b" classname="x"><failure/></testcase>
                      <testcase name="c" classname="x"/>
                    </testsuite>
                    <testcase name="d" classname="x"><skipped/></testcase>
                  </testsuite>
                </testsuites>
                """;

        // when
        Reports reports = Reports.parse(xml);

        // then
        assertThat(reports.cases).extracting(TestCaseResult::suiteName).containsExactly("outer", "inner", "inner", "outer");
        assertThat(reports.suites).extracting(SuiteSummary::name, SuiteSummary::counts).containsExactly(
                org.assertj.core.groups.Tuple.tuple("inner", new TestCounts(2, 1, 1, 0, 0, 0)),
                org.assertj.core.groups.Tuple.tuple("outer", new TestCounts(2, 1, 0, 0, 1, 0)));
    }

    @Test
    void shouldCountAFailureDirectlyInASuiteAsAnErroredTest() {
        // given: some tools report a class set-up failure on the suite itself
        String xml = "<testsuite name=\"com.acme.DbTest\"><error message=\"no database\" type=\"SQLException\"/>"
                + "</testsuite>";

        // when
        TestCaseResult testCase = Reports.parse(xml).only();

        // then
        assertThat(testCase.status()).isEqualTo(TestStatus.ERRORED);
        assertThat(testCase.id()).hasToString("com.acme.DbTest.(suite error)");
        assertThat(testCase.problems().get(0).message()).isEqualTo("no database");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "0.25;0.25", "1,234.5;1234.5", "0,5;0.5", "1.5s;1.5", "'';NaN", "abc;NaN", "-3;NaN", "12,345,678;12345678"})
    void shouldReadOddTimeValuesLeniently(String time, double expected) {
        // given
        String xml = "<testsuite><testcase name=\"t\" time=\"" + time + "\"/></testsuite>";

        // when
        double seconds = Reports.parse(xml).only().durationSeconds();

        // then
        assertThat(Double.valueOf(seconds)).isEqualTo(Double.valueOf(expected));
    }

    @Test
    void shouldReadFileAndLineAttributesAsPytestWritesThem() {
        // given
        String xml = "<testsuite><testcase classname=\"tests.test_x\" name=\"test_y\" file=\"tests/test_x.py\" "
                + "line=\"41\"><failure message=\"assert 1 == 2\"/></testcase></testsuite>";

        // when
        TestCaseResult testCase = Reports.parse(xml).only();

        // then
        assertThat(testCase.sourceFile()).isEqualTo("tests/test_x.py");
        assertThat(testCase.line()).isEqualTo(41);
    }

    @Test
    void shouldKeepHeadAndTailOfLongTextsWithAMarker() {
        // given
        String trace = "HEAD" + "x".repeat(10_000) + "TAIL";
        String xml = "<testsuite><testcase name=\"t\"><failure message=\"" + "m".repeat(50) + "\">" + trace
                + "</failure><system-out>" + "o".repeat(5_000) + "</system-out></testcase></testsuite>";
        TextLimits limits = new TextLimits(20, 100, 30, 10);

        // when
        TestCaseResult testCase = Reports.parse(xml.getBytes(StandardCharsets.UTF_8), limits).only();

        // then
        TestProblem problem = testCase.problems().get(0);
        assertThat(problem.details()).startsWith("HEAD").endsWith("TAIL")
                .contains("[... " + (trace.length() - 100) + " chars truncated ...]");
        assertThat(problem.message()).contains("[... 30 chars truncated ...]");
        assertThat(testCase.systemOut()).contains("[... 4970 chars truncated ...]");
    }

    @Test
    void shouldReadAUtf8ByteOrderMark() {
        // given
        byte[] body = "<testsuite><testcase name=\"größe\"/></testsuite>".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);

        // when
        Reports reports = Reports.parse(bytes, TextLimits.DEFAULT);

        // then
        assertThat(reports.problem).isEmpty();
        assertThat(reports.only().name()).isEqualTo("größe");
    }

    @ParameterizedTest
    @CsvSource({"ISO-8859-1", "windows-1252", "UTF-16", "UTF-16LE", "US-ASCII"})
    void shouldHonourTheDeclaredEncoding(String encoding) {
        // given
        String name = encoding.equals("US-ASCII") ? "plain" : "café";
        String xml = "<?xml version=\"1.0\" encoding=\"" + encoding + "\"?>\n<testsuite><testcase name=\"" + name
                + "\"><failure message=\"" + name + "\"/></testcase></testsuite>";
        Charset charset = Charset.forName(encoding);
        byte[] bytes = encoding.equals("UTF-16LE")
                ? ("\uFEFF" + xml).getBytes(charset) // little-endian needs its byte order mark
                : xml.getBytes(charset);

        // when
        Reports reports = Reports.parse(bytes, TextLimits.DEFAULT);

        // then
        assertThat(reports.problem).isEmpty();
        assertThat(reports.only().name()).isEqualTo(name);
        assertThat(reports.only().problems().get(0).message()).isEqualTo(name);
    }

    @Test
    void shouldReportAnEmptyFileAsAProblemThatNamesIt() {
        // when
        Reports reports = Reports.parse(new byte[0], TextLimits.DEFAULT);

        // then
        assertThat(reports.cases).isEmpty();
        assertThat(reports.problem).hasValueSatisfying(problem -> {
            assertThat(problem.file()).isEqualTo("report.xml");
            assertThat(problem.kind()).isEqualTo(ReportProblem.Kind.EMPTY);
            assertThat(problem.message()).contains("empty file (0 bytes)");
        });
    }

    @Test
    void shouldReportATruncatedFileAndKeepTheTestCasesReadBeforeTheCut() {
        // given
        String xml = "<testsuite name=\"s\"><testcase name=\"a\"/><testcase name=\"b\"><failure message=\"x\"/>"
                + "</testcase><testcase name=\"c\"><fail";

        // when
        Reports reports = Reports.parse(xml);

        // then
        assertThat(reports.cases).extracting(TestCaseResult::name).containsExactly("a", "b");
        assertThat(reports.problem).hasValueSatisfying(problem -> {
            assertThat(problem.kind()).isEqualTo(ReportProblem.Kind.TRUNCATED);
            assertThat(problem.message()).startsWith("truncated: the file ends at line 1");
        });
    }

    @Test
    void shouldReportMalformedXmlWithItsPosition() {
        // given
        String xml = "<testsuite>\n<testcase name=\"a\"></testsuite>";

        // when
        Reports reports = Reports.parse(xml);

        // then
        assertThat(reports.problem).hasValueSatisfying(problem -> {
            assertThat(problem.kind()).isEqualTo(ReportProblem.Kind.MALFORMED);
            assertThat(problem.message()).startsWith("not well-formed XML at line 2");
        });
    }

    @Test
    void shouldSetAsideWellFormedXmlThatIsNoTestReport() {
        // given: Failsafe writes this next to its reports
        String xml = "<failsafe-summary result=\"255\" timeout=\"false\"><completed>3</completed></failsafe-summary>";

        // when
        Reports reports = Reports.parse(xml);

        // then
        assertThat(reports.cases).isEmpty();
        assertThat(reports.problem).hasValueSatisfying(problem -> {
            assertThat(problem.kind()).isEqualTo(ReportProblem.Kind.NOT_A_REPORT);
            assertThat(problem.kind().losesResults()).isFalse();
            assertThat(problem.message()).contains("<failsafe-summary>").contains("<testsuites>, <testsuite>");
        });
    }

    @Test
    void shouldReadPlainDecimalTimesExactlyAsDoubleParseDoubleDoes() {
        // given times as tools write them, from "0" to 15 significant digits, with and without a dot
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            int digits = 1 + random.nextInt(17);
            StringBuilder text = new StringBuilder();
            for (int d = 0; d < digits; d++) {
                text.append((char) ('0' + random.nextInt(10)));
            }
            if (random.nextBoolean()) {
                text.insert(random.nextInt(text.length() + 1), '.');
            }
            String time = text.toString();
            if (time.equals(".")) {
                continue;
            }

            // when
            double seconds = JUnitXmlParser.parseSeconds(time);

            // then
            assertThat(seconds).as(time).isEqualTo(Double.parseDouble(time));
        }
    }
}
