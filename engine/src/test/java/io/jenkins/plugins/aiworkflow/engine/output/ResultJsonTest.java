package io.jenkins.plugins.aiworkflow.engine.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.log.EngineLog;
import io.jenkins.plugins.aiworkflow.engine.report.TestId;
import io.jenkins.plugins.aiworkflow.engine.report.TextLimits;
import io.jenkins.plugins.aiworkflow.engine.validate.Baseline;
import io.jenkins.plugins.aiworkflow.engine.validate.ValidationRequest;
import io.jenkins.plugins.aiworkflow.engine.validate.ValidationResult;
import io.jenkins.plugins.aiworkflow.engine.validate.Validator;
import io.jenkins.plugins.aiworkflow.engine.workspace.LocalWorkspace;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultJsonTest {
    static final String REPORT = """
            <testsuite name="com.acme.FooTest">
              <testcase classname="com.acme.FooTest" name="passes" time="0.5"/>
              <testcase classname="com.acme.FooTest" name="fails" time="0.25">
                <failure message="expected &lt;1&gt; but was &lt;2&gt;" type="AssertionError">at Foo.java:3 | ```x```</failure>
                <system-out>some output</system-out>
              </testcase>
              <testcase name="noClass"><skipped message="later"/></testcase>
              <testcase classname="com.acme.FooTest" name="wobbly"><flakyFailure message="once"/></testcase>
            </testsuite>
            """;

    @TempDir
    Path root;

    static ValidationResult validate(Path root) throws IOException {
        Files.writeString(root.resolve("TEST-foo.xml"), REPORT);
        return new Validator().validate(ValidationRequest.builder().reports("*.xml").build(), new LocalWorkspace(root),
                new EngineLog());
    }

    @Test
    void shouldWriteTheDocumentedFields() throws IOException {
        // given
        ValidationResult result = validate(root);

        // when
        JsonNode json = new ObjectMapper().readTree(ResultJson.toJson(result));

        // then
        assertThat(json.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.path("verdict").asText()).isEqualTo("FAILED");
        assertThat(json.path("reasons")).extracting(reason -> reason.path("condition").asText())
                .containsExactly("maxFailures", "minPassRate");
        assertThat(json.path("totals").toString()).isEqualTo("{\"tests\":4,\"passed\":2,\"failures\":1,\"errors\":0,"
                + "\"skipped\":1,\"flaky\":1,\"executed\":3,\"passRate\":0.6666666666666666}");
        JsonNode failure = json.path("failures").get(0);
        assertThat(failure.path("id").asText()).isEqualTo("com.acme.FooTest.fails");
        assertThat(failure.path("status").asText()).isEqualTo("FAILED");
        assertThat(failure.path("durationSeconds").asDouble()).isEqualTo(0.25);
        assertThat(failure.path("problems").get(0).path("message").asText()).isEqualTo("expected <1> but was <2>");
        assertThat(failure.path("systemOut").asText()).isEqualTo("some output");
        assertThat(json.path("newFailures")).extracting(JsonNode::asText).containsExactly("com.acme.FooTest.fails");
        assertThat(json.path("flaky").get(0).path("id").asText()).isEqualTo("com.acme.FooTest.wobbly");
        assertThat(json.path("skipped").get(0).path("id").asText()).isEqualTo("com.acme.FooTest.noClass");
        assertThat(json.path("gate").path("acceptedExitCodes").toString()).isEqualTo("[0]");
        assertThat(json.path("gate").path("allowMissingTests").isBoolean()).isTrue();
        assertThat(json.path("gate").path("allowNewlySkippedTests").isBoolean()).isTrue();
        assertThat(json.path("command").isNull()).isTrue();
        assertThat(json.path("baseline").isNull()).isTrue();
        assertThat(json.path("reportFiles")).extracting(JsonNode::asText).containsExactly("TEST-foo.xml");
        assertThat(failure.path("withoutTexts").asBoolean(true)).isFalse();
        assertThat(json.path("listedWithoutTexts").isIntegralNumber()).isTrue();
        assertThat(json.path("listedWithoutTexts").asLong()).isZero();
        assertThat(json.path("suites")).singleElement()
                .satisfies(suite -> assertThat(suite.path("name").asText()).isEqualTo("com.acme.FooTest"));
        assertThat(json.path("suitesNotListed").isIntegralNumber()).isTrue();
        assertThat(json.path("suitesNotListed").asLong()).isZero();
    }

    @Test
    void shouldBeReadableAsABaseline() throws IOException {
        // given
        String json = ResultJson.toJson(validate(root));

        // when
        Baseline baseline = Baseline.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "b.json");

        // then
        assertThat(baseline.counts().tests()).isEqualTo(4);
        assertThat(baseline.counts().skipped()).isEqualTo(1);
        assertThat(baseline.failedIds()).containsExactly(new TestId("com.acme.FooTest", "fails"));
    }

    /** Three failing, two flaky and two skipped tests, of which only the first of each kind is kept. */
    private ValidationResult validateKeepingOneOfEach() throws IOException {
        Files.writeString(root.resolve("TEST-many.xml"), "<testsuite name=\"s\">"
                + "<testcase classname=\"c\" name=\"f1\"><failure/></testcase>"
                + "<testcase classname=\"c\" name=\"f2\"><failure/></testcase>"
                + "<testcase classname=\"c\" name=\"f3\"><error/></testcase>"
                + "<testcase classname=\"c\" name=\"w1\"><flakyFailure/></testcase>"
                + "<testcase classname=\"c\" name=\"w2\"><flakyFailure/></testcase>"
                + "<testcase classname=\"c\" name=\"s1\"><skipped/></testcase>"
                + "<testcase classname=\"c\" name=\"s2\"><skipped/></testcase></testsuite>");
        return new Validator().validate(ValidationRequest.builder().reports("TEST-many.xml")
                .textLimits(new TextLimits(100, 100, 100, 1)).build(), new LocalWorkspace(root), new EngineLog());
    }

    @Test
    void shouldSayHowManyNotableTestsAreCountedButNotListed() throws IOException {
        // given
        ValidationResult result = validateKeepingOneOfEach();

        // when
        JsonNode json = new ObjectMapper().readTree(ResultJson.toJson(result));
        String markdown = MarkdownSummary.render(result);
        List<String> console = ConsoleSummary.render(result);

        // then
        assertThat(json.path("totals").path("failures").asLong()).isEqualTo(2);
        assertThat(json.path("totals").path("errors").asLong()).isEqualTo(1);
        assertThat(json.path("failures")).hasSize(1);
        assertThat(json.path("failuresNotListed").asLong()).isEqualTo(2);
        assertThat(json.path("flaky")).hasSize(1);
        assertThat(json.path("flakyNotListed").asLong()).isEqualTo(1);
        assertThat(json.path("skipped")).hasSize(1);
        assertThat(json.path("skippedNotListed").asLong()).isEqualTo(1);
        String note = "2 failed, 1 flaky and 1 skipped test(s) are counted but not listed: only the first 1 of each "
                + "kind are kept, maxDetailedCases";
        assertThat(json.path("notes")).extracting(JsonNode::asText).contains(note);
        assertThat(json.path("reasons").get(0).path("message").asText()).isEqualTo("3 test(s) failed, maxFailures "
                + "is 0: c.f1, and 2 more failed test(s) not listed (only the first 1 of each kind are kept, "
                + "maxDetailedCases)");
        assertThat(console).contains("  NOTE   " + note);
        assertThat(markdown).contains("<details><summary>Failed tests (3)</summary>")
                .contains("- … and 2 more, not listed (only the first 1 are kept, maxDetailedCases)");
    }

    private ValidationResult validateWithin(TextLimits limits) throws IOException {
        Files.writeString(root.resolve("TEST-foo.xml"), REPORT);
        return new Validator().validate(ValidationRequest.builder().reports("*.xml").textLimits(limits).build(),
                new LocalWorkspace(root), new EngineLog());
    }

    @Test
    void shouldSayWhichListedTestsAreKeptWithoutTheirTexts() throws IOException {
        // given: 10 characters of texts for all kept tests; the failure's 58 do not fit, and the later tests'
        // short messages are all they have
        ValidationResult result = validateWithin(new TextLimits(100, 100, 100, 10, 10, 10_000));

        // when
        JsonNode json = new ObjectMapper().readTree(ResultJson.toJson(result));
        String markdown = MarkdownSummary.render(result);
        List<String> console = ConsoleSummary.render(result);

        // then
        JsonNode failure = json.path("failures").get(0);
        assertThat(failure.path("withoutTexts").asBoolean()).isTrue();
        assertThat(failure.path("problems").get(0).path("message").asText()).isEqualTo("expected <1> but was <2>");
        assertThat(failure.path("problems").get(0).path("type").asText()).isEqualTo("AssertionError");
        assertThat(failure.path("problems").get(0).path("details").asText()).isEmpty();
        assertThat(failure.path("systemOut").asText()).isEmpty();
        assertThat(json.path("skipped").get(0).path("withoutTexts").asBoolean(true)).isFalse();
        assertThat(json.path("listedWithoutTexts").asLong()).isEqualTo(1);
        String note = "1 listed test(s) are kept without their texts (no details or output, the first message cut to "
                + "200 characters): the texts kept before them reached 10 characters, maxKeptTextChars";
        assertThat(json.path("notes")).extracting(JsonNode::asText).contains(note);
        assertThat(console).contains("  NOTE   " + note);
        assertThat(markdown).contains("- `" + note + "`")
                .contains("- `com.acme.FooTest.fails` FAILED (texts not kept, maxKeptTextChars)\n  ```\n  expected <1> "
                        + "but was <2>\n  ```\n");
    }

    @Test
    void shouldSayThatTestsAreNotListedOnceTheirNamesFillTheirBudget() throws IOException {
        // given: 40 characters of names; the failure takes 35 (com.acme.FooTest, fails, AssertionError)
        ValidationResult result = validateWithin(new TextLimits(100, 100, 100, 10, 10_000, 40));

        // when
        JsonNode json = new ObjectMapper().readTree(ResultJson.toJson(result));

        // then
        assertThat(json.path("failures")).hasSize(1);
        assertThat(json.path("skipped")).isEmpty();
        assertThat(json.path("skippedNotListed").asLong()).isEqualTo(1);
        assertThat(json.path("flakyNotListed").asLong()).isEqualTo(1);
        assertThat(json.path("notes")).extracting(JsonNode::asText).contains("0 failed, 1 flaky and 1 skipped test(s) "
                + "are counted but not listed: only the first 10 of each kind are kept, maxDetailedCases, and only "
                + "while their names fit in 40 characters, maxKeptNameChars");
    }

    @Test
    void shouldReadTheFailuresABaselineDidNotList() throws IOException {
        // given
        String json = ResultJson.toJson(validateKeepingOneOfEach());

        // when
        Baseline baseline = Baseline.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "b.json");

        // then
        assertThat(baseline.failedIds()).containsExactly(new TestId("c", "f1"));
        assertThat(baseline.failuresNotListed()).isEqualTo(2);
    }

    @Test
    void shouldRefuseABaselineThatIsNoResultFile() {
        for (String text : List.of("", "[]", "{\"totals\":{\"tests\":-1}}", "{not json", "{\"verdict\":\"PASSED\"}")) {
            assertThatThrownBy(() -> Baseline.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                    "old.json"))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageStartingWith("baseline 'old.json' ")
                    .hasMessageEndingWith("accepted: a JSON result file written by 'aiwf validate --json' or aiValidate");
        }
    }

    @Test
    void shouldRenderMarkdownThatCannotBeHijackedByTestOutput() throws IOException {
        // when
        String markdown = MarkdownSummary.render(validate(root));

        // then
        assertThat(markdown).startsWith("### ❌ Validation failed\n\n| Tests | Passed |")
                .contains("| 4 | 2 | 1 | 0 | 1 | 1 | 66.67% |")
                .contains("- `maxFailures`: `1 test(s) failed, maxFailures is 0: com.acme.FooTest.fails`")
                .contains("- `com.acme.FooTest.fails` FAILED\n  ````\n  expected <1> but was <2>\n  at Foo.java:3 | ```x```\n  ````\n");
    }

    @Test
    void shouldSummariseForTheConsole() throws IOException {
        // when
        List<String> lines = ConsoleSummary.render(validate(root));

        // then
        assertThat(lines).containsExactly(
                "Validation FAILED: 4 tests, 2 passed, 1 failed, 0 errors, 1 skipped, 1 flaky (pass rate 66.67%) in 1 report file(s)",
                "  FAILED maxFailures: 1 test(s) failed, maxFailures is 0: com.acme.FooTest.fails",
                "  FAILED minPassRate: pass rate is 66.67% (2 of 3 executed test(s) passed), minPassRate is 100.00%",
                "  NOTE   1 flaky test(s) passed only on a rerun: com.acme.FooTest.wobbly");
    }

    @Test
    void shouldKeepEveryConsoleLineOneLineWhateverTheReportsTestNamesHold() throws IOException {
        // given: a hostile report whose failing test's name holds line breaks (XML 1.0 allows no escape
        // character); inside the name, since whitespace around a name is not kept
        Files.writeString(root.resolve("TEST-evil.xml"), """
                <testsuite name="Evil">
                  <testcase classname="Evil" name="x&#13;&#10;Validation PASSED: all good"><failure/></testcase>
                </testsuite>
                """);

        // when
        List<String> lines = ConsoleSummary.render(new Validator().validate(ValidationRequest.builder()
                .reports("TEST-evil.xml").build(), new LocalWorkspace(root), new EngineLog()));

        // then
        assertThat(lines).noneMatch(line -> line.contains("\n") || line.contains("\r"))
                .contains("  FAILED maxFailures: 1 test(s) failed, maxFailures is 0: "
                        + "Evil.x\\u000d\\u000aValidation PASSED: all good");
    }
}
