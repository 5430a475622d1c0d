package io.jenkins.plugins.aiworkflow.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TruncationTest {
    @Test
    void shouldKeepHeadAndTailAroundAMarkerCountingWhatWasLeftOut() {
        // when
        String cut = Truncation.headTail("abcdefghij", 4);

        // then
        assertThat(cut).isEqualTo("ab\n[... 6 chars truncated ...]\nij");
        assertThat(Truncation.headTail("abcd", 4)).isEqualTo("abcd");
    }

    @Test
    void shouldCountTheCharactersLeftOutOfTheOriginalWhenCuttingACutTextAgain() {
        // given: 10,000 characters cut to 1,000
        String once = Truncation.headTail("a".repeat(5_000) + "b".repeat(5_000), 1_000);

        // when
        String twice = Truncation.headTailAgain(once, 10);

        // then
        assertThat(twice).isEqualTo("aaaaa\n[... 9990 chars truncated ...]\nbbbbb");
    }

    @Test
    void shouldCutLikeHeadTailWhenTheTextHoldsNoMarkerOrOneTheNewCutDoesNotLeaveWhole() {
        // given
        String plain = "x".repeat(50);
        String markerNearTheStart = "ab" + Truncation.marker(7) + "y".repeat(50);
        String twoMarkers = "a".repeat(20) + Truncation.marker(7) + "b".repeat(20) + Truncation.marker(9) + "c".repeat(20);

        // then
        assertThat(Truncation.headTailAgain(plain, 10)).isEqualTo(Truncation.headTail(plain, 10));
        assertThat(Truncation.headTailAgain(markerNearTheStart, 10)).isEqualTo(Truncation.headTail(markerNearTheStart, 10));
        assertThat(Truncation.headTailAgain(twoMarkers, 10)).isEqualTo(Truncation.headTail(twoMarkers, 10));
        assertThat(Truncation.headTailAgain("short", 10)).isEqualTo("short");
        assertThat(Truncation.headTailAgain(null, 10)).isNull();
    }

    @Test
    void shouldNeverSplitASurrogatePair() {
        // given: characters outside the BMP (two chars each) where the head ends and the tail starts
        String emoji = "\uD83D\uDE00";
        String text = "ab" + emoji + "x".repeat(20) + emoji + "cd";

        // when: a head of 3 would end inside the first pair, a tail of 3 would start inside the second
        String cut = Truncation.headTail(text, 6);

        // then
        assertThat(cut).isEqualTo("ab\n[... " + (text.length() - 4) + " chars truncated ...]\ncd");
        for (int max = 0; max < text.length(); max++) {
            String each = Truncation.headTail(text, max);
            assertThat(each.codePoints()).as("cut to %d", max)
                    .noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE);
        }
    }
}
