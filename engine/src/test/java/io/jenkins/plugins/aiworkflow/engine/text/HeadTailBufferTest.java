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

    @Test
    void shouldNeverKeepHalfASurrogatePairBesideTheMarker() {
        // given: emoji (two chars each) streamed through a buffer whose head and tail ends fall inside pairs
        String emoji = "\uD83D\uDE00";
        for (int max = 2; max < 12; max++) {
            HeadTailBuffer buffer = new HeadTailBuffer(max);
            String text = "a" + emoji.repeat(20) + "b";
            char[] chars = text.toCharArray();
            for (int i = 0; i < chars.length; i += 3) {
                buffer.append(chars, i, Math.min(3, chars.length - i));
            }

            // when
            String kept = buffer.toString();

            // then: every surrogate is paired, and the marker counts what is gone
            String withoutMarker = kept.replaceAll("\n\\[\\.\\.\\. \\d+ chars truncated \\.\\.\\.]\n", "");
            assertThat(withoutMarker.codePoints()).as("max %d: %s", max, kept)
                    .noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE);
            int dropped = Integer.parseInt(kept.replaceAll("(?s).*\\[\\.\\.\\. (\\d+) chars truncated.*", "$1"));
            assertThat(withoutMarker.length() + dropped).isEqualTo(text.length());
        }
    }
}
