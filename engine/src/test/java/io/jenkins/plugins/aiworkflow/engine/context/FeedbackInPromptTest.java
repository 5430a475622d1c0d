package io.jenkins.plugins.aiworkflow.engine.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.aiworkflow.engine.report.ProblemKind;
import io.jenkins.plugins.aiworkflow.engine.report.TestCaseResult;
import io.jenkins.plugins.aiworkflow.engine.report.TestProblem;
import io.jenkins.plugins.aiworkflow.engine.report.TestReport;
import io.jenkins.plugins.aiworkflow.engine.report.TestStatus;
import io.jenkins.plugins.aiworkflow.engine.report.TextLimits;
import io.jenkins.plugins.aiworkflow.engine.validate.Feedback;
import io.jenkins.plugins.aiworkflow.engine.validate.FeedbackRequest;
import io.jenkins.plugins.aiworkflow.engine.validate.GateInput;
import io.jenkins.plugins.aiworkflow.engine.validate.QualityGate;
import io.jenkins.plugins.aiworkflow.engine.validate.ValidationResult;
import io.jenkins.plugins.aiworkflow.engine.validate.Verdict;
import io.jenkins.plugins.aiworkflow.engine.workspace.CommandResult;
import io.jenkins.plugins.aiworkflow.engine.workspace.LocalWorkspace;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The refine loop's feedback goes into the next prompt whole when built within {@code feedbackTextTokens}. */
class FeedbackInPromptTest {
    @TempDir
    Path root;

    /** A failed validation with {@code failures} failing tests, each with a long stack trace. */
    private static ValidationResult failedValidation(int failures) {
        TestReport.Builder report = TestReport.builder(TextLimits.DEFAULT).addFile("TEST-x.xml");
        String trace = "java.lang.AssertionError: expected 3\n\tat com.acme.PriceTest.check(PriceTest.java:42)\n";
        for (int i = 0; i < failures; i++) {
            report.testCase(TestCaseResult.builder().className("com.acme.PriceTest" + i).name("shouldRound")
                    .status(TestStatus.FAILED).addProblem(new TestProblem(ProblemKind.FAILURE,
                            "java.lang.AssertionError", "expected 3 but was " + i + " (\u00e9\u00e8 \u4e2d\u6587 "
                            + "\ud83d\ude00)", trace.repeat(50)))
                    .build());
        }
        TestReport built = report.build();
        CommandResult command = new CommandResult("mvn -B test", 1, false, Instant.EPOCH, Duration.ofSeconds(5), "");
        QualityGate gate = QualityGate.defaults();
        Verdict verdict = gate.evaluate(new GateInput(built, command, null, List.of("**/TEST-*.xml"), List.of()));
        return new ValidationResult(verdict, built, command, null, built.failures(), List.of(),
                List.of("**/TEST-*.xml"), gate, Duration.ofSeconds(6));
    }

    @Test
    void shouldPutAFeedbackBuiltWithinItsTokensIntoThePromptWhole() {
        for (String model : Arrays.asList("gpt-4o", "gpt-4", null)) {
            for (int reserve : List.of(800, ContextRequest.DEFAULT_MAX_FEEDBACK_TOKENS, 9_000)) {
                // given
                ContextRequest request = ContextRequest.builder().intent("Fix the rounding of prices")
                        .maxFeedbackTokens(reserve).tokenBudget(40_000).modelName(model).build();
                TokenCounter counter = TokenCounter.forModel(model);
                int feedbackTokens = ContextBuilder.feedbackTextTokens(request, counter);
                Feedback feedback = Feedback.from(FeedbackRequest.builder(failedValidation(300))
                        .maxTokens(feedbackTokens).build(), counter::count, UnaryOperator.identity());

                // when
                AssembledContext context = ContextBuilder.build(request.withFeedback(feedback.text()),
                        new LocalWorkspace(root));

                // then: the feedback fills its tokens and goes in as it is
                assertThat(feedback.summary().tokens()).as("%s, %d", model, reserve)
                        .isLessThanOrEqualTo(feedbackTokens).isGreaterThan(feedbackTokens * 9 / 10);
                assertThat(context.firstUserMessage()).as("%s, %d", model, reserve)
                        .contains("kind=feedback>>>\n" + feedback.text() + "<<<END UNTRUSTED id=");
                assertThat(context.notes()).as("%s, %d", model, reserve)
                        .noneMatch(note -> note.section() == ContextSection.Kind.FEEDBACK);
            }
        }
    }

    @Test
    void shouldFitTheFeedbacksDefaultTokensIntoTheDefaultReserve() {
        ContextRequest request = ContextRequest.builder().intent("Fix the rounding of prices").build();
        for (TokenCounter counter : List.of(TokenCounter.o200kBase(), TokenCounter.cl100kBase(),
                TokenCounter.estimate())) {
            assertThat(FeedbackRequest.DEFAULT_MAX_TOKENS).as(counter.name())
                    .isLessThanOrEqualTo(ContextBuilder.feedbackTextTokens(request, counter));
        }
    }
}
