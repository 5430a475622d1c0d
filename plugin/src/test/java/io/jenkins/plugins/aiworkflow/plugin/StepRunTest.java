package io.jenkins.plugins.aiworkflow.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** What a step does with texts around its engine call, without Jenkins. */
class StepRunTest {
    @Test
    void shouldMaskABoundSecretAlsoAsAJsonStringWritesIt() {
        UnaryOperator<String> mask = StepRun.masking(List.of("pa\"ss\\word"));

        assertThat(mask.apply("raw pa\"ss\\word")).isEqualTo("raw ****");
        assertThat(mask.apply("{\"message\":\"pa\\\"ss\\\\word\"}")).isEqualTo("{\"message\":\"****\"}");
    }

    @Test
    void shouldMaskTheLongerOfTwoSecretsWhenOneHoldsTheOther() {
        UnaryOperator<String> mask = StepRun.masking(List.of("abcd", "abcdefgh"));

        assertThat(mask.apply("x abcdefgh y abcd")).isEqualTo("x **** y ****");
    }
}
