package io.jenkins.plugins.aiworkflow.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeadTailBufferTest {
    @Test
    void shouldKeepShortTextWhole() {
        // when
        HeadTailBuffer buffer = new HeadTailBuffer(10).append("abc").append("def");

        // then
        assertThat(buffer).hasToString("abcdef");
        assertThat(buffer.totalChars()).isEqualTo(6);
    }

    @Test
    void shouldKeepHeadAndTailOfLongTextFedInPieces() {
        // given
        HeadTailBuffer buffer = new HeadTailBuffer(8);

        // when
        for (char c = 'a'; c <= 'z'; c++) {
            buffer.append(String.valueOf(c));
        }

        // then
        assertThat(buffer).hasToString("abcd" + Truncation.marker(18) + "wxyz");
    }

    @Test
    void shouldKeepHeadAndTailOfOneLongPiece() {
        // when
        HeadTailBuffer buffer = new HeadTailBuffer(6).append("0123456789");

        // then
        assertThat(buffer).hasToString("012" + Truncation.marker(4) + "789");
    }

    @Test
    void shouldTruncateStringsWithTheSameMarker() {
        assertThat(Truncation.headTail("0123456789", 6)).isEqualTo("012" + Truncation.marker(4) + "789");
        assertThat(Truncation.headTail("short", 6)).isEqualTo("short");
        assertThat(Truncation.marker(4)).isEqualTo("\n[... 4 chars truncated ...]\n");
    }
}
