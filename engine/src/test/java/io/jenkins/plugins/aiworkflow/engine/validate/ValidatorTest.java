package io.jenkins.plugins.aiworkflow.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.aiworkflow.engine.ledger.Budget;
import io.jenkins.plugins.aiworkflow.engine.ledger.Ledger;
import io.jenkins.plugins.aiworkflow.engine.ledger.MutableClock;
import io.jenkins.plugins.aiworkflow.engine.llm.PriceTable;
import io.jenkins.plugins.aiworkflow.engine.log.EngineLog;
import io.jenkins.plugins.aiworkflow.engine.output.ResultJson;
import io.jenkins.plugins.aiworkflow.engine.report.TestCaseResult;
import io.jenkins.plugins.aiworkflow.engine.report.TestCounts;
import io.jenkins.plugins.aiworkflow.engine.report.TextLimits;
import io.jenkins.plugins.aiworkflow.engine.workspace.EnvironmentPolicy;
import io.jenkins.plugins.aiworkflow.engine.workspace.LocalWorkspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidatorTest {
    private static final String PASSING = "<testsuite name=\"s\"><testcase classname=\"c\" name=\"ok\"/></testsuite>";
    private static final String FAILING = "<testsuite name=\"s\"><testcase classname=\"c\" name=\"ok\"/>"
            + "<testcase classname=\"c\" name=\"broken\"><failure message=\"no\"/></testcase></testsuite>";

    @TempDir
    Path root;

    private final EngineLog log = new EngineLog();

    private Path write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private ValidationResult validate(ValidationRequest.Builder request) {
        return new Validator().validate(request.build(), new LocalWorkspace(root), log);
    }

    @Test
    void shouldPassOnReportsThatAreAlreadyThere() throws IOException {
        // given
        write("target/surefire-reports/TEST-a.xml", PASSING);

        // when
        ValidationResult result = validate(ValidationRequest.builder().reports("target/surefire-reports/*.xml"));

        // then
        assertThat(result.verdict().passed()).isTrue();
        assertThat(result.report().counts()).isEqualTo(new TestCounts(1, 1, 0, 0, 0, 0));
        assertThat(result.report().files()).containsExactly("target/surefire-reports/TEST-a.xml");
        assertThat(result.command()).isNull();
    }

    @Test
    void shouldRunTheCommandAndReadTheReportsItWrote() {
        // given
        String command = "mkdir -p out && printf '%s' '" + FAILING + "' > out/TEST-a.xml && echo tests done";

        // when
        ValidationResult result = validate(ValidationRequest.builder().reports("out/*.xml").command(command)
                .gate(QualityGate.builder().maxFailures(1).minPassRate(0.5).build()));

        // then
        assertThat(result.verdict().passed()).isTrue();
        assertThat(result.command().exitCode()).isZero();
        assertThat(result.command().output()).contains("tests done");
        assertThat(result.report().counts().failures()).isEqualTo(1);
        assertThat(log.lines()).extracting(EngineLog.Line::text).contains("tests done");
    }

    @Test
    void shouldIgnoreStaleReportsThatTheCommandDidNotWrite() throws IOException {
        // given: a passing report from an earlier run, and a command that crashes before writing any
        Path old = write("out/TEST-old.xml", PASSING);
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(1))));

        // when
        ValidationResult result = validate(ValidationRequest.builder().reports("out/*.xml").command("exit 0"));

        // then
        assertThat(result.verdict().passed()).isFalse();
        assertThat(result.staleReports()).containsExactly("out/TEST-old.xml");
        assertThat(result.report().files()).isEmpty();
        assertThat(result.verdict().reasons()).singleElement().satisfies(reason -> {
            assertThat(reason.condition()).isEqualTo(GateCondition.REQUIRE_TESTS);
            assertThat(reason.message()).contains("no report file matched out/*.xml (only stale ones)");
        });
        assertThat(result.verdict().notes()).singleElement().asString()
                .contains("stale report file(s) ignored because the command did not write them: out/TEST-old.xml");
    }

    @Test
    void shouldIgnoreAStaleReportEvenWhenItIsRecentIfTheCommandLeftItUntouched() throws IOException {
        // given: written a moment ago by an earlier iteration, so its time alone cannot tell
        write("out/TEST-earlier.xml", PASSING);
        String command = "printf '%s' '" + FAILING + "' > out/TEST-fresh.xml";

        // when
        ValidationResult result = validate(ValidationRequest.builder().reports("out/*.xml").command(command));

        // then
        assertThat(result.staleReports()).containsExactly("out/TEST-earlier.xml");
        assertThat(result.report().files()).containsExactly("out/TEST-fresh.xml");
    }

    @Test
    void shouldCountAReportTheCommandRewrote() throws IOException {
        // given
        write("out/TEST-a.xml", PASSING);
        String command = "printf '%s' '" + FAILING + "' > out/TEST-a.xml";

        // when
        ValidationResult result = validate(ValidationRequest.builder().reports("out/*.xml").command(command));

        // then
        assertThat(result.staleReports()).isEmpty();
        assertThat(result.report().counts().failures()).isEqualTo(1);
    }

    @Test
    void shouldFailWhenTheCommandFailsEvenIfTheReportsPass() throws IOException {
        // given
        String command = "mkdir -p out && printf '%s' '" + PASSING + "' > out/TEST-a.xml && exit 2";

        // when
        ValidationResult result = validate(ValidationRequest.builder().reports("out/*.xml").command(command));

        // then
        assertThat(result.verdict().reasons()).singleElement().satisfies(reason -> {
            assertThat(reason.condition()).isEqualTo(GateCondition.EXIT_CODE);
            assertThat(reason.message()).isEqualTo("command '" + command + "' exited with 2, acceptedExitCodes is [0]");
        });
    }

    @Test
    void shouldFailOnAnEmptyReportNextToPassingOnes() throws IOException {
        // given: a crashed fork leaves an empty file
        write("out/TEST-a.xml", PASSING);
        write("out/TEST-crashed.xml", "");

        // when
        ValidationResult result = validate(ValidationRequest.builder().reports("out/*.xml"));

        // then
        assertThat(result.report().counts().tests()).isEqualTo(1);
        assertThat(result.verdict().reasons()).singleElement().satisfies(reason -> {
            assertThat(reason.condition()).isEqualTo(GateCondition.REPORT_PROBLEMS);
            assertThat(reason.message()).contains("out/TEST-crashed.xml: empty file (0 bytes)");
        });
        assertThat(log.lines()).extracting(EngineLog.Line::toString)
                .anyMatch(line -> line.startsWith("WARNING: Report out/TEST-crashed.xml: empty file"));
    }

    @Test
    void shouldCompareWithABaselineAndListNewFailures() throws IOException {
        // given
        write("out/TEST-a.xml", FAILING.replace("</testsuite>",
                "<testcase classname=\"c\" name=\"alsoBroken\"><error/></testcase></testsuite>"));
        Baseline baseline = new Baseline("before.json", new TestCounts(3, 2, 1, 0, 0, 0),
                java.util.Set.of(new io.jenkins.plugins.aiworkflow.engine.report.TestId("c", "broken")));

        // when
        ValidationResult result = validate(ValidationRequest.builder().reports("out/*.xml").baseline(baseline)
                .gate(QualityGate.builder().newFailuresOnly(true).build()));

        // then
        assertThat(result.newFailures()).extracting(failure -> failure.id().toString()).containsExactly("c.alsoBroken");
        assertThat(result.verdict().reasons()).extracting(Reason::condition)
                .containsExactly(GateCondition.MAX_FAILURES, GateCondition.MIN_PASS_RATE);
        assertThat(result.verdict().reasons().get(0).message())
                .isEqualTo("1 new test failure(s) (1 more already failed in the baseline), maxFailures is 0: c.alsoBroken");
    }

    @Test
    void shouldCompareWithABaselineGivenToABuiltRequestKeepingItsEnvironmentPolicy() throws IOException {
        // given: the refine loop's request, built once, and iteration 0's result as the baseline of a later one
        write("out/TEST-a.xml", PASSING);
        EnvironmentPolicy policy = EnvironmentPolicy.builder().secretValue(SECRET).build();
        ValidationRequest request = ValidationRequest.builder().reports("out/*.xml").build()
                .withEnvironmentPolicy(policy);
        Baseline iteration0 = new Baseline("iteration 0", new TestCounts(2, 2, 0, 0, 0, 0), java.util.Set.of());

        // when
        ValidationRequest compared = request.withBaseline(iteration0);
        ValidationResult result = new Validator().validate(compared, new LocalWorkspace(root), log);

        // then
        assertThat(compared.baseline()).isSameAs(iteration0);
        assertThat(compared.environmentPolicy()).isSameAs(policy);
        assertThat(compared.reports()).isEqualTo(request.reports());
        assertThat(request.baseline()).isNull();
        assertThat(result.verdict().reasons()).extracting(Reason::condition).containsExactly(GateCondition.TEST_DECREASE);
    }

    @Test
    void shouldKeepTheTestsIdentitiesOnlyWhenABaselineOrTheCallerNeedsThem() throws IOException {
        // given
        write("out/TEST-a.xml", PASSING);
        ValidationRequest plain = ValidationRequest.builder().reports("out/*.xml").build();
        Baseline baseline = new Baseline("before.json", new TestCounts(1, 1, 0, 0, 0, 0), java.util.Set.of());

        // when
        ValidationResult withoutBaseline = new Validator().validate(plain, new LocalWorkspace(root), log);
        ValidationResult asked = new Validator().validate(plain.withTestIdentitiesKept(), new LocalWorkspace(root), log);
        ValidationResult compared = new Validator().validate(plain.withBaseline(baseline), new LocalWorkspace(root), log);

        // then: a plain validation hashes no test name (it counts them), the others keep every identity
        assertThat(plain.keepTestIdentities()).isFalse();
        assertThat(withoutBaseline.report().identities().complete()).isFalse();
        assertThat(withoutBaseline.report().identities().tests()).isEqualTo(1);
        assertThat(Baseline.of(withoutBaseline, "iteration 0").identities()).as("known by failing tests only, as a file")
                .isNull();
        assertThat(asked.report().identities().complete()).isTrue();
        assertThat(Baseline.of(asked, "iteration 0").identities().executedMissingIn(compared.report().identities()))
                .isZero();
        assertThat(compared.report().identities().complete()).isTrue();
        assertThat(plain.withTestIdentitiesKept().withBaseline(baseline).keepTestIdentities()).isTrue();
    }

    private static final String SECRET = "sk-proj-4f9Qz7Lw2Xc8Vb1N";

    /** A workspace whose commands inherit this process's environment plus {@code extra}. */
    private LocalWorkspace workspaceWith(Map<String, String> extra) {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.putAll(extra);
        return new LocalWorkspace(root, environment);
    }

    @Test
    void shouldNeverGiveTheTestCommandARegisteredSecret() throws IOException {
        // given: the key's variable (removed by name), the key under an innocent name (removed by value), and a
        // test that prints the environment and a file holding the key into its output and its report
        LocalWorkspace workspace = workspaceWith(Map.of("PROVIDER_KEY_VARIABLE", "by-name-only",
                "INNOCENT_LOOKING", "prefix " + SECRET + " suffix", "ORDINARY_SETTING", "kept"));
        write("key.txt", SECRET);
        String command = "env; cat key.txt; mkdir -p out && printf '%s' \"<testsuite name='s'>"
                + "<testcase classname='c' name='t'><failure message='key=$(cat key.txt)'/>"
                + "<system-out>key=$(cat key.txt)</system-out></testcase></testsuite>\" > out/TEST-a.xml";
        EnvironmentPolicy policy = EnvironmentPolicy.builder().removeVariables(List.of("PROVIDER_KEY_VARIABLE"))
                .secretValue(SECRET).build();

        // when
        ValidationResult result = new Validator().validate(ValidationRequest.builder().reports("out/*.xml")
                .command(command).build().withEnvironmentPolicy(policy), workspace, log);

        // then
        assertThat(result.command().output()).contains("ORDINARY_SETTING=kept").contains("****")
                .doesNotContain("PROVIDER_KEY_VARIABLE").doesNotContain("INNOCENT_LOOKING").doesNotContain(SECRET);
        assertThat(result.report().counts().tests()).isEqualTo(1);
        String json = ResultJson.toJson(result);
        assertThat(json).contains("ORDINARY_SETTING=kept").contains("key=****").doesNotContain(SECRET)
                .doesNotContain("by-name-only").doesNotContain("INNOCENT_LOOKING");
        assertThat(log.lines()).extracting(EngineLog.Line::text).noneMatch(line -> line.contains(SECRET))
                .anyMatch(line -> line.contains("ORDINARY_SETTING=kept"));
    }

    @Test
    void shouldMaskARegisteredSecretThatTheReportsCutSplitOrThatXmlEscaped() throws IOException {
        // given: the secret in an output so long that the parser keeps only its head and tail, the cut falling
        // inside the secret, and in a message where XML escaped a character of it
        String escaped = "sk-a&b-0123456789";
        write("out/TEST-a.xml", "<testsuite name=\"s\"><testcase classname=\"c\" name=\"t\"><failure message=\""
                + "key sk-a&amp;b-0123456789\"/><system-out>" + "x".repeat(10) + SECRET + "y".repeat(500)
                + "</system-out></testcase></testsuite>");
        EnvironmentPolicy policy = EnvironmentPolicy.builder().secretValue(SECRET).secretValue(escaped).build();
        ValidationRequest request = ValidationRequest.builder().reports("out/*.xml")
                .textLimits(new TextLimits(1_000, 1_000, 40, 10)).build().withEnvironmentPolicy(policy);

        // when
        ValidationResult result = new Validator().validate(request, new LocalWorkspace(root), log);

        // then
        TestCaseResult failure = result.report().failures().get(0);
        assertThat(failure.systemOut()).startsWith("x".repeat(10) + "****\n[... ").doesNotContain(SECRET.substring(0, 4));
        assertThat(failure.problems().get(0).message()).isEqualTo("key ****");
        assertThat(ResultJson.toJson(result)).doesNotContain(SECRET.substring(0, 6)).doesNotContain("0123456789");
    }

    @Test
    void shouldMaskARegisteredSecretInTheCommandLineAndInReasons() {
        // given: a command line that holds the secret and fails
        String command = "echo " + SECRET + "; exit 3";
        EnvironmentPolicy policy = EnvironmentPolicy.builder().secretValue(SECRET).build();

        // when
        ValidationResult result = new Validator().validate(ValidationRequest.builder().reports("out/*.xml")
                .command(command).build().withEnvironmentPolicy(policy), new LocalWorkspace(root), log);

        // then
        assertThat(result.command().command()).isEqualTo("echo ****; exit 3");
        assertThat(ResultJson.toJson(result)).doesNotContain(SECRET)
                .contains("command 'echo ****; exit 3' exited with 3");
        assertThat(log.lines()).extracting(EngineLog.Line::text).noneMatch(line -> line.contains(SECRET));
    }

    @Test
    void shouldGiveTheTestCommandTheWholeEnvironmentByDefault() {
        // given: variables whose names look secret, which the agent's commands would not get
        LocalWorkspace workspace = workspaceWith(Map.of("NPM_TOKEN", "npm-token-value",
                "DATABASE_URL", "postgres://user:pw@db/test"));

        // when
        ValidationResult result = new Validator().validate(ValidationRequest.builder().reports("out/*.xml")
                .command("env").commandEnvironment(Map.of("EXTRA", "given")).build(), workspace, log);

        // then: aiwf validate runs the project's own tests as it always has
        assertThat(result.command().output()).contains("NPM_TOKEN=npm-token-value")
                .contains("DATABASE_URL=postgres://user:pw@db/test").contains("EXTRA=given");
    }

    @Test
    void shouldLeaveOutAVariableTheCommandEnvironmentGivesAnEmptyValueAsJenkinsDoes() {
        // given: a variable the workspace's commands start with, which the request unsets as withEnv(['NAME=']) does
        LocalWorkspace workspace = workspaceWith(Map.of("UNWANTED", "from-the-node"));

        // when
        ValidationResult result = new Validator().validate(ValidationRequest.builder().reports("out/*.xml")
                .command("echo \"[${UNWANTED-unset}]\"").commandEnvironment(Map.of("UNWANTED", "")).build(),
                workspace, log);

        // then
        assertThat(result.command().output()).isEqualTo("[unset]\n");
    }

    @Test
    void shouldLogWhichVariablesThePolicyLeavesOutOfTheTestCommandButNeverTheirValues() {
        // given
        LocalWorkspace workspace = workspaceWith(Map.of("INNOCENT_LOOKING", "prefix " + SECRET));
        EnvironmentPolicy policy = EnvironmentPolicy.builder().secretValue(SECRET).build().registeredSecretsOnly();

        // when
        new Validator().validate(ValidationRequest.builder().reports("out/*.xml").command("true").build()
                .withEnvironmentPolicy(policy), workspace, log);

        // then
        assertThat(log.lines()).extracting(EngineLog.Line::text)
                .anyMatch(line -> line.contains("leaves out 1 variable(s)") && line.contains("INNOCENT_LOOKING"))
                .noneMatch(line -> line.contains(SECRET));
    }

    @Test
    void shouldCutTheTestCommandToTheRunsTimeLeft() {
        // given: a run with a ten-minute limit, of which a fraction of a second is left
        MutableClock clock = new MutableClock();
        Ledger ledger = new Ledger(PriceTable.empty(), clock);
        Budget budget = Budget.builder().timeout(Duration.ofMinutes(10)).build();
        clock.advance(Duration.ofMinutes(10).minusMillis(300));

        // when
        ValidationResult result = new Validator().validate(ValidationRequest.builder().reports("out/*.xml")
                .command("sleep 30").build(), new LocalWorkspace(root), log,
                budget.remainingWallTime(ledger).orElseThrow());

        // then
        assertThat(result.command().timedOut()).isTrue();
        assertThat(result.timeLimitReached()).isTrue();
        assertThat(result.verdict().reasons()).first().satisfies(reason -> {
            assertThat(reason.condition()).isEqualTo(GateCondition.EXIT_CODE);
            assertThat(reason.message()).startsWith("command 'sleep 30' was killed: the run's wall-time limit "
                    + "(timeout) was reached (the command had the 0.3 s the run had left)");
        });
    }

    @Test
    void shouldKeepTheCommandTimeoutWhenMoreTimeIsLeft() {
        // when
        ValidationResult result = new Validator().validate(ValidationRequest.builder().reports("out/*.xml")
                .command("sleep 30").commandTimeout(Duration.ofMillis(300)).build(), new LocalWorkspace(root), log,
                Duration.ofHours(1));

        // then: the command's own limit killed it, not the run's
        assertThat(result.command().timedOut()).isTrue();
        assertThat(result.timeLimitReached()).isFalse();
        assertThat(result.verdict().reasons()).first().extracting(Reason::message).asString()
                .startsWith("command 'sleep 30' timed out after 0 s and was killed");
    }

    @Test
    void shouldNotStartTheTestCommandWhenNoTimeIsLeft() throws IOException {
        // given: a report from before, which must not be read as this run's
        write("out/TEST-a.xml", PASSING);

        // when
        ValidationResult result = new Validator().validate(ValidationRequest.builder().reports("out/*.xml")
                .command("touch ran").build(), new LocalWorkspace(root), log, Duration.ZERO);

        // then
        assertThat(root.resolve("ran")).doesNotExist();
        assertThat(result.command()).isNull();
        assertThat(result.timeLimitReached()).isTrue();
        assertThat(result.report().counts().tests()).isZero();
        assertThat(result.verdict().reasons()).singleElement().satisfies(reason -> {
            assertThat(reason.condition()).isEqualTo(GateCondition.EXIT_CODE);
            assertThat(reason.message()).isEqualTo("the run's wall-time limit (timeout) was reached before the test "
                    + "command 'touch ran' could start; it was not run");
        });
    }
}
