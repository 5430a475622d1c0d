package io.jenkins.plugins.aiworkflow.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.aiworkflow.engine.log.EngineLog;
import io.jenkins.plugins.aiworkflow.engine.output.ResultJson;
import io.jenkins.plugins.aiworkflow.engine.report.TestId;
import io.jenkins.plugins.aiworkflow.engine.report.TestIdentities;
import io.jenkins.plugins.aiworkflow.engine.report.TextLimits;
import io.jenkins.plugins.aiworkflow.engine.workspace.LocalWorkspace;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTest {
    /** Failures (one without a class name), an error, skips and a flaky test. */
    private static final String REPORT = "<testsuite name=\"s\">"
            + "<testcase classname=\"c\" name=\"ok\"/>"
            + "<testcase classname=\"c\" name=\"f1\"><failure message=\"no\"/></testcase>"
            + "<testcase name=\"f2\"><failure/></testcase>"
            + "<testcase classname=\"d\" name=\"e1\"><error/></testcase>"
            + "<testcase classname=\"c\" name=\"w1\"><flakyFailure/></testcase>"
            + "<testcase classname=\"c\" name=\"s1\"><skipped/></testcase>"
            + "<testcase classname=\"c\" name=\"s2\"><skipped/></testcase></testsuite>";

    @TempDir
    Path root;

    private ValidationResult validate(TextLimits limits) throws IOException {
        Files.writeString(root.resolve("TEST-s.xml"), REPORT);
        return new Validator().validate(ValidationRequest.builder().reports("TEST-s.xml").textLimits(limits).build()
                .withTestIdentitiesKept(), new LocalWorkspace(root), new EngineLog());
    }

    private static Baseline readBack(ValidationResult result, String source) {
        byte[] json = ResultJson.toJson(result).getBytes(StandardCharsets.UTF_8);
        return Baseline.read(new ByteArrayInputStream(json), source);
    }

    /** The same baseline without the identities of all its tests, which only one made in memory has. */
    private static Baseline withoutIdentities(Baseline baseline) {
        return new Baseline(baseline.source(), baseline.counts(), baseline.failedIds(), baseline.failuresNotListed());
    }

    @Test
    void shouldCompareLikeTheJsonResultOfTheSameValidation() throws IOException {
        // given
        ValidationResult result = validate(TextLimits.DEFAULT);

        // when
        Baseline inMemory = Baseline.of(result, "iteration 0");

        // then
        Baseline json = readBack(result, "iteration 0");
        assertThat(withoutIdentities(inMemory)).isEqualTo(json);
        assertThat(json.identities()).isNull();
        assertThat(inMemory.failedIds()).containsExactlyInAnyOrder(new TestId("c", "f1"), new TestId("s", "f2"),
                new TestId("d", "e1"));
        assertThat(inMemory.counts().skipped()).isEqualTo(2);
        assertThat(inMemory.failuresNotListed()).isZero();
    }

    @Test
    void shouldCountTheFailuresItDoesNotListLikeTheJsonResult() throws IOException {
        // given: only the first failed, flaky and skipped test keep their texts; the other failures are only counted
        ValidationResult result = validate(new TextLimits(100, 100, 100, 1));

        // when
        Baseline inMemory = Baseline.of(result, "iteration 0");

        // then
        Baseline json = readBack(result, "iteration 0");
        assertThat(withoutIdentities(inMemory)).isEqualTo(json);
        assertThat(json.failuresNotListed()).isEqualTo(result.report().failuresNotListed()).isPositive();
        assertThat(inMemory.counts()).isEqualTo(result.report().counts());
        assertThat(inMemory.counts().skipped()).isEqualTo(2);
    }

    @Test
    void shouldKeepTheIdentitiesOfEveryTestThatRanOrWasSkippedWhenMadeInMemory() throws IOException {
        // given: only one failed, flaky and skipped test is listed
        ValidationResult result = validate(new TextLimits(100, 100, 100, 1));

        // when
        Baseline inMemory = Baseline.of(result, "iteration 0");

        // then: all of them are known by identity all the same
        TestIdentities identities = inMemory.identities();
        assertThat(identities).isSameAs(result.report().identities());
        assertThat(identities.complete()).isTrue();
        assertThat(identities.executedCount()).isEqualTo(5);
        assertThat(identities.skippedCount()).isEqualTo(2);
        for (TestId ran : List.of(new TestId("c", "ok"), new TestId("c", "f1"), new TestId("s", "f2"),
                new TestId("d", "e1"), new TestId("c", "w1"))) {
            assertThat(identities.executed(ran)).as("%s ran", ran).isTrue();
            assertThat(identities.skipped(ran)).as("%s skipped", ran).isFalse();
        }
        assertThat(identities.skipped(new TestId("c", "s1"))).isTrue();
        assertThat(identities.skipped(new TestId("c", "s2"))).isTrue();
        assertThat(identities.executed(new TestId("c", "s1"))).isFalse();
        assertThat(identities.named()).containsExactly(new TestId("c", "ok"), new TestId("c", "f1"),
                new TestId("s", "f2"), new TestId("d", "e1"), new TestId("c", "w1"));
    }
}
