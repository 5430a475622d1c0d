package io.jenkins.plugins.aiworkflow.plugin.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.util.StreamTaskListener;
import io.jenkins.plugins.aiworkflow.engine.log.EngineLog;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StepConsoleTest {
    private final ByteArrayOutputStream buildLog = new ByteArrayOutputStream();
    private final StepConsole console = new StepConsole(new StreamTaskListener(buildLog, StandardCharsets.UTF_8), "aiRefine");

    @Test
    void shouldPrefixEveryLineOfTheEngineLogWithTheStepName() {
        // given
        EngineLog log = console.log();

        // when
        log.info("iteration 1: 2 tests failing");
        log.warning("the gate failed:\n  2 tests failed\r\n  pass rate 0.80 < 0.95");
        log.error("the model call failed");

        // then
        assertThat(buildLog()).isEqualTo("""
                [aiRefine] iteration 1: 2 tests failing
                [aiRefine] WARNING: the gate failed:
                [aiRefine]   2 tests failed
                [aiRefine]   pass rate 0.80 < 0.95
                [aiRefine] ERROR: the model call failed
                """);
        assertThat(log.lines()).hasSize(3);
    }

    @Test
    void shouldWriteOneLineForAnEmptyMessageAndNoEmptyLineAfterATrailingBreak() {
        // when
        console.println("");
        console.println("done\n");
        console.println("a\r\rb");

        // then
        assertThat(buildLog()).isEqualTo("""
                [aiRefine]\s
                [aiRefine] done
                [aiRefine] a
                [aiRefine]\s
                [aiRefine] b
                """);
    }

    @Test
    void shouldEscapeTerminalEscapesSoThatATextCannotForgeConsoleOutput() {
        // when: a test name with a console note's escape sequence and a colour
        console.println("failed: \u001B[8mha:forged\u001B[0m \u001B[31mred");

        // then
        assertThat(buildLog()).isEqualTo("[aiRefine] failed: \\u001b[8mha:forged\\u001b[0m \\u001b[31mred\n")
                .doesNotContain("\u001B");
    }

    @Test
    void shouldRefuseANameThatIsNotAStepName() {
        assertThatThrownBy(() -> new StepConsole(new StreamTaskListener(buildLog, StandardCharsets.UTF_8), "ai Refine]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stepName 'ai Refine]' is not accepted")
                .hasMessageContaining("accepted: a step name");
    }

    private String buildLog() {
        return buildLog.toString(StandardCharsets.UTF_8);
    }
}
