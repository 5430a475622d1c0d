package io.jenkins.plugins.aiworkflow.engine.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StepParametersTest {
    @Test
    void shouldNameEveryParameterOfDesignSection3() {
        // given: the names DESIGN §3 gives each step
        Map<Step, List<String>> design = Map.of(
                Step.IMPLEMENT, List.of("intent", "context", "instructions", "writable", "readOnly", "commands",
                        "model", "provider", "maxTurns", "maxTokens", "maxCostUsd", "timeout"),
                Step.VALIDATE, List.of("reports", "command", "minPassRate", "maxFailures", "requireTests",
                        "allowTestDecrease", "allowSkipIncrease", "newFailuresOnly", "baseline", "onFailure"),
                Step.REFINE, List.of("intent", "reports", "command", "maxIterations", "maxTokens", "maxCostUsd",
                        "timeout", "onFailure"));

        // when / then
        design.forEach((step, names) -> assertThat(names(step)).as(step.functionName()).containsAll(names));
    }

    @Test
    void shouldDefineEachNameOncePerStepWithDescriptionAndDefault() {
        for (Step step : Step.values()) {
            // given
            List<StepParameter> parameters = StepParameters.of(step);

            // then
            assertThat(new HashSet<>(names(step))).as(step.functionName()).hasSize(parameters.size());
            for (StepParameter parameter : parameters) {
                assertThat(parameter.name()).matches("[a-z][A-Za-z]*");
                assertThat(parameter.description()).as(parameter.name()).isNotBlank().doesNotContain("\n");
                assertThat(parameter.defaultText()).as(parameter.name()).isNotBlank();
                assertThat(parameter.choices().isEmpty()).as(parameter.name())
                        .isEqualTo(parameter.type() != ParameterType.CHOICE);
                if (parameter.isRequired(step)) {
                    assertThat(parameter.defaultValue()).as(parameter.name()).isNull();
                }
            }
        }
    }

    @Test
    void shouldAcceptEachDefaultAsAValueOfItsParameter() {
        for (Step step : Step.values()) {
            for (StepParameter parameter : StepParameters.of(step)) {
                if (parameter.defaultValue() == null) {
                    continue;
                }
                // when: the documented default is given as a plain value
                StepValues values = StepValues.of(step, Map.of(parameter.name(), parameter.defaultValue()));

                // then
                assertThat(values.isSet(parameter.name())).as(parameter.name()).isTrue();
            }
        }
    }

    @Test
    void shouldLetTheAdapterResolveTheModelTheBaselineAndTheBuildResult() {
        // when
        List<String> adapter = new ArrayList<>();
        for (StepParameter parameter : StepParameters.all()) {
            if (parameter.resolution() == StepParameter.Resolution.ADAPTER && !adapter.contains(parameter.name())) {
                adapter.add(parameter.name());
            }
        }

        // then
        assertThat(adapter).containsExactlyInAnyOrder("baseline", "model", "provider", "baseUrl", "api",
                "credentialsId", "stream", "azureApiVersion", "requestTimeout", "maxRetries", "maxRetryAfter",
                "onFailure");
    }

    @Test
    void shouldSayWhichStepsTakeAName() {
        assertThat(StepParameters.stepsWith("onFailure")).containsExactlyInAnyOrder(Step.VALIDATE, Step.REFINE,
                Step.REFINE_LOOP);
        assertThat(StepParameters.stepsWith("commandTimeout")).containsExactlyInAnyOrder(Step.VALIDATE, Step.IMPLEMENT,
                Step.REFINE);
        assertThat(StepParameters.stepsWith("newFailuresOnly")).containsExactly(Step.VALIDATE);
        assertThat(StepParameters.stepsWith("nothing")).isEmpty();
        assertThat(StepParameters.find(Step.IMPLEMENT, "commandTimeout").orElseThrow().defaultValue())
                .isEqualTo("10m");
        assertThat(StepParameters.find(Step.REFINE, "commandTimeout").orElseThrow().defaultValue()).isEqualTo("1h");
        assertThat(StepParameters.find(Step.VALIDATE, "requireTests").orElseThrow().optionName())
                .isEqualTo("--require-tests");
    }

    private static List<String> names(Step step) {
        List<String> names = new ArrayList<>();
        for (StepParameter parameter : StepParameters.of(step)) {
            names.add(parameter.name());
        }
        return names;
    }

    static Set<String> requestNames(Step step) {
        Set<String> names = new HashSet<>();
        for (StepParameter parameter : StepParameters.of(step)) {
            if (parameter.resolution() == StepParameter.Resolution.REQUEST) {
                names.add(parameter.name());
            }
        }
        return names;
    }
}
