package io.jenkins.plugins.aiworkflow.plugin.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CapsTest {
    @Test
    void shouldPassEveryValueOnWhenThereIsNoCap() throws Exception {
        Caps caps = Caps.none();

        assertThat(caps.checkMaxCostUsd(100.0, 50)).isEqualTo(100.0);
        assertThat(caps.checkMaxCostUsd(null)).isNull();
        assertThat(caps.checkMaxIterations(50)).isEqualTo(50);
        assertThat(caps.checkMaxIterations(null)).isNull();
        assertThat(caps.checkTimeout(Duration.ofHours(5))).isEqualTo(Duration.ofHours(5));
        assertThat(caps.checkTimeout(null)).isNull();
    }

    @Test
    void shouldRefuseACostAboveTheCapNamingTheCap() {
        Caps caps = Caps.of(5.0, null, null);

        assertThatThrownBy(() -> caps.checkMaxCostUsd(7.5))
                .isInstanceOf(AbortException.class)
                .hasMessage("maxCostUsd 7.5 USD exceeds the cap maxCostUsdPerBuild of 5 USD that the AI Workflow "
                        + "configuration sets; accepted: at most 5 USD, or no maxCostUsd (the cap applies)");
    }

    @Test
    void shouldGiveAStepWithoutACostWhatIsLeftOfTheBuildsCap() throws Exception {
        Caps caps = Caps.of(5.0, null, null);

        assertThat(caps.checkMaxCostUsd(null)).isEqualTo(5.0);
        assertThat(caps.checkMaxCostUsd(null, 1.5)).isEqualTo(3.5);
        assertThat(caps.checkMaxCostUsd(2.0, 1.5)).isEqualTo(2.0);
        assertThat(caps.checkMaxCostUsd(4.0, 1.5)).isEqualTo(3.5);
    }

    @Test
    void shouldLeaveAStepOnlyWhatTheBuildsRunningStepsHaveNotReserved() throws Exception {
        Caps caps = Caps.of(5.0, null, null);

        assertThat(caps.checkMaxCostUsd(null, 1.0, 3.0)).isEqualTo(1.0);
        assertThat(caps.checkMaxCostUsd(2.0, 1.0, 3.0)).isEqualTo(1.0);
        assertThatThrownBy(() -> caps.checkMaxCostUsd(null, 1.0, 4.0))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("this build has spent 1 USD on models and its running steps may spend 4 USD")
                .hasMessageContaining("give parallel steps a maxCostUsd each");
    }

    @Test
    void shouldRefuseAStepOnceTheBuildHasSpentTheCap() {
        Caps caps = Caps.of(5.0, null, null);

        assertThatThrownBy(() -> caps.checkMaxCostUsd(1.0, 5.25))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("this build has spent 5.25 USD on models")
                .hasMessageContaining("maxCostUsdPerBuild of the AI Workflow configuration is 5 USD");
    }

    @Test
    void shouldRefuseIterationsAboveTheCapAndKeepTheEngineDefaultWithinIt() throws Exception {
        Caps generous = Caps.of(null, 10, null);
        Caps tight = Caps.of(null, 3, null);

        assertThat(generous.checkMaxIterations(null)).as("the engine's default of %s is within the cap",
                RefineRequest.DEFAULT_MAX_ITERATIONS).isNull();
        assertThat(generous.checkMaxIterations(10)).isEqualTo(10);
        assertThat(tight.checkMaxIterations(null)).isEqualTo(3);
        assertThatThrownBy(() -> tight.checkMaxIterations(4))
                .isInstanceOf(AbortException.class)
                .hasMessage("maxIterations 4 exceeds the cap maxIterations of 3 that the AI Workflow configuration "
                        + "sets; accepted: at most 3, or no maxIterations");
    }

    @Test
    void shouldRefuseATimeoutAboveTheCapAndApplyTheCapWhenNoneIsGiven() throws Exception {
        Caps caps = Caps.of(null, null, 30);

        assertThat(caps.checkTimeout(null)).isEqualTo(Duration.ofMinutes(30));
        assertThat(caps.checkTimeout(Duration.ofMinutes(30))).isEqualTo(Duration.ofMinutes(30));
        assertThatThrownBy(() -> caps.checkTimeout(Duration.ofSeconds(30 * 60 + 1)))
                .isInstanceOf(AbortException.class)
                .hasMessage("timeout 30 min 1 s exceeds the cap maxTimeoutMinutes of 30 min that the AI Workflow "
                        + "configuration sets; accepted: at most 30 min, or no timeout (the cap applies)");
    }

    @Test
    void shouldHoldACommandTimeoutToTheWallTimeCapKeepingTheEngineDefaultWithinIt() throws Exception {
        Caps caps = Caps.of(null, null, 90);

        assertThat(caps.checkTimeout("commandTimeout", null, Duration.ofMinutes(60))).isNull();
        assertThat(Caps.of(null, null, 30).checkTimeout("commandTimeout", null, Duration.ofMinutes(60)))
                .isEqualTo(Duration.ofMinutes(30));
        assertThat(caps.checkTimeout("commandTimeout", Duration.ofMinutes(80), null)).isEqualTo(Duration.ofMinutes(80));
        assertThatThrownBy(() -> caps.checkTimeout("commandTimeout", Duration.ofHours(2), null))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("commandTimeout 120 min exceeds the cap maxTimeoutMinutes of 90 min");
    }

    @Test
    void shouldRefuseCapsThatCannotBeCaps() {
        assertThatThrownBy(() -> Caps.of(0.0, null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("maxCostUsdPerBuild must be a positive amount of US dollars");
        assertThatThrownBy(() -> Caps.of(Double.NaN, null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("maxCostUsdPerBuild");
        assertThatThrownBy(() -> Caps.of(null, 0, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxIterations must be between 1 and 100, or empty for no cap, was 0");
        assertThatThrownBy(() -> Caps.of(null, 101, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("maxIterations must be between 1 and 100");
        assertThatThrownBy(() -> Caps.of(null, null, 0)).isInstanceOf(IllegalArgumentException.class)
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
