package io.jenkins.plugins.aiworkflow.engine.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Retry-After is read like the SDK reads it: milliseconds header first, then seconds or an HTTP date. */
class RetryAfterTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2025-09-01T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void shouldPreferTheMillisecondsHeader() {
        // when / then
        assertThat(RetryAfter.parse("1500", "30", NOW)).contains(Duration.ofMillis(1500));
    }

    @Test
    void shouldReadSecondsIncludingFractions() {
        // when / then
        assertThat(RetryAfter.parse(null, "30", NOW)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse(null, "0.25", NOW)).contains(Duration.ofMillis(250));
    }

    @Test
    void shouldReadAnHttpDateRelativeToNowAndNeverNegative() {
        // when / then
        assertThat(RetryAfter.parse(null, "Mon, 01 Sep 2025 10:01:30 GMT", NOW)).contains(Duration.ofSeconds(90));
        assertThat(RetryAfter.parse(null, "Mon, 01 Sep 2025 09:00:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void shouldIgnoreWhatItCannotRead() {
        // when / then
        assertThat(RetryAfter.parse("soon", "later", NOW)).isEmpty();
        assertThat(RetryAfter.parse(null, "-5", NOW)).isEmpty();
        assertThat(RetryAfter.parse(null, null, NOW)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"PT9S, 9 s", "PT30S, 30 s", "PT0.4312S, 0.43 s", "PT1.5S, 1.5 s", "PT100S, 100 s", "PT0S, 0 s"})
    void shouldShowDurationsAsPeopleReadThem(Duration duration, String text) {
        // when / then
        assertThat(RetryAfter.seconds(duration)).isEqualTo(text);
    }
}
