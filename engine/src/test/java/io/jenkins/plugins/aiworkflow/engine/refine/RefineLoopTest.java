package io.jenkins.plugins.aiworkflow.engine.refine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.agent.ImplementationRequest;
import io.jenkins.plugins.aiworkflow.engine.llm.ApiKey;
import io.jenkins.plugins.aiworkflow.engine.llm.OpenAiModelConfig;
import io.jenkins.plugins.aiworkflow.engine.report.ProblemKind;
import io.jenkins.plugins.aiworkflow.engine.report.TestCaseResult;
import io.jenkins.plugins.aiworkflow.engine.report.TestProblem;
import io.jenkins.plugins.aiworkflow.engine.report.TestReport;
import io.jenkins.plugins.aiworkflow.engine.report.TestStatus;
import io.jenkins.plugins.aiworkflow.engine.report.TextLimits;
import io.jenkins.plugins.aiworkflow.engine.step.StepResults;
import io.jenkins.plugins.aiworkflow.engine.validate.GateInput;
import io.jenkins.plugins.aiworkflow.engine.validate.QualityGate;
import io.jenkins.plugins.aiworkflow.engine.validate.ValidationResult;
import io.jenkins.plugins.aiworkflow.engine.validate.Verdict;
import io.jenkins.plugins.aiworkflow.engine.workspace.CommandResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The decisions of aiRefineLoop: whether the body runs again, and what its next agent learns. */
class RefineLoopTest {
    private static final Duration NO_TIME = Duration.ZERO;

    /** A validation in which the named tests of com.acme.PriceTest failed (none: it passed). */
    private static ValidationResult validation(String... failing) {
        TestReport.Builder report = TestReport.builder(TextLimits.DEFAULT).addFile("TEST-x.xml");
        report.testCase(TestCaseResult.builder().className("com.acme.PriceTest").name("shouldPass")
                .status(TestStatus.PASSED).build());
        for (String name : failing) {
            report.testCase(TestCaseResult.builder().className("com.acme.PriceTest").name(name)
                    .status(TestStatus.FAILED).addProblem(new TestProblem(ProblemKind.FAILURE,
                            "java.lang.AssertionError", "expected 3 but was 4 in " + name,
                            "java.lang.AssertionError\n\tat com.acme.PriceTest." + name + "(PriceTest.java:42)\n"))
                    .build());
        }
        TestReport built = report.build();
        CommandResult command = new CommandResult("mvn -B test", failing.length == 0 ? 0 : 1, false, Instant.EPOCH,
                Duration.ofSeconds(5), "");
        QualityGate gate = QualityGate.defaults();
        Verdict verdict = gate.evaluate(new GateInput(built, command, null, List.of("**/TEST-*.xml"), List.of()));
        return new ValidationResult(verdict, built, command, null, built.failures(), List.of(),
                List.of("**/TEST-*.xml"), gate, Duration.ofSeconds(6));
    }

    @Test
    void shouldStopWithGatePassedWhenTheIterationsLastValidationPassed() {
        // given
        RefineLoop loop = RefineLoop.start(3, null, null, null);
        loop.validated(validation("shouldRound"), UnaryOperator.identity());
        loop.validated(validation(), UnaryOperator.identity());

        // when
        RefineLoop.Decision decision = loop.endIteration(NO_TIME);

        // then: the last validation counts
        assertThat(decision.again()).isFalse();
        assertThat(decision.stopRule()).isEqualTo(StopRule.GATE_PASSED);
        assertThat(loop.iteration()).isEqualTo(1);
    }

    @Test
    void shouldRunAgainWithTheFeedbackOfTheFailedValidation() {
        // given
        RefineLoop loop = RefineLoop.start(3, null, null, null);
        assertThat(loop.feedback()).isNull();
        loop.validated(validation("shouldRound"), UnaryOperator.identity());

        // when
        RefineLoop.Decision decision = loop.endIteration(NO_TIME);

        // then
        assertThat(decision.again()).isTrue();
        assertThat(loop.iteration()).isEqualTo(2);
        assertThat(loop.feedback()).contains("com.acme.PriceTest.shouldRound", "expected 3 but was 4");
        assertThat(loop.passed()).isFalse();
    }

    @Test
    void shouldMaskSecretsInTheFeedbackAndTheReasons() {
        // given
        RefineLoop loop = RefineLoop.start(3, null, null, null);

        // when
        loop.validated(validation("shouldRound"), text -> text.replace("expected 3", "****"));
        loop.endIteration(NO_TIME);

        // then
        assertThat(loop.feedback()).contains("****").doesNotContain("expected 3");
    }

    @Test
    void shouldStopAfterMaxIterations() {
        // given
        RefineLoop loop = RefineLoop.start(2, null, null, null);
        loop.validated(validation("a"), UnaryOperator.identity());
        assertThat(loop.endIteration(NO_TIME).again()).isTrue();
        loop.validated(validation("b"), UnaryOperator.identity());

        // when
        RefineLoop.Decision decision = loop.endIteration(NO_TIME);

        // then
        assertThat(decision.stopRule()).isEqualTo(StopRule.MAX_ITERATIONS);
        assertThat(decision.message()).contains("maxIterations reached: 2");
        assertThat(loop.reasons()).isNotEmpty();
    }

