package io.jenkins.plugins.aiworkflow.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ControlCharactersTest {
    @Test
    void shouldShowLineBreaksAndTerminalEscapesAsCodes() {
        assertThat(ControlCharacters.escape("a\nb\r\u001b[2K\u007f\u0085c")).isEqualTo(
                "a\\u000ab\\u000d\\u001b[2K\\u007f\\u0085c");
    }

    @Test
    void shouldLeaveOrdinaryTextAndTabsAlone() {
        String text = "src/Main.java\tStraße ✓";

        assertThat(ControlCharacters.escape(text)).isSameAs(text);
    }
}
