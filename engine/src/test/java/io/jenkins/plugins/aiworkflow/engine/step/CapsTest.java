package io.jenkins.plugins.aiworkflow.engine.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CapsTest {
    @Test
    void shouldPassEveryValueOnWhenThereIsNoCap() {
        Caps caps = Caps.none();

        assertThat(caps.checkMaxCostUsd(100.0, 50, 0)).isEqualTo(100.0);
        assertThat(caps.checkMaxCostUsd(null, 0, 0)).isNull();
        assertThat(caps.checkMaxIterations(50)).isEqualTo(50);
        assertThat(caps.checkMaxIterations(null)).isNull();
        assertThat(caps.checkTimeout("timeout", Duration.ofHours(5), null)).isEqualTo(Duration.ofHours(5));
        assertThat(caps.checkTimeout("timeout", null, null)).isNull();
    }

    @Test
    void shouldRefuseACostAboveTheCapNamingTheParameterAndTheCap() {
        Caps caps = Caps.of(5.0, null, null);

        assertThatThrownBy(() -> caps.checkMaxCostUsd(7.5, 0, 0))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.parameter()).contains("maxCostUsd"))
                .hasMessage("maxCostUsd 7.5 USD exceeds the cap maxCostUsdPerBuild of 5 USD that the AI Workflow "
                        + "configuration sets; accepted: at most 5 USD, or no maxCostUsd (the cap applies)");
    }

    @Test
    void shouldGiveAStepWithoutACostWhatIsLeftOfTheBuildsCap() {
        Caps caps = Caps.of(5.0, null, null);

        assertThat(caps.checkMaxCostUsd(null, 0, 0)).isEqualTo(5.0);
        assertThat(caps.checkMaxCostUsd(null, 1.5, 0)).isEqualTo(3.5);
        assertThat(caps.checkMaxCostUsd(2.0, 1.5, 0)).isEqualTo(2.0);
        assertThat(caps.checkMaxCostUsd(4.0, 1.5, 0)).isEqualTo(3.5);
    }

    @Test
    void shouldLeaveAStepOnlyWhatTheBuildsRunningStepsHaveNotReserved() {
        Caps caps = Caps.of(5.0, null, null);

        assertThat(caps.checkMaxCostUsd(null, 1.0, 3.0)).isEqualTo(1.0);
        assertThat(caps.checkMaxCostUsd(2.0, 1.0, 3.0)).isEqualTo(1.0);
        assertThatThrownBy(() -> caps.checkMaxCostUsd(null, 1.0, 4.0))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("this build has spent 1 USD on models and its running steps may spend 4 USD")
                .hasMessageContaining("give parallel steps a maxCostUsd each");
    }

    @Test
    void shouldRefuseAStepOnceTheBuildHasSpentTheCap() {
        Caps caps = Caps.of(5.0, null, null);

        assertThatThrownBy(() -> caps.checkMaxCostUsd(1.0, 5.25, 0))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("this build has spent 5.25 USD on models")
                .hasMessageContaining("maxCostUsdPerBuild of the AI Workflow configuration is 5 USD")
                .hasMessageNotContaining("running steps");
    }

    @Test
    void shouldRefuseIterationsAboveTheCapAndKeepTheEngineDefaultWithinIt() {
        Caps generous = Caps.of(null, 10, null);
        Caps tight = Caps.of(null, 3, null);

        assertThat(generous.checkMaxIterations(null)).as("the engine's default of %s is within the cap",
                RefineRequest.DEFAULT_MAX_ITERATIONS).isNull();
        assertThat(generous.checkMaxIterations(10)).isEqualTo(10);
        assertThat(tight.checkMaxIterations(null)).isEqualTo(3);
        assertThatThrownBy(() -> tight.checkMaxIterations(4))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("maxIterations 4 exceeds the cap maxIterations of 3 that the AI Workflow configuration "
                        + "sets; accepted: at most 3, or no maxIterations");
    }

    @Test
    void shouldRefuseATimeoutAboveTheCapAndApplyTheCapWhenNoneIsGiven() {
        Caps caps = Caps.of(null, null, 30);

        assertThat(caps.checkTimeout("timeout", null, null)).isEqualTo(Duration.ofMinutes(30));
        assertThat(caps.checkTimeout("timeout", Duration.ofMinutes(30), null)).isEqualTo(Duration.ofMinutes(30));
        assertThatThrownBy(() -> caps.checkTimeout("timeout", Duration.ofSeconds(30 * 60 + 1), null))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("timeout 30 min 1 s exceeds the cap maxTimeoutMinutes of 30 min that the AI Workflow "
                        + "configuration sets; accepted: at most 30 min, or no timeout (the cap applies)");
    }

    @Test
    void shouldHoldACommandTimeoutToTheWallTimeCapKeepingTheEngineDefaultWithinIt() {
        Map<String, Object> notGiven = new HashMap<>();
        Map<String, Object> notGivenTight = new HashMap<>();
        Map<String, Object> within = new HashMap<>(Map.of("commandTimeout", "80m"));
        Map<String, Object> above = new HashMap<>(Map.of("commandTimeout", "2h"));

        Caps.of(null, null, 90).applyToCommandTimeout(notGiven);
        Caps.of(null, null, 30).applyToCommandTimeout(notGivenTight);
        Caps.of(null, null, 90).applyToCommandTimeout(within);

        assertThat(notGiven).as("the engine's default of 60 min is within 90").isEmpty();
        assertThat(notGivenTight).containsEntry("commandTimeout", "30m");
        assertThat(within).containsEntry("commandTimeout", "80m");
        assertThatThrownBy(() -> Caps.of(null, null, 90).applyToCommandTimeout(above))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.parameter()).contains("commandTimeout"))
                .hasMessageStartingWith("commandTimeout 120 min exceeds the cap maxTimeoutMinutes of 90 min");
    }

    @Test
    void shouldApplyEveryCapToAStepsValues() {
        // given: a build that spent 1 of its 5 USD, with another step holding 1.5
        Caps caps = Caps.of(5.0, 8, 45);
        Map<String, Object> none = new HashMap<>(Map.of("intent", "x"));
        Map<String, Object> given = new HashMap<>(Map.of("maxCostUsd", "2", "timeout", "20m", "maxIterations", "4"));

        // when
        caps.apply(none, 1.0, 1.5, true);
        caps.apply(given, 1.0, 1.5, true);

        // then
        assertThat(none).containsEntry("intent", "x").containsEntry("maxCostUsd", 2.5)
                .containsEntry("timeout", "45m").doesNotContainKey("maxIterations");
        assertThat(given).containsEntry("maxCostUsd", 2.0).containsEntry("timeout", "20m")
                .containsEntry("maxIterations", 4);
    }

    @Test
    void shouldLeaveMaxIterationsAloneForAStepWithoutIt() {
        Map<String, Object> values = new HashMap<>(Map.of("maxIterations", "50"));

        Caps.of(null, 3, null).apply(values, 0, 0, false);

        assertThat(values).containsEntry("maxIterations", "50");
    }

    @Test
    void shouldRefuseAValueThatIsNotOfItsTypeNamingTheParameter() {
        Caps caps = Caps.of(5.0, 8, 45);

        assertThatThrownBy(() -> caps.apply(new HashMap<>(Map.of("maxCostUsd", "lots")), 0, 0, false))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.parameter()).contains("maxCostUsd"))
                .hasMessageStartingWith("maxCostUsd: ");
        assertThatThrownBy(() -> caps.apply(new HashMap<>(Map.of("timeout", "soon")), 0, 0, false))
                .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("timeout: ");
        assertThatThrownBy(() -> caps.apply(new HashMap<>(Map.of("maxIterations", "many")), 0, 0, true))
                .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("maxIterations: ");
    }

    @Test
    void shouldRefuseCapsThatCannotBeCapsNamingThem() {
        assertThatThrownBy(() -> Caps.of(0.0, null, null)).isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("maxCostUsdPerBuild must be a positive amount of US dollars");
        assertThatThrownBy(() -> Caps.of(Double.NaN, null, null)).isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("maxCostUsdPerBuild");
        assertThatThrownBy(() -> Caps.of(null, 0, null)).isInstanceOf(InvalidRequestException.class)
                .hasMessage("maxIterations must be between 1 and 100, or empty for no cap, was 0");
        assertThatThrownBy(() -> Caps.of(null, 101, null)).isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("maxIterations must be between 1 and 100");
        assertThatThrownBy(() -> Caps.of(null, null, 0))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.parameter()).contains("maxTimeoutMinutes"))
                .hasMessageStartingWith("maxTimeoutMinutes must be a number of minutes of at least 1");
    }

    @Test
    void shouldComeBackEqualFromJavaSerialization() throws Exception {
        Caps caps = Caps.of(2.5, 7, 90);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(caps);
        }
        Object read;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            read = in.readObject();
        }

        assertThat(read).isEqualTo(caps);
        assertThat(((Caps) read).checkMaxIterations(null)).isNull();
    }
}
