package io.jenkins.plugins.aiworkflow.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.aiworkflow.engine.output.ResultJson;
import io.jenkins.plugins.aiworkflow.engine.report.ReportInput;
import io.jenkins.plugins.aiworkflow.engine.report.ReportParser;
import io.jenkins.plugins.aiworkflow.engine.report.TestCaseResult;
import io.jenkins.plugins.aiworkflow.engine.report.TestIdentities;
import io.jenkins.plugins.aiworkflow.engine.report.TestReport;
import io.jenkins.plugins.aiworkflow.engine.report.TestStatus;
import io.jenkins.plugins.aiworkflow.engine.report.TextLimits;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tamper guard by identity: a test that ran in the baseline (the refine loop's iteration 0) and is missing
 * or skipped later fails the gate, named, even when the counts are unchanged.
 */
class TamperGuardTest {
    private static final List<String> PATTERNS = List.of("TEST-*.xml");

    static String passing(String name) {
        return "<testcase classname=\"com.acme.CartTest\" name=\"" + name + "\"/>";
    }

    static String failing(String name) {
        return "<testcase classname=\"com.acme.CartTest\" name=\"" + name + "\"><failure message=\"no\"/></testcase>";
    }

    static String skipped(String name) {
        return "<testcase classname=\"com.acme.CartTest\" name=\"" + name + "\"><skipped/></testcase>";
    }

    /** One report file of these test cases, read as the validator reads it. */
    static TestReport report(String... cases) {
        String xml = "<testsuite name=\"com.acme.CartTest\">" + String.join("", cases) + "</testsuite>";
        return new ReportParser(TextLimits.DEFAULT, 1).parse(List.of(new ReportInput("TEST-com.acme.CartTest.xml",
                () -> new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))));
    }

    static ValidationResult validate(TestReport report, Baseline baseline, QualityGate gate) {
        Verdict verdict = gate.evaluate(new GateInput(report, null, baseline, PATTERNS, List.of()));
        return new ValidationResult(verdict, report, null, baseline, List.of(), List.of(), PATTERNS, gate,
                Duration.ZERO);
    }

    /** Iteration 0 of a refine loop: the untouched workspace, validated without a baseline. */
    static Baseline iterationZero(String... cases) {
        return Baseline.of(validate(report(cases), null, QualityGate.defaults()), "iteration 0");
    }

    static List<Reason> reasons(ValidationResult result, GateCondition condition) {
        return result.verdict().reasons().stream().filter(reason -> reason.condition() == condition).toList();
    }

    @Test
    void shouldFailNamingAFailingTestThatWasDeletedWhenATrivialTestKeepsTheCount() {
        // given: iteration 0 has a failing test
        Baseline baseline = iterationZero(passing("shouldAdd"), failing("shouldApplyDiscount"));

        // when: the failing test is deleted and a trivial one added, so the count is unchanged and nothing fails
        ValidationResult result = validate(report(passing("shouldAdd"), passing("shouldBeTrue")), baseline,
                QualityGate.defaults());

        // then
        assertThat(result.verdict().passed()).isFalse();
        assertThat(reasons(result, GateCondition.TEST_DECREASE)).isEmpty();
        assertThat(reasons(result, GateCondition.MISSING_TESTS)).singleElement().satisfies(reason -> {
            assertThat(reason.message()).startsWith("1 test(s) that ran in the baseline are missing: "
                    + "com.acme.CartTest.shouldApplyDiscount");
            assertThat(reason.message()).endsWith("allowMissingTests is false: deleting or renaming a test does not "
                    + "make a change pass");
            assertThat(reason.condition().isTamperGuard()).isTrue();
        });
    }

    @Test
    void shouldFailNamingATestThatRanInTheBaselineAndIsSkippedNow() {
        // given: iteration 0 ran shouldAdd and skipped shouldRemove
        Baseline baseline = iterationZero(passing("shouldAdd"), skipped("shouldRemove"));

        // when: shouldAdd is skipped now and shouldRemove runs, so the skip count is unchanged
        ValidationResult result = validate(report(skipped("shouldAdd"), passing("shouldRemove")), baseline,
                QualityGate.defaults());

        // then
        assertThat(result.verdict().passed()).isFalse();
        assertThat(reasons(result, GateCondition.SKIP_INCREASE)).isEmpty();
        assertThat(reasons(result, GateCondition.MISSING_TESTS)).isEmpty();
        assertThat(reasons(result, GateCondition.NEWLY_SKIPPED_TESTS)).singleElement().satisfies(reason -> {
            assertThat(reason.message()).isEqualTo("1 test(s) that ran in the baseline are skipped now: "
                    + "com.acme.CartTest.shouldAdd, allowNewlySkippedTests is false: skipping a test does not make a "
                    + "change pass");
            assertThat(reason.condition().isTamperGuard()).isTrue();
        });
    }

    @Test
    void shouldReportARenamedTestAsMissingAndNew() {
        // given
        Baseline baseline = iterationZero(passing("shouldAdd"), passing("shouldRemove"));

        // when
        ValidationResult result = validate(report(passing("shouldAdd"), passing("shouldDelete")), baseline,
                QualityGate.defaults());

        // then
        assertThat(result.verdict().reasons()).extracting(Reason::condition).containsExactly(GateCondition.MISSING_TESTS);
        assertThat(result.verdict().reasons().get(0).message()).isEqualTo("1 test(s) that ran in the baseline are "
                + "missing: com.acme.CartTest.shouldRemove; 1 test(s) ran that the baseline did not have: "
                + "com.acme.CartTest.shouldDelete (a renamed test is one missing and one new test), allowMissingTests "
                + "is false: deleting or renaming a test does not make a change pass");
    }

    @Test
    void shouldNoteButPassWhatTheGateAllows() {
        // given
        Baseline baseline = iterationZero(passing("shouldAdd"), passing("shouldRemove"), skipped("shouldMove"));
        QualityGate gate = QualityGate.builder().allowMissingTests(true).allowNewlySkippedTests(true).build();

        // when: shouldRemove renamed, shouldAdd skipped now, shouldMove runs now
        ValidationResult result = validate(report(skipped("shouldAdd"), passing("shouldDelete"),
                passing("shouldMove")), baseline, gate);

        // then
        assertThat(result.verdict().passed()).isTrue();
        assertThat(result.verdict().notes()).anySatisfy(note -> assertThat(note).startsWith("1 test(s) that ran in "
                + "the baseline are missing: com.acme.CartTest.shouldRemove").endsWith("(allowed by allowMissingTests)"))
                .anySatisfy(note -> assertThat(note).startsWith("1 test(s) that ran in the baseline are skipped now: "
                        + "com.acme.CartTest.shouldAdd").endsWith("(allowed by allowNewlySkippedTests)"));
    }

    @Test
    void shouldPassWhenTheSameTestsRunAgainInAnotherOrderAndOthersAreAdded() {
        // given
        Baseline baseline = iterationZero(failing("shouldAdd"), passing("shouldRemove"), skipped("shouldMove"));

        // when
        ValidationResult result = validate(report(passing("shouldNew"), skipped("shouldMove"), passing("shouldRemove"),
                passing("shouldAdd")), baseline, QualityGate.defaults());

        // then
        assertThat(result.verdict().passed()).as("%s", result.verdict()).isTrue();
    }

    @Test
    void shouldCheckTheFailingTestsAJsonBaselineListsByIdentityAndTheOthersByCount() {
        // given: a baseline read back from the JSON result of iteration 0
        ValidationResult first = validate(report(failing("shouldApplyDiscount"), passing("shouldAdd")), null,
                QualityGate.defaults());
        Baseline json = Baseline.read(new ByteArrayInputStream(ResultJson.toJson(first).getBytes(StandardCharsets.UTF_8)),
                "before.json");

        // when: the failing test is deleted, or the passing one renamed; a trivial test keeps the count
        ValidationResult failingDeleted = validate(report(passing("shouldBeTrue"), passing("shouldAdd")), json,
                QualityGate.defaults());
        ValidationResult passingRenamed = validate(report(failing("shouldApplyDiscount"), passing("shouldSum")), json,
                QualityGate.builder().newFailuresOnly(true).build());

        // then: the listed failing test is named; a JSON result does not keep the identities of passing tests
        assertThat(reasons(failingDeleted, GateCondition.MISSING_TESTS)).singleElement()
                .satisfies(reason -> assertThat(reason.message()).startsWith("1 test(s) that ran in the baseline are "
                        + "missing: com.acme.CartTest.shouldApplyDiscount, allowMissingTests is false"));
        assertThat(passingRenamed.verdict().passed()).as("%s", passingRenamed.verdict()).isTrue();
    }

    @Test
    void shouldNameTenMissingTestsAndCountTheOthers() {
        // given
        String[] before = new String[16];
        for (int i = 0; i < before.length; i++) {
            before[i] = passing("test" + i);
        }
        Baseline baseline = iterationZero(before);

        // when: all but the first deleted
        ValidationResult result = validate(report(passing("test0")), baseline, QualityGate.builder()
                .allowTestDecrease(true).build());

        // then
        assertThat(result.verdict().reasons()).singleElement().satisfies(reason -> assertThat(reason.message())
                .isEqualTo("15 test(s) that ran in the baseline are missing: com.acme.CartTest.test1, "
                        + "com.acme.CartTest.test2, com.acme.CartTest.test3, com.acme.CartTest.test4, "
                        + "com.acme.CartTest.test5, com.acme.CartTest.test6, com.acme.CartTest.test7, "
                        + "com.acme.CartTest.test8, com.acme.CartTest.test9, com.acme.CartTest.test10, and 5 more, "
                        + "allowMissingTests is false: deleting or renaming a test does not make a change pass"));
    }

    @Test
    void shouldSayWhenAMissingTestIsBeyondTheNamesTheBaselineKeeps() {
        // given: more passing tests than the baseline keeps the names of
        int tests = TestIdentities.MAX_NAMED_TESTS + 5;
        String[] before = new String[tests];
        for (int i = 0; i < tests; i++) {
            before[i] = passing("test" + i);
        }
        Baseline baseline = iterationZero(before);

        // when: the last one deleted, a trivial one added
        String[] after = before.clone();
        after[tests - 1] = passing("shouldBeTrue");
        ValidationResult result = validate(report(after), baseline, QualityGate.defaults());

        // then
        assertThat(reasons(result, GateCondition.MISSING_TESTS)).singleElement().satisfies(reason -> assertThat(
                reason.message()).isEqualTo("1 test(s) that ran in the baseline are missing: none of them named (the "
                + "baseline keeps the names of its first 1000 tests that ran, TestIdentities.MAX_NAMED_TESTS and "
                + "MAX_NAMED_CHARS, and of the failing tests it lists); 1 test(s) ran that the baseline did not have: "
                + "none of them named (this run keeps the names of its first 1000 tests that ran, "
                + "TestIdentities.MAX_NAMED_TESTS and MAX_NAMED_CHARS, and of the failing and flaky tests it lists) "
                + "(a renamed test is one missing and one new test), allowMissingTests is false: deleting or renaming a "
                + "test does not make a change pass"));
    }

    @Test
    void shouldFailSafeWhenARunHadMoreTestsThanTheIdentitiesKept() {
        // given: a run of 3 tests read by a builder that keeps the identities of 2
        Baseline baseline = iterationZero(passing("shouldAdd"), passing("shouldRemove"), passing("shouldMove"));
        TestReport.Builder builder = TestReport.builder(TextLimits.DEFAULT, 2);
        for (String name : List.of("shouldAdd", "shouldRemove", "shouldMove")) {
            builder.testCase(TestCaseResult.builder().className("com.acme.CartTest").name(name)
                    .status(TestStatus.PASSED).build());
        }

        // when
        ValidationResult result = validate(builder.build(), baseline, QualityGate.defaults());
        ValidationResult allowed = validate(builder.build(), baseline, QualityGate.builder().allowMissingTests(true)
                .allowNewlySkippedTests(true).build());

        // then: it cannot tell whether a test is missing, and says so
        assertThat(result.verdict().reasons()).extracting(Reason::toString).containsExactly(
                "whether tests that ran in the baseline are missing cannot be told: this run has 3 tests, more than the "
                        + "2 whose identities are kept (TestIdentities.MAX_TESTS), allowMissingTests is false, so the "
                        + "gate fails safe",
                "whether tests that ran in the baseline are skipped now cannot be told: this run has 3 tests, more than "
                        + "the 2 whose identities are kept (TestIdentities.MAX_TESTS), allowNewlySkippedTests is false, "
                        + "so the gate fails safe");
        assertThat(allowed.verdict().passed()).isTrue();
        assertThat(allowed.verdict().notes()).hasSize(2);
    }
}
