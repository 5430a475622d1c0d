package io.jenkins.plugins.aiworkflow.plugin.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RowTest {
    @Test
    void shouldShowEachFigureAsTheTableDoes() {
        // when
        Row row = Row.builder("aiRefine", 2, "FAILED").tests(10, 2, 1, 13).diff(30, 4).tokens(12_000L, 800L)
                .costUsd(0.02125).stopReason("NO_PROGRESS: 2 iterations without fewer failures").build();

        // then
        assertThat(row.getTestsText()).isEqualTo("10 passed, 2 failed, 1 skipped (13)");
        assertThat(row.getDiffText()).isEqualTo("+30 -4");
        assertThat(row.getTokensText()).isEqualTo("12000 in / 800 out");
        assertThat(row.getCostText()).isEqualTo("0.0213");
        assertThat(row.getStopReason()).isEqualTo("NO_PROGRESS: 2 iterations without fewer failures");
    }

    @Test
    void shouldLeaveOutWhatWasNotSet() {
        // when
        Row row = Row.builder("aiValidate", 0, "PASSED").tests(7, 0, 0, 7).build();

        // then
        assertThat(row.getTestsText()).isEqualTo("7 passed, 0 failed, 0 skipped (7)");
        assertThat(row.getDiffText()).isNull();
        assertThat(row.getTokensText()).isNull();
        assertThat(row.getCostText()).isNull();
        assertThat(row.getStopReason()).isNull();
    }

    @Test
    void shouldBoundAndEscapeTheTexts() {
        // when
        Row row = Row.builder("aiRefine", 1, "FAILED\u001B[31m").stopReason("x".repeat(10_000)).build();

        // then
        assertThat(row.getVerdict()).isEqualTo("FAILED\\u001b[31m");
        assertThat(row.getStopReason()).hasSizeLessThan(Row.STOP_REASON_CHARS + 50).contains("chars truncated");
    }

    @Test
    void shouldNameTheValueItRefuses() {
        assertThatThrownBy(() -> Row.builder("../x", 0, "PASSED")).hasMessageContaining("step '../x' is not accepted");
        assertThatThrownBy(() -> Row.builder("aiRefine", -1, "PASSED")).hasMessageContaining("iteration -1");
        assertThatThrownBy(() -> Row.builder("aiRefine", 0, " ")).hasMessageContaining("verdict is missing");
        assertThatThrownBy(() -> Row.builder("aiRefine", 0, "PASSED").tests(1, -2, 0, 1))
                .hasMessageContaining("testsFailed -2");
        assertThatThrownBy(() -> Row.builder("aiRefine", 0, "PASSED").costUsd(Double.NaN))
                .hasMessageContaining("costUsd NaN");
    }
}
