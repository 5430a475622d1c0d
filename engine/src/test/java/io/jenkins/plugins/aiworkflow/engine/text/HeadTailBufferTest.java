package io.jenkins.plugins.aiworkflow.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
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

    @Test
    void shouldKeepTheSameTextAsTruncatingTheWholeStreamWhateverThePieces() {
        // given pieces of random lengths, some longer than the tail, some wrapping the ring
        Random random = new Random(42);
        for (int round = 0; round < 500; round++) {
            int maxChars = 1 + random.nextInt(40);
            HeadTailBuffer buffer = new HeadTailBuffer(maxChars);
            StringBuilder whole = new StringBuilder();
            int pieces = random.nextInt(12);

            // when
            for (int p = 0; p < pieces; p++) {
                StringBuilder piece = new StringBuilder();
                for (int i = random.nextInt(30); i > 0; i--) {
                    piece.append((char) ('a' + random.nextInt(26)));
                }
                whole.append(piece);
                buffer.append(piece);
            }

            // then
            assertThat(buffer.toString())
                    .as("maxChars %d, stream %s", maxChars, whole)
                    .isEqualTo(Truncation.headTail(whole.toString(), maxChars));
            assertThat(buffer.totalChars()).isEqualTo(whole.length());
        }
    }
}
