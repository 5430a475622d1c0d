package io.jenkins.plugins.aiworkflow.engine.step;

import static io.jenkins.plugins.aiworkflow.engine.step.ImplementParametersTest.CONFIG;
import static io.jenkins.plugins.aiworkflow.engine.step.ImplementParametersTest.MODEL;
import static io.jenkins.plugins.aiworkflow.engine.step.ImplementParametersTest.withoutGit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.agent.ImplementationRequest;
import io.jenkins.plugins.aiworkflow.engine.llm.OpenAiModelConfig;
import io.jenkins.plugins.aiworkflow.engine.refine.Keep;
import io.jenkins.plugins.aiworkflow.engine.refine.Recover;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineRequest;
import io.jenkins.plugins.aiworkflow.engine.validate.ValidationRequest;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RefineParametersTest {
    private static final Map<String, Object> BASE = Map.of("intent", "Make the tests pass", "command", "mvn -B test",
            "reports", "target/surefire-reports/TEST-*.xml");

    static List<MappingCase<RefineRequest>> cases() {
        return List.of(
                MappingCase.<RefineRequest>of("intent", "Fix PriceTest", r -> r.agentRequest().context().intent(),
                        "Fix PriceTest"),
                MappingCase.of("context", "src/**/Price*.java", r -> r.agentRequest().context().contextGlobs(),
                        List.of("src/**/Price*.java")),
                MappingCase.of("instructions", List.of("docs/STYLE.md"),
                        r -> r.agentRequest().context().extraInstructionFiles(), List.of("docs/STYLE.md")),
                MappingCase.of("defaultInstructions", "false", r -> r.agentRequest().context().instructionFiles(),
                        List.of()),
                MappingCase.of("writable", List.of("src/main/**"), r -> r.agentRequest().policy().writable(),
                        List.of("src/main/**")),
                MappingCase.of("readOnly", List.of("docs/**"),
                        r -> withoutGit(r.implementation().agentRequest().policy().readOnly()), List.of("docs/**")),
                MappingCase.of("hidden", List.of("**/.env"),
                        r -> withoutGit(r.implementation().agentRequest().policy().hidden()), List.of("**/.env")),
                MappingCase.of("commands", "mvn -B -q test", r -> r.agentRequest().policy().allowedCommands(),
                        List.of("mvn -B -q test")),
                MappingCase.of("reports", List.of("a/*.xml"), r -> r.validationRequest().reports(), List.of("a/*.xml")),
                MappingCase.of("command", "./gradlew test", r -> r.validationRequest().command(), "./gradlew test"),
                // the test command's, as in aiValidate
                MappingCase.of("commandTimeout", "20m", r -> r.validationRequest().commandTimeout(),
                        Duration.ofMinutes(20)),
                MappingCase.of("maxCommandOutputChars", 99, r -> r.validationRequest().maxCommandOutputChars(), 99),
                MappingCase.of("maxIterations", 3, RefineRequest::maxIterations, 3),
                MappingCase.of("maxTurns", 12, r -> r.budget().maxTurns(), OptionalInt.of(12)),
                MappingCase.of("maxTokens", 500_000L, RefineRequest::maxTokens, 500_000L),
                MappingCase.of("maxCostUsd", 2, RefineRequest::maxCostUsd, 2.0),
                MappingCase.of("timeout", "PT30M", RefineRequest::timeout, Duration.ofMinutes(30)),
                MappingCase.of("keep", "LAST", RefineRequest::keep, Keep.LAST),
                MappingCase.of("rerunFailures", 2, RefineRequest::rerunFailures, 2),
                MappingCase.of("tamperGuard", false, RefineRequest::tamperGuard, false),
                MappingCase.of("testSources", "tests/**, spec/**", RefineRequest::testSourceGlobs,
                        List.of("tests/**", "spec/**")),
                MappingCase.of("feedbackTokens", 2_000, RefineRequest::feedbackTokens, 2_000),
                MappingCase.of("recover", "restore", RefineRequest::recover, Recover.RESTORE),
                MappingCase.of("stateStore", "/var/tmp/aiwf-states", RefineRequest::stateStore,
                        "/var/tmp/aiwf-states"),
                MappingCase.of("maxOutputTokens", 4_000, r -> r.agentRequest().maxOutputTokens(), 4_000),
                MappingCase.of("maxConsecutiveErrors", 4, r -> r.agentRequest().maxConsecutiveErrors(), 4),
                MappingCase.of("tokenBudget", 20_000, r -> r.agentRequest().context().tokenBudget(), 20_000),
                MappingCase.of("requireTests", false, r -> r.validationRequest().gate().requireTests(), false),
                MappingCase.of("maxFailures", "2", r -> r.validationRequest().gate().maxFailures(), 2L),
                MappingCase.of("minPassRate", 0.9, r -> r.validationRequest().gate().minPassRate(), 0.9),
                MappingCase.<RefineRequest>of("allowTestDecrease", true, r -> r.validationRequest().gate().allowTestDecrease(), true)
                        .with("tamperGuard", false),
                MappingCase.<RefineRequest>of("allowSkipIncrease", true, r -> r.validationRequest().gate().allowSkipIncrease(), true)
                        .with("tamperGuard", false),
                MappingCase.<RefineRequest>of("allowMissingTests", true, r -> r.validationRequest().gate().allowMissingTests(), true)
                        .with("tamperGuard", false),
                MappingCase.<RefineRequest>of("allowNewlySkippedTests", true,
                        r -> r.validationRequest().gate().allowNewlySkippedTests(), true).with("tamperGuard", false),
                MappingCase.of("allowFlaky", false, r -> r.validationRequest().gate().allowFlaky(), false),
                MappingCase.of("allowReportProblems", true, r -> r.validationRequest().gate().allowReportProblems(),
                        true),
                MappingCase.of("acceptedExitCodes", "0,1",
                        r -> List.copyOf(r.validationRequest().gate().acceptedExitCodes()), List.of(0, 1)),
                MappingCase.of("parserThreads", 9, r -> r.validationRequest().parserThreads(), 9),
                MappingCase.of("maxMessageChars", 21, r -> r.validationRequest().textLimits().maxMessageChars(), 21),
                MappingCase.of("maxDetailsChars", 22, r -> r.validationRequest().textLimits().maxDetailsChars(), 22),
                MappingCase.of("maxTestOutputChars", 23,
                        r -> r.validationRequest().textLimits().maxTestOutputChars(), 23),
                MappingCase.of("maxDetailedCases", 24, r -> r.validationRequest().textLimits().maxDetailedCases(), 24),
                MappingCase.of("maxKeptTextChars", 25, r -> r.validationRequest().textLimits().maxKeptTextChars(), 25),
                MappingCase.of("maxKeptNameChars", 26, r -> r.validationRequest().textLimits().maxKeptNameChars(),
                        26));
    }

    private static RefineRequest request(Map<String, Object> values) {
        return RefineParameters.of(values).toRequest(MODEL);
    }

    @Test
    void shouldCoverEveryParameterTheRequestTakes() {
        Set<String> covered = new HashSet<>();
        cases().forEach(c -> covered.add(c.name()));
        assertThat(covered).isEqualTo(StepParametersTest.requestNames(Step.REFINE));
    }

    @Test
    void shouldMapEachParameterToTheRequestFieldItNames() {
        RefineRequest defaults = request(BASE);
        for (MappingCase<RefineRequest> c : cases()) {
            // when
            RefineRequest request = request(c.values(BASE));

            // then
            assertThat(c.read().apply(request)).as(c.name()).isEqualTo(c.expected());
            assertThat(c.read().apply(defaults)).as(c.name() + " default").isNotEqualTo(c.expected());
        }
    }

    @Test
    void shouldUseTheEnginesDefaultsAndStateThemInTheCatalogue() {
        // given: the request the engine builds from the two step requests without the step layer
        RefineRequest engine = RefineRequest.builder()
                .implementation(ImplementationRequest.builder().intent("Make the tests pass").model(CONFIG).build())
                .validation(ValidationRequest.builder().command("mvn -B test")
                        .reports("target/surefire-reports/TEST-*.xml").build())
                .build();
        RefineRequest notGiven = request(BASE);
        for (MappingCase<RefineRequest> c : cases()) {
            // then
            assertThat(c.read().apply(notGiven)).as(c.name()).isEqualTo(c.read().apply(engine));
            Object documented = StepParameters.find(Step.REFINE, c.name()).orElseThrow().defaultValue();
            if (documented != null) {
                Map<String, Object> values = new LinkedHashMap<>(BASE);
                values.put(c.name(), documented);
                assertThat(c.read().apply(request(values))).as(c.name()).isEqualTo(c.read().apply(engine));
            }
        }
    }

    @Test
    void shouldKeepTheRunsLimitsOffTheImplementationRequest() {
        // when
        RefineRequest request = request(new LinkedHashMap<>(Map.of("intent", "x", "command", "make test",
                "reports", "*.xml", "maxTokens", 1_000, "timeout", "1h", "maxTurns", 5)));

        // then: maxTurns per iteration, the others for the whole run
        assertThat(request.implementation().agentRequest().budget().maxTokens()).isEmpty();
        assertThat(request.implementation().agentRequest().budget().timeout()).isEmpty();
        assertThat(request.implementation().agentRequest().budget().maxTurns()).hasValue(5);
        assertThat(request.budget().maxTokens()).hasValue(1_000);
        assertThat(request.budget().turnsPerIteration()).isTrue();
    }

    @Test
    void shouldHandTheAdapterItsParameters() {
        // given
        Map<String, Object> values = new LinkedHashMap<>(BASE);
        values.put("onFailure", "none");
        values.put("model", "gpt-4.1-mini");
        values.put("provider", "local");
        values.put("maxRetries", 0);
        RefineParameters parameters = RefineParameters.of(values);

        // then
        assertThat(parameters.onFailure()).isEqualTo(OnFailure.NONE);
        assertThat(RefineParameters.of(BASE).onFailure()).isEqualTo(OnFailure.FAILURE);
        assertThat(parameters.model()).isEqualTo("gpt-4.1-mini");
        assertThat(parameters.provider()).isEqualTo("local");
        assertThat(parameters.baseUrl()).isNull();
        assertThat(parameters.credentialsId()).isNull();
        assertThat(parameters.applyModelOptions(CONFIG.toBuilder()).build().maxRetries()).isZero();
        assertThat(parameters.applyModelOptions(CONFIG.toBuilder()).build().model()).isEqualTo("gpt-4.1-mini");
    }

    @Test
    void shouldRefuseValuesTheRequestRefusesNamingTheStepsParameter() {
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("maxIterations", "0");
        refused.put("rerunFailures", "9");
        refused.put("feedbackTokens", "10");
        refused.put("testSources", "src/test/**, ../outside/**");
        refused.put("maxCostUsd", "-1");
        refused.forEach((parameter, value) -> {
            Map<String, Object> values = new LinkedHashMap<>(BASE);
            values.put(parameter, value);
            assertThatThrownBy(() -> request(values))
                    .as(parameter)
                    .isInstanceOfSatisfying(InvalidRequestException.class,
                            e -> assertThat(e.parameter()).contains(parameter))
                    .hasMessageContaining(parameter)
                    .hasMessageNotContaining("testSourceGlobs");
        });
    }

    @Test
    void shouldNameATestSourcePatternTheWorkspaceRefusesByTheStepsName() {
        Map<String, Object> values = new LinkedHashMap<>(BASE);
        values.put("testSources", "../elsewhere/**");

        assertThatThrownBy(() -> request(values))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.parameter()).contains("testSources"))
                .hasMessage("testSources: path '../elsewhere/**' leads outside the workspace; accepted: a path "
                        + "relative to the workspace root");
    }

    @Test
    void shouldRefuseAMissingTestCommandAndAGateTheTamperGuardForbids() {
        Map<String, Object> noCommand = new LinkedHashMap<>(BASE);
        noCommand.remove("command");
        Map<String, Object> fewerTests = new LinkedHashMap<>(BASE);
        fewerTests.put("allowTestDecrease", true);

        assertThatThrownBy(() -> request(noCommand)).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.parameter()).contains("command"));
        assertThatThrownBy(() -> request(fewerTests)).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.parameter()).contains("tamperGuard"));
        assertThatThrownBy(() -> RefineParameters.of(Map.of("newFailuresOnly", true)))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.parameter()).contains("newFailuresOnly"))
                .hasMessageContaining("it is a parameter of aiValidate");
        assertThat(OpenAiModelConfig.DEFAULT_MAX_RETRIES).isPositive();
    }
}
