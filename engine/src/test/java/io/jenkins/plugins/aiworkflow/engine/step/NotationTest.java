package io.jenkins.plugins.aiworkflow.engine.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class NotationTest {
    @Test
    void shouldReadDurationsWithUnitsAndIso8601() {
        // given / when / then
        assertThat(Notation.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Notation.parseDuration(" 30M ")).isEqualTo(Duration.ofMinutes(30));
        assertThat(Notation.parseDuration("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Notation.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Notation.parseDuration("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(Notation.parseDuration("PT1H")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void shouldRefuseDurationsWithoutUnitSayingWhatIsAccepted() {
        assertThatThrownBy(() -> Notation.parseDuration("90"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'90' is not a duration; accepted: a number with a unit (ms, s, m, h, d) such as 90s, 30m, "
                        + "2h or 1h30m, or ISO-8601 such as PT1H");
        assertThatThrownBy(() -> Notation.parseDuration("1x")).hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> Notation.parseDuration("")).hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> Notation.parseDuration("99999999999999999999s")).hasMessageContaining(
                "is not a duration");
    }

    @Test
    void shouldFormatDurationsAsTheShortestExactForm() {
        assertThat(Notation.formatDuration(Duration.ofMinutes(60))).isEqualTo("1h");
        assertThat(Notation.formatDuration(Duration.ofMinutes(10))).isEqualTo("10m");
        assertThat(Notation.formatDuration(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Notation.formatDuration(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Notation.formatDuration(Duration.ofNanos(1))).isEqualTo("PT0.000000001S");
        for (String text : new String[] {"1h", "10m", "90s", "1500ms"}) {
            assertThat(Notation.formatDuration(Notation.parseDuration(text))).isEqualTo(text);
        }
    }

    @Test
    void shouldReadPassRatesAsSharesOrPercentages() {
        assertThat(Notation.parsePassRate("0.95")).isEqualTo(0.95);
        assertThat(Notation.parsePassRate("95%")).isEqualTo(0.95);
        assertThat(Notation.parsePassRate(" 99.5 % ")).isEqualTo(0.995);
        assertThatThrownBy(() -> Notation.parsePassRate("most"))
                .hasMessage("'most' is not a pass rate; accepted: a share from 0 to 1 such as 0.95, or a percentage "
                        + "such as 95%");
    }

    @Test
    void shouldReadNumbersSayingTheRangeWhenTheyAreNot() {
        assertThat(Notation.parseInt(" -1 ")).isEqualTo(-1);
        assertThat(Notation.parseLong("3000000000")).isEqualTo(3_000_000_000L);
        assertThat(Notation.parseDouble("0.50")).isEqualTo(0.5);
        assertThatThrownBy(() -> Notation.parseInt("3000000000"))
                .hasMessage("'3000000000' is not a whole number; accepted: an integer from -2147483648 to 2147483647 "
                        + "such as 3");
        assertThatThrownBy(() -> Notation.parseLong("x")).hasMessageContaining("is not a whole number");
        assertThatThrownBy(() -> Notation.parseDouble("x")).hasMessageContaining("is not a number");
    }
}
