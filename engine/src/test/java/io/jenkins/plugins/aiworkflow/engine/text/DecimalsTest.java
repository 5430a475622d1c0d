package io.jenkins.plugins.aiworkflow.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecimalsTest {
    @ParameterizedTest
    @ValueSource(doubles = {0, 1, 0.5, 0.125, 0.005, 1.005, 2.675, 99.995, 99.994999, 66.666666, 100, 12345.6789,
        1e-9, -0.001, -1.005, -0.0, 1e20, 0.045, 0.055, Double.MIN_VALUE, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY})
    void shouldWriteWhatFormatWritesForTheEdgeCases(double value) {
        for (int decimals = 0; decimals <= 4; decimals++) {
            assertThat(Decimals.fixed(value, decimals)).as("%s with %d decimals", value, decimals)
                    .isEqualTo(String.format(Locale.ROOT, "%." + decimals + "f", value));
        }
    }

    @Test
    void shouldWriteWhatFormatWritesForRandomRatesAndDurations() {
        // given
        Random random = new Random(42);

        for (int i = 0; i < 100_000; i++) {
            // pass rates as the gate computes them, and durations in seconds
            long executed = 1 + random.nextInt(1_000_000);
            double rate = 100.0 * random.nextInt((int) executed + 1) / executed;
            double seconds = random.nextInt(10_000) / 1000.0;

            // then
            assertThat(Decimals.fixed(rate, 2)).isEqualTo(String.format(Locale.ROOT, "%.2f", rate));
            assertThat(Decimals.fixed(seconds, 1)).isEqualTo(String.format(Locale.ROOT, "%.1f", seconds));
        }
    }
}