    @Test
    void shouldStopWithoutProgressWhenTwoRunsInARowLeftTheSameFailingTests() {
        // given
        RefineLoop loop = RefineLoop.start(10, null, null, null);
        loop.validated(validation("a"), UnaryOperator.identity());
        assertThat(loop.endIteration(NO_TIME).again()).isTrue();
        loop.validated(validation("a"), UnaryOperator.identity());
        assertThat(loop.endIteration(NO_TIME).again()).as("one run without progress").isTrue();
        loop.validated(validation("a"), UnaryOperator.identity());

        // when
        RefineLoop.Decision decision = loop.endIteration(NO_TIME);

        // then
        assertThat(decision.stopRule()).isEqualTo(StopRule.NO_PROGRESS);
    }

    @Test
    void shouldGoOnWhileTheFailingTestsChange() {
        // given
        RefineLoop loop = RefineLoop.start(10, null, null, null);

        // when / then
        for (String failing : List.of("a", "b", "c", "d")) {
            loop.validated(validation(failing), UnaryOperator.identity());
            assertThat(loop.endIteration(NO_TIME).again()).as(failing).isTrue();
        }
    }

    @Test
    void shouldStopWhenTheBodysAgentsSpentMaxCost() {
        // given
        RefineLoop loop = RefineLoop.start(5, 1.0, null, null);
        loop.spent(0.6, true);
        loop.validated(validation("a"), UnaryOperator.identity());
        assertThat(loop.endIteration(NO_TIME).again()).isTrue();
        loop.spent(0.5, true);
        loop.validated(validation("b"), UnaryOperator.identity());

        // when
        RefineLoop.Decision decision = loop.endIteration(NO_TIME);

        // then
        assertThat(decision.stopRule()).isEqualTo(StopRule.MAX_COST);
        assertThat(loop.costUsd()).isEqualTo(1.1, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void shouldTellTheBodysAgentsWhatTheyMayStillSpend() {
        // given
        RefineLoop loop = RefineLoop.start(5, 1.0, null, null);
        assertThat(RefineLoop.start(5, null, null, null).costLeftUsd()).isNull();

        // when
        loop.spent(0.75, true);

        // then
        assertThat(loop.costLeftUsd()).isEqualTo(0.25, org.assertj.core.data.Offset.offset(1e-9));
        loop.spent(0.5, true);
        assertThat(loop.costLeftUsd()).isZero();
    }

    @Test
    void shouldHoldAnAgentOfTheBodyToWhatTheLoopHasLeft() {
        // given: a loop of 1 USD whose agents spent 0.75
        RefineLoop loop = RefineLoop.start(5, 1.0, null, null);
        loop.spent(0.75, true);
        Map<String, Object> none = new HashMap<>();
        Map<String, Object> more = new HashMap<>(Map.of("maxCostUsd", 2));
        Map<String, Object> less = new HashMap<>(Map.of("maxCostUsd", 0.1));
        Map<String, Object> unbounded = new HashMap<>(Map.of("maxCostUsd", 3.0));

        // when
        loop.capImplement(none);
        loop.capImplement(more);
        loop.capImplement(less);
        RefineLoop.start(5, null, null, null).capImplement(unbounded);

        // then
        assertThat((Double) none.get("maxCostUsd")).isEqualTo(0.25, org.assertj.core.data.Offset.offset(1e-9));
        assertThat((Double) more.get("maxCostUsd")).isEqualTo(0.25, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(less).containsEntry("maxCostUsd", 0.1);
        assertThat(unbounded).as("a loop without maxCostUsd leaves it").containsEntry("maxCostUsd", 3.0);
    }

    @Test
    void shouldRefuseAnAgentOfTheBodyOnceTheLoopsMoneyIsSpent() {
        // given
        RefineLoop loop = RefineLoop.start(5, 1.0, null, null);
        loop.spent(1.25, true);

        // when / then
        assertThatThrownBy(() -> loop.capImplement(new HashMap<>()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.parameter()).contains("maxCostUsd"))
                .hasMessage("the maxCostUsd of aiRefineLoop is spent (1.25 USD); accepted: a higher maxCostUsd on "
                        + "aiRefineLoop");
    }

    @Test
    void shouldStopWhenMaxCostCannotBeEnforced() {
        // given
        RefineLoop loop = RefineLoop.start(5, 1.0, null, null);
        loop.spent(0, false);
        loop.validated(validation("a"), UnaryOperator.identity());

        // when
        RefineLoop.Decision decision = loop.endIteration(NO_TIME);

        // then
        assertThat(decision.stopRule()).isEqualTo(StopRule.MAX_COST);
        assertThat(decision.message()).contains("no price");
    }

    @Test
    void shouldStopWhenTheTimeoutHasPassed() {
        // given
        RefineLoop loop = RefineLoop.start(5, null, Duration.ofMinutes(30), null);
        loop.validated(validation("a"), UnaryOperator.identity());
        assertThat(loop.endIteration(Duration.ofMinutes(29)).again()).isTrue();
        loop.validated(validation("b"), UnaryOperator.identity());

        // when
        RefineLoop.Decision decision = loop.endIteration(Duration.ofMinutes(30));

        // then
        assertThat(decision.stopRule()).isEqualTo(StopRule.TIMEOUT);
    }

    @Test
    void shouldStopWithAnErrorWhenTheBodyRanNoValidation() {
        // given
        RefineLoop loop = RefineLoop.start(5, null, null, null);

        // when
        RefineLoop.Decision decision = loop.endIteration(NO_TIME);

        // then
        assertThat(decision.stopRule()).isEqualTo(StopRule.ERROR);
        assertThat(decision.message()).contains("ran no aiValidate");
    }

    @Test
    void shouldRefuseLimitsOutOfRangeNamingTheParameter() {
        assertThatThrownBy(() -> RefineLoop.start(0, null, null, null)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("maxIterations");
        assertThatThrownBy(() -> RefineLoop.start(101, null, null, null)).hasMessageContaining("maxIterations");
        assertThatThrownBy(() -> RefineLoop.start(3, -1.0, null, null)).hasMessageContaining("maxCostUsd");
        assertThatThrownBy(() -> RefineLoop.start(3, 0.0, null, null)).hasMessageContaining("maxCostUsd");
        assertThatThrownBy(() -> RefineLoop.start(3, null, Duration.ZERO, null)).hasMessageContaining("timeout");
        assertThatThrownBy(() -> RefineLoop.start(3, null, null, 10)).hasMessageContaining("feedbackTokens");
    }

    @Test
    void shouldBoundTheFeedbackByFeedbackTokens() {
        // given
        RefineLoop loop = RefineLoop.start(3, null, null, RefineRequest.MIN_FEEDBACK_TOKENS);
        String[] many = new String[200];
        for (int i = 0; i < many.length; i++) {
            many[i] = "shouldRound" + i;
        }
        loop.validated(validation(many), UnaryOperator.identity());

        // when
        loop.endIteration(NO_TIME);

        // then: a few hundred tokens, the rest counted
        assertThat(loop.feedback().length()).isLessThan(RefineRequest.MIN_FEEDBACK_TOKENS * 4);
        assertThat(loop.feedback()).contains("more");
    }

    @Test
    void shouldSurviveSerializationAsPipelineKeepsIt() throws Exception {
        // given
        RefineLoop loop = RefineLoop.start(3, 2.0, Duration.ofMinutes(30), null);
        loop.validated(validation("a"), UnaryOperator.identity());
        loop.endIteration(NO_TIME);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(loop);
        }

        // when
        RefineLoop back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (RefineLoop) in.readObject();
        }

        // then
        assertThat(back.iteration()).isEqualTo(2);
        assertThat(back.feedback()).isEqualTo(loop.feedback());
    }

    @Test
    void shouldGiveTheLoopsFeedbackToTheNextAgentsPrompt() {
        // given
        RefineLoop loop = RefineLoop.start(3, null, null, 2_000);
        loop.validated(validation("shouldRound"), UnaryOperator.identity());
        loop.endIteration(NO_TIME);

        // when
        ImplementationRequest request = ImplementationRequest.builder().intent("Fix the rounding")
                .model(OpenAiModelConfig.builder().model("gpt-4.1").apiKey(ApiKey.of("sk-test-loop-1")).build())
                .feedback(loop.feedback(), loop.feedbackTokens()).build();

        // then
        assertThat(request.agentRequest().context().feedback()).isEqualTo(loop.feedback())
                .contains("com.acme.PriceTest.shouldRound");
        assertThat(request.agentRequest().context().maxFeedbackTokens()).isEqualTo(2_000);
    }

    @Test
    void shouldReturnThePlainMapOfAStoppedLoop() {
        // given
        RefineLoop loop = RefineLoop.start(3, null, null, null);
        loop.validated(validation("a"), UnaryOperator.identity());
        loop.endIteration(NO_TIME);
        loop.spent(0.25, true);
        loop.validated(validation(), UnaryOperator.identity());
        RefineLoop.Decision decision = loop.endIteration(NO_TIME);

        // when
        Map<String, Object> map = StepResults.refineLoop(loop, decision, UnaryOperator.identity());

        // then
        assertThat(map).containsEntry("passed", true).containsEntry("outcome", "PASSED")
                .containsEntry("stopRule", "GATE_PASSED").containsEntry("iterations", 2)
                .containsEntry("maxIterations", 3).containsEntry("reasons", List.of())
                .containsEntry("costUsd", 0.25);
        assertThat(map.keySet()).containsExactlyElementsOf(StepResults.keys(io.jenkins.plugins.aiworkflow.engine
                .step.Step.REFINE_LOOP).stream().map(StepResults.ResultKey::name).toList());
    }
}
