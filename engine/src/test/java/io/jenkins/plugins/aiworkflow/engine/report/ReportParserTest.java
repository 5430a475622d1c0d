package io.jenkins.plugins.aiworkflow.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportParserTest {
    private static ReportInput xml(String name, String text) {
        return new ReportInput(name, () -> new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<ReportInput> corpus() {
        List<ReportInput> inputs = new ArrayList<>();
        for (int file = 0; file < 30; file++) {
            StringBuilder xml = new StringBuilder("<testsuite name=\"S" + file + "\">");
            for (int test = 0; test < 20; test++) {
                xml.append("<testcase classname=\"C").append(file).append("\" name=\"t").append(test).append("\">");
                if (test % 7 == 3) {
                    xml.append("<failure message=\"m").append(test).append("\">trace</failure>");
                } else if (test % 9 == 4) {
                    xml.append("<skipped/>");
                } else if (test == 5) {
                    xml.append("<flakyFailure message=\"once\"/>");
                }
                xml.append("</testcase>");
            }
            inputs.add(xml("r" + file + ".xml", xml.append("</testsuite>").toString()));
        }
        inputs.add(xml("empty.xml", ""));
        return inputs;
    }

    @Test
    void shouldGiveTheSameReportWhateverTheNumberOfThreads() {
        // given
        List<ReportInput> inputs = corpus();

        // when
        TestReport single = new ReportParser(TextLimits.DEFAULT, 1).parse(inputs);
        TestReport parallel = new ReportParser(TextLimits.DEFAULT, 4).parse(inputs);

        // then
        assertThat(single.counts()).isEqualTo(new TestCounts(600, 450, 90, 0, 60, 30));
        assertThat(parallel.counts()).isEqualTo(single.counts());
        assertThat(parallel.files()).isEqualTo(single.files()).hasSize(31).startsWith("r0.xml", "r1.xml");
        assertThat(parallel.failures()).extracting(TestCaseResult::id)
                .isEqualTo(single.failures().stream().map(TestCaseResult::id).toList());
        assertThat(parallel.suites()).isEqualTo(single.suites());
        assertThat(parallel.problems()).isEqualTo(single.problems()).singleElement()
                .satisfies(problem -> assertThat(problem.file()).isEqualTo("empty.xml"));
    }

    @Test
    void shouldKeepOnlyTheFirstNotableCasesOfEachKindAndCountTheRest() {
        // given
        TextLimits limits = new TextLimits(100, 100, 100, 5);

        // when
        TestReport report = new ReportParser(limits, 2).parse(corpus());

        // then: kept in full, in file order whatever the threads; the rest only counted
        assertThat(report.failures()).hasSize(5).allSatisfy(
                failure -> assertThat(failure.problems().get(0).message()).isNotEmpty());
        assertThat(report.failures()).extracting(TestCaseResult::id)
                .isEqualTo(new ReportParser(limits, 1).parse(corpus()).failures().stream()
                        .map(TestCaseResult::id).toList());
        assertThat(report.failuresNotListed()).isEqualTo(85);
        assertThat(report.counts().failed()).isEqualTo(90);
        assertThat(report.skipped()).hasSize(5);
        assertThat(report.skippedNotListed()).isEqualTo(55);
        assertThat(report.counts().skipped()).isEqualTo(60);
        assertThat(report.flaky()).hasSize(5);
        assertThat(report.flakyNotListed()).isEqualTo(25);
        assertThat(report.counts().flaky()).isEqualTo(30);
    }

    /** Files of failing, flaky and skipped tests with texts of several sizes and suites of their own. */
    private static List<ReportInput> textCorpus() {
        List<ReportInput> inputs = new ArrayList<>();
        for (int file = 0; file < 12; file++) {
            StringBuilder xml = new StringBuilder("<testsuites>");
            for (int test = 0; test < 30; test++) {
                xml.append("<testsuite name=\"S").append(file).append('-').append(test).append("\">")
                        .append("<testcase classname=\"C").append(file).append("\" name=\"t").append(test)
                        .append("\">");
                String element = test % 3 == 0 ? "failure" : test % 3 == 1 ? "flakyFailure" : "skipped";
                for (int problem = 0; problem < 1 + test % 4; problem++) {
                    xml.append('<').append(element).append(" type=\"T").append(problem).append("\" message=\"")
                            .append("m".repeat(50 * (1 + (file + test) % 5))).append("\">")
                            .append("d".repeat(200 * ((file * test) % 3))).append("</").append(element).append('>');
                }
                xml.append("<system-out>").append("o".repeat(100 * (test % 2))).append("</system-out></testcase>")
                        .append("</testsuite>");
            }
            inputs.add(xml("r" + file + ".xml", xml.append("</testsuites>").toString()));
        }
        return inputs;
    }

    @Test
    void shouldApplyTheBudgetsForAllKeptCasesAlikeOnOneAndOnSeveralThreads() {
        for (TextLimits limits : List.of(new TextLimits(100, 300, 100, 50, 20_000, 100_000),
                new TextLimits(100, 300, 100, 50, 100_000, 1_500), new TextLimits(100, 300, 100, 40, 9_000, 1_200))) {
            // when
            TestReport single = new ReportParser(limits, 1).parse(textCorpus());
            TestReport two = new ReportParser(limits, 2).parse(textCorpus());
            TestReport four = new ReportParser(limits, 4).parse(textCorpus());

            // then
            assertThat(TestReportTest.describe(two)).as(limits.toString()).isEqualTo(TestReportTest.describe(single));
            assertThat(TestReportTest.describe(four)).as(limits.toString()).isEqualTo(TestReportTest.describe(single));
            assertThat(two.suites()).isEqualTo(single.suites());
            assertThat(single.listedWithoutTexts() > 0 || single.namesBudgetSpent()).as(limits.toString()).isTrue();
            assertThat(single.counts()).isEqualTo(new TestCounts(360, 120, 120, 0, 120, 120));
        }
    }

    @Test
    void shouldTurnAFileThatCannotBeOpenedIntoAProblemNamingIt() {
        // given
        ReportInput missing = new ReportInput("gone.xml", () -> {
            throw new IOException("No such file");
        });

        // when
        TestReport report = new ReportParser(TextLimits.DEFAULT, 1).parse(List.of(missing));

        // then
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(ReportProblem.Kind.UNREADABLE);
            assertThat(problem.toString()).isEqualTo("gone.xml: could not be read: No such file");
        });
    }

    @Test
    void shouldNotBuildTextsOfCasesThatCannotBeKeptAndKeepTheSameResult() throws IOException {
        // given: a parser whose listener records which cases came with texts
        TextLimits limits = new TextLimits(100, 100, 100, 5);
        TestReport.Builder file = TestReport.builder(limits);
        for (int i = 0; i < 5; i++) {
            file.testCase(TestCaseResult.builder().className("Earlier").name("f" + i).status(TestStatus.FAILED).build());
        }
        List<TestCaseResult> seen = new ArrayList<>();
        TestCaseListener recording = new TestCaseListener() {
            @Override
            public void testCase(TestCaseResult testCase) {
                seen.add(testCase);
                file.testCase(testCase);
            }

            @Override
            public boolean wantsTexts(ProblemKind kind) {
                return file.wantsTexts(kind);
            }
        };

        // when: the builder already keeps 5 failures, the most it keeps
        new JUnitXmlParser(limits).parse(xml("late.xml", """
                <testsuite name="S">
                  <testcase classname="C" name="fails"><failure message="m">trace</failure><system-out>out</system-out></testcase>
                  <testcase classname="C" name="skipped"><skipped message="why"/></testcase>
                </testsuite>"""), recording);

        // then: the failure's texts were skipped (it can never be kept), the skip's were read; statuses exact
        assertThat(seen).extracting(TestCaseResult::status).containsExactly(TestStatus.FAILED, TestStatus.SKIPPED);
        assertThat(seen.get(0).problems()).isEmpty();
        assertThat(seen.get(0).systemOut()).isEmpty();
        assertThat(seen.get(1).problems()).singleElement()
                .satisfies(problem -> assertThat(problem.message()).isEqualTo("why"));
        assertThat(file.wantsTexts(ProblemKind.FAILURE)).isFalse();
        assertThat(file.wantsTexts(ProblemKind.FLAKY_FAILURE)).isTrue();
        assertThat(TestReport.builder(limits).wantsTexts(ProblemKind.FAILURE)).isTrue();
    }

    @Test
    void shouldKeepTheSameTextsWhateverTheThreadsWhileSkippingTextsNeverKept() {
        // given: far more notable cases than are kept
        TextLimits limits = new TextLimits(100, 100, 100, 3);

        // when
        TestReport single = new ReportParser(limits, 1).parse(corpus());
        TestReport parallel = new ReportParser(limits, 2).parse(corpus());

        // then: the kept cases carry their texts, identical on 1 and 2 threads
        assertThat(single.failures()).hasSize(3).allSatisfy(failure -> assertThat(failure.problems())
                .singleElement().satisfies(problem -> assertThat(problem.details()).isEqualTo("trace")));
        assertThat(parallel.failures()).usingRecursiveComparison().withComparatorForType(Double::compare, Double.class)
                .isEqualTo(single.failures());
        assertThat(parallel.flaky()).usingRecursiveComparison().withComparatorForType(Double::compare, Double.class)
                .isEqualTo(single.flaky());
        assertThat(parallel.skipped()).usingRecursiveComparison().withComparatorForType(Double::compare, Double.class)
                .isEqualTo(single.skipped());
    }

    private static TestCaseResult failed(String name, String details) {
        return TestCaseResult.builder().className("C").name(name).status(TestStatus.FAILED)
                .addProblem(new TestProblem(ProblemKind.FAILURE, "T", "m", details)).build();
    }

    @Test
    void shouldTellAFileWhatTheMergeHadKeptSoThatItSkipsWhatTheMergeWouldDrop() {
        // given: a merge whose failures fill up with its first file (2 kept at most)
        TextLimits limits = new TextLimits(100, 100, 100, 2);
        TestReport.Builder merged = TestReport.builder(limits);
        TestReport.Builder first = merged.forFile(merged.keptSoFar());
        first.testCase(failed("a", "trace"));
        first.testCase(failed("b", "trace"));

        // when
        merged.addAll(first);
        TestReport.Builder told = merged.forFile(merged.keptSoFar());
        told.testCase(failed("c", "trace"));

        // then: a file told that the failures were full neither reads nor keeps failures; skips it still would
        assertThat(merged.keptSoFar()).isEqualTo(new TestReport.KeptSoFar(true, false, false, false));
        assertThat(told.wantsTexts(ProblemKind.FAILURE)).isFalse();
        assertThat(told.wantsTexts(ProblemKind.FLAKY_FAILURE)).isTrue();
        assertThat(told.wantsTexts(ProblemKind.SKIPPED)).isTrue();
        assertThat(told.build().failures()).isEmpty();
        assertThat(told.build().counts().failed()).isEqualTo(1);
        assertThat(merged.forFile(TestReport.KeptSoFar.NOTHING).wantsTexts(ProblemKind.FAILURE)).isTrue();
        assertThat(merged.addAll(told).build().failures()).extracting(TestCaseResult::name).containsExactly("a", "b");
    }

    @Test
    void shouldReadAFileAgainOnlyWhenWhatItWasToldChangedAndItSpentABudget() {
        // given: failures full in the merge; three files read before that was known
        TextLimits limits = new TextLimits(100, 100, 100, 2, 20, 10_000);
        TestReport.Builder merged = TestReport.builder(limits, 100);
        TestReport.Builder early = merged.forFile(merged.keptSoFar());
        TestReport.Builder spending = merged.forFile(merged.keptSoFar());
        TestReport.Builder thrifty = merged.forFile(merged.keptSoFar());
        early.testCase(failed("a", "x"));
        early.testCase(failed("b", "x"));
        spending.testCase(failed("c", "a trace longer than twenty characters")); // spends the text budget
        thrifty.testCase(failed("d", "x"));
        merged.addAll(early);
        TestReport.KeptSoFar atMerge = merged.keptSoFar();

        // when
        TestReport.Builder again = spending.forFileAgain(atMerge);
        again.testCase(failed("c", "a trace longer than twenty characters"));

        // then: only the one that spent a budget on a case the merge drops must be read again; read again, it
        // keeps nothing the merge would drop and records its tests' identities once
        assertThat(spending.mergesAsIfTold(atMerge)).isFalse();
        assertThat(thrifty.mergesAsIfTold(atMerge)).isTrue();
        assertThat(merged.forFile(atMerge).mergesAsIfTold(atMerge)).isTrue();
        assertThat(again.mergesAsIfTold(atMerge)).isTrue();
        TestReport report = merged.addAll(again).addAll(thrifty).build();
        assertThat(report.failures()).extracting(TestCaseResult::name).containsExactly("a", "b");
        assertThat(report.listedWithoutTexts()).isZero();
        assertThat(report.identities().executedCount()).isEqualTo(4);
    }

    /** More files than are read ahead, with failures that fill the kept list early and texts that spend budgets. */
    private static List<ReportInput> manyFilesCorpus() {
        List<ReportInput> inputs = new ArrayList<>();
        for (int file = 0; file < 140; file++) {
            StringBuilder xml = new StringBuilder("<testsuite name=\"S").append(file).append("\">");
            for (int test = 0; test < 6; test++) {
                xml.append("<testcase classname=\"C").append(file).append("\" name=\"t").append(test).append("\">");
                String element = test < 3 ? "failure" : test == 3 ? "skipped" : test == 4 ? "flakyFailure" : null;
                if (element != null) {
                    xml.append('<').append(element).append(" message=\"m").append(test).append("\">")
                            .append("d".repeat(100 * (1 + (file + test) % 4))).append("</").append(element).append('>');
                }
                xml.append("</testcase>");
            }
            inputs.add(xml("r" + file + ".xml", xml.append("</testsuite>").toString()));
        }
        return inputs;
    }

    @Test
    void shouldGiveTheSameReportOnAnyNumberOfThreadsWhenFilesAreToldWhatWasKept() {
        for (TextLimits limits : List.of(new TextLimits(100, 300, 100, 20, 2_500, 100_000),
                new TextLimits(100, 300, 100, 100, 1_000_000, 1_500), new TextLimits(100, 300, 100, 30, 300, 100_000),
                TextLimits.DEFAULT)) {
            // when
            TestReport single = new ReportParser(limits, 1).parse(manyFilesCorpus());
            List<String> expected = TestReportTest.describe(single);

            // then
            for (int threads : List.of(2, 3, 4, 16)) {
                assertThat(TestReportTest.describe(new ReportParser(limits, threads).parse(manyFilesCorpus())))
                        .as(limits + " on " + threads + " threads").isEqualTo(expected);
            }
            assertThat(single.counts().failed()).isEqualTo(3 * 140);
        }
    }

    @Test
    void shouldKeepWhatOneThreadKeepsWhenFilesReadAheadSpentABudgetOnCasesTheMergeDrops() {
        // given: the first file fills the kept failures (2); each later file has a failure whose texts alone are
        // more than the text budget, then a skipped test. Read ahead of the first file's merge, a file does not
        // know that its failure will be dropped, keeps it and spends its text budget on it
        TextLimits limits = new TextLimits(100, 3_000, 100, 2, 1_000, 100_000);
        List<ReportInput> inputs = new ArrayList<>();
        inputs.add(xml("r0.xml", "<testsuite><testcase classname=\"C\" name=\"a\"><failure>x</failure></testcase>"
                + "<testcase classname=\"C\" name=\"b\"><failure>x</failure></testcase></testsuite>"));
        for (int file = 1; file < 12; file++) {
            inputs.add(xml("r" + file + ".xml", "<testsuite><testcase classname=\"C" + file + "\" name=\"f\"><failure>"
                    + "t".repeat(2_000) + "</failure></testcase><testcase classname=\"C" + file + "\" name=\"s\">"
                    + "<skipped message=\"why\">because</skipped></testcase></testsuite>"));
        }

        // when
        TestReport single = new ReportParser(limits, 1).parse(inputs);
        TestReport four = new ReportParser(limits, 4).parse(inputs);

        // then: the skipped tests keep their texts on any number of threads
        assertThat(single.skipped()).hasSize(2).allSatisfy(skipped -> assertThat(skipped.withoutTexts()).isFalse());
        assertThat(single.listedWithoutTexts()).isZero();
        assertThat(TestReportTest.describe(four)).isEqualTo(TestReportTest.describe(single));
    }
}
