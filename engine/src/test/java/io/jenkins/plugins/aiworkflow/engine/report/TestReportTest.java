package io.jenkins.plugins.aiworkflow.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.aiworkflow.engine.text.Truncation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestReportTest {
    private static TestCaseResult failure(String name, String message, String details) {
        return TestCaseResult.builder().reportFile("r.xml").suiteName("S").className("C").name(name)
                .status(TestStatus.FAILED).addProblem(new TestProblem(ProblemKind.FAILURE, "T", message, details))
                .build();
    }

    /** What a kept case holds, for comparing reports built in different ways. */
    static String describe(TestCaseResult testCase) {
        return testCase.id() + " " + testCase.status() + " flaky=" + testCase.flaky() + " withoutTexts="
                + testCase.withoutTexts() + " " + testCase.problems() + " out=" + testCase.systemOut() + " err="
                + testCase.systemErr();
    }

    static List<String> describe(TestReport report) {
        List<String> all = new ArrayList<>();
        for (List<TestCaseResult> kind : List.of(report.failures(), report.flaky(), report.skipped())) {
            kind.forEach(testCase -> all.add(describe(testCase)));
        }
        all.add("listedWithoutTexts=" + report.listedWithoutTexts() + " namesBudgetSpent=" + report.namesBudgetSpent()
                + " notListed=" + report.failuresNotListed() + "/" + report.flakyNotListed() + "/"
                + report.skippedNotListed() + " suites=" + report.suites().size() + "+" + report.suitesNotListed());
        return all;
    }

    @Test
    void shouldKeepTextsUntilTheirBudgetIsSpentAndLaterCasesWithoutThem() {
        // given: 250 characters of texts for all kept cases
        TestReport.Builder builder = TestReport.builder(new TextLimits(100, 100, 100, 10, 250, 10_000));

        // when
        builder.testCase(failure("a", "m".repeat(50), "d".repeat(50)));
        builder.testCase(failure("b", "m".repeat(50), "d".repeat(50)));
        builder.testCase(failure("c", "m".repeat(60), "d".repeat(60))); // 320 > 250: spent
        builder.testCase(failure("d", "short", "")); // nothing to drop
        builder.testCase(failure("e", "x".repeat(150) + "y".repeat(150), "d".repeat(10)));
        TestReport report = builder.build();

        // then
        assertThat(report.failures()).extracting(TestCaseResult::withoutTexts)
                .containsExactly(false, false, true, false, true);
        assertThat(report.listedWithoutTexts()).isEqualTo(2);
        TestCaseResult c = report.failures().get(2);
        assertThat(c.problems()).containsExactly(new TestProblem(ProblemKind.FAILURE, "T", "m".repeat(60), ""));
        assertThat(c.id()).isEqualTo(new TestId("C", "c"));
        assertThat(report.failures().get(4).problems().get(0).message())
                .isEqualTo("x".repeat(100) + "\n[... 100 chars truncated ...]\n" + "y".repeat(100));
        assertThat(report.failures().get(4).problems().get(0).details()).isEmpty();
        assertThat(report.failuresNotListed()).isZero();
    }

    @Test
    void shouldKeepKindsAndTypesOfEveryProblemButOnlyTheFirstMessageAndNoOutputWithoutTexts() {
        // given: no texts at all may be kept
        TestReport.Builder builder = TestReport.builder(new TextLimits(100, 100, 100, 10, 0, 10_000));
        TestCaseResult flaky = TestCaseResult.builder().className("C").name("wobbly").status(TestStatus.PASSED)
                .flaky(true).addProblem(new TestProblem(ProblemKind.FLAKY_FAILURE, "AssertionError", "once", "at 1"))
                .addProblem(new TestProblem(ProblemKind.FLAKY_ERROR, "IOException", "twice", "at 2"))
                .systemOut("out").systemErr("err").build();

        // when
        builder.testCase(flaky);
        TestReport report = builder.build();

        // then
        assertThat(report.flaky()).singleElement().satisfies(kept -> {
            assertThat(kept.withoutTexts()).isTrue();
            assertThat(kept.flaky()).isTrue();
            assertThat(kept.problems()).containsExactly(
                    new TestProblem(ProblemKind.FLAKY_FAILURE, "AssertionError", "once", ""),
                    new TestProblem(ProblemKind.FLAKY_ERROR, "IOException", "", ""));
            assertThat(kept.systemOut()).isEmpty();
            assertThat(kept.systemErr()).isEmpty();
        });
        assertThat(report.listedWithoutTexts()).isEqualTo(1);
    }

    @Test
    void shouldCountTheCharactersLeftOutOfTheOriginalMessageWhenCuttingItAgain() {
        // given: a message the parser already cut from 5,000 to 1,000 characters
        String message = Truncation.headTail("a".repeat(2_500) + "b".repeat(2_500), 1_000);
        TestReport.Builder builder = TestReport.builder(new TextLimits(1_000, 100, 100, 10, 0, 10_000));

        // when
        builder.testCase(failure("a", message, ""));

        // then: 5,000 - 200 left out
        assertThat(builder.build().failures().get(0).problems().get(0).message())
                .isEqualTo("a".repeat(100) + "\n[... 4800 chars truncated ...]\n" + "b".repeat(100));
    }

    @Test
    void shouldStopListingOnceTheNamesDoNotFit() {
        // given: 30 characters of names: "C" and "S" once, then "T" and a 9-character name per case
        TestReport.Builder builder = TestReport.builder(new TextLimits(100, 100, 100, 10, 10_000, 30));

        // when
        for (int i = 0; i < 4; i++) {
            builder.testCase(TestCaseResult.builder().suiteName("S").className("C").name("name-" + i + "abc")
                    .status(i == 3 ? TestStatus.SKIPPED : TestStatus.FAILED)
                    .addProblem(new TestProblem(ProblemKind.FAILURE, "T", "", "")).build());
        }
        TestReport report = builder.build();

        // then: 12, 22, and the third (32) does not fit; later notable cases of any kind are not listed either
        assertThat(report.failures()).extracting(TestCaseResult::name).containsExactly("name-0abc", "name-1abc");
        assertThat(report.failuresNotListed()).isEqualTo(1);
        assertThat(report.skipped()).isEmpty();
        assertThat(report.skippedNotListed()).isEqualTo(1);
        assertThat(report.namesBudgetSpent()).isTrue();
        assertThat(report.counts().failed()).isEqualTo(3);
    }

    @Test
    void shouldCountANameSharedWithThePreviousCaseOnce() {
        // given: the parser shares one String per class name in a file
        String className = "com.acme.FooTest";
        TestReport.Builder builder = TestReport.builder(new TextLimits(100, 100, 100, 10, 10_000,
                className.length() + 3));

        // when: the class name (suite name the same object) counted once, then one character per test name
        for (String name : List.of("a", "b", "c")) {
            builder.testCase(TestCaseResult.builder().suiteName(className).className(className).name(name)
                    .status(TestStatus.SKIPPED).build());
        }

        // then
        assertThat(builder.build().skipped()).hasSize(3);
    }

    @Test
    void shouldKeepTheFirstSuitesAndCountTheRestAlsoWhenMerging() {
        // given
        TestReport.Builder first = TestReport.builder(TextLimits.DEFAULT);
        TestReport.Builder second = TestReport.builder(TextLimits.DEFAULT);
        for (int i = 0; i < 300; i++) {
            first.suite(new SuiteSummary("a" + i, "a.xml", TestCounts.ZERO, Double.NaN));
        }
        for (int i = 0; i < TestReport.MAX_LISTED_SUITES + 5; i++) {
            second.suite(new SuiteSummary("b" + i, "b.xml", TestCounts.ZERO, Double.NaN));
        }

        // when
        TestReport alone = second.build();
        TestReport merged = TestReport.builder(TextLimits.DEFAULT).addAll(first).addAll(second).build();

        // then
        assertThat(alone.suites()).hasSize(TestReport.MAX_LISTED_SUITES);
        assertThat(alone.suitesNotListed()).isEqualTo(5);
        assertThat(merged.suites()).hasSize(TestReport.MAX_LISTED_SUITES);
        assertThat(merged.suites().get(300).name()).isEqualTo("b0");
        assertThat(merged.suitesNotListed()).isEqualTo(300 + 5);
    }

    /** Cases of three files: failures, flaky and skipped tests with texts and names of several sizes. */
    private static List<List<TestCaseResult>> files() {
        List<List<TestCaseResult>> files = new ArrayList<>();
        for (int file = 0; file < 3; file++) {
            List<TestCaseResult> cases = new ArrayList<>();
            String className = "com.acme.C" + file;
            for (int i = 0; i < 40; i++) {
                TestStatus status = i % 3 == 0 ? TestStatus.FAILED : i % 3 == 1 ? TestStatus.PASSED : TestStatus.SKIPPED;
                ProblemKind kind = i % 3 == 0 ? ProblemKind.FAILURE : i % 3 == 1 ? ProblemKind.FLAKY_FAILURE
                        : ProblemKind.SKIPPED;
                cases.add(TestCaseResult.builder().reportFile("f" + file + ".xml").suiteName(className)
                        .className(className).name("t" + i + "x".repeat(i % 7)).status(status).flaky(i % 3 == 1)
                        .addProblem(new TestProblem(kind, "T" + i, "m".repeat(10 + 37 * (i % 5)), "d".repeat(90 * (i % 4))))
                        .systemOut("o".repeat(20 * (i % 3))).build());
            }
            files.add(cases);
        }
        return files;
    }

    @Test
    void shouldApplyTheBudgetsAlikeToOneBuilderAndToBuildersOfEachFileMerged() {
        for (TextLimits limits : List.of(new TextLimits(1_000, 1_000, 1_000, 100, 3_000, 100_000),
                new TextLimits(1_000, 1_000, 1_000, 100, 100_000, 700), new TextLimits(1_000, 1_000, 1_000, 100, 5_000, 900))) {
            // given
            TestReport.Builder one = TestReport.builder(limits);
            TestReport.Builder merged = TestReport.builder(limits);

            // when
            for (List<TestCaseResult> file : files()) {
                TestReport.Builder ofFile = TestReport.builder(limits);
                for (TestCaseResult testCase : file) {
                    one.testCase(testCase);
                    ofFile.testCase(testCase);
                }
                merged.addAll(ofFile);
            }

            // then
            TestReport report = merged.build();
            assertThat(describe(report)).as(limits.toString()).isEqualTo(describe(one.build()));
            assertThat(report.listedWithoutTexts() > 0 || report.namesBudgetSpent()).as(limits.toString()).isTrue();
        }
    }

    @Test
    void shouldKeepABudgetSpentInOneFileSpentForTheFilesAfterIt() {
        // given: in the first file, a case whose name and a case whose message do not fit (the message loses
        // nothing without texts, so neither leaves a trace among the kept cases); small cases in the second
        TextLimits limits = new TextLimits(1_000, 1_000, 1_000, 10, 100, 50);
        TestReport.Builder first = TestReport.builder(limits);
        first.testCase(failure("a", "m".repeat(150), ""));
        TestReport.Builder second = TestReport.builder(limits);
        second.testCase(failure("b", "small", "details"));
        TestReport.Builder third = TestReport.builder(limits);
        third.testCase(failure("n".repeat(60), "", ""));
        TestReport.Builder fourth = TestReport.builder(limits);
        fourth.testCase(failure("c", "", ""));

        // when
        TestReport report = TestReport.builder(limits).addAll(first).addAll(second).addAll(third).addAll(fourth)
                .build();

        // then: as one builder would have it
        assertThat(report.failures()).extracting(TestCaseResult::name).containsExactly("a", "b");
        assertThat(report.failures()).extracting(TestCaseResult::withoutTexts).containsExactly(false, true);
        assertThat(report.failuresNotListed()).isEqualTo(2);
        assertThat(report.namesBudgetSpent()).isTrue();
    }

    @Test
    void shouldKeepTheMergedTextsWithinTheBudgetWhateverEachFileKept() {
        // given: each file alone keeps up to 3,000 characters of texts and 2 cases of each kind
        TextLimits limits = new TextLimits(1_000, 1_000, 1_000, 2, 3_000, 100_000);
        TestReport.Builder merged = TestReport.builder(limits);

        // when
        for (List<TestCaseResult> file : files()) {
            TestReport.Builder ofFile = TestReport.builder(limits);
            file.forEach(ofFile::testCase);
            merged.addAll(ofFile);
        }
        TestReport report = merged.build();

        // then
        long texts = 0;
        for (List<TestCaseResult> kind : List.of(report.failures(), report.flaky(), report.skipped())) {
            assertThat(kind).hasSize(2);
            for (TestCaseResult testCase : kind) {
                texts += testCase.withoutTexts() ? 0 : testCase.textChars();
            }
        }
        assertThat(texts).isLessThanOrEqualTo(3_000);
        assertThat(report.counts().tests()).isEqualTo(120);
    }
}
