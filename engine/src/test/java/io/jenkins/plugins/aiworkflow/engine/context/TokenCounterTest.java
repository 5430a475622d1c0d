package io.jenkins.plugins.aiworkflow.engine.context;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenCounterTest {
    private static final EncodingRegistry JTOKKIT = Encodings.newDefaultEncodingRegistry();

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o", "gpt-4o-mini", "gpt-4o-2024-08-06", "chatgpt-4o-latest", "gpt-4.1",
        "gpt-4.1-nano", "gpt-4.5-preview", "o1", "o1-mini", "o3", "o3-mini", "o4-mini", "gpt-5", "gpt-5-mini",
        "gpt-oss-120b", "openai/gpt-4o", "GPT-4O", " gpt-5 "})
    void shouldUseO200kBaseForCurrentOpenAiModels(String model) {
        // when
        TokenCounter counter = TokenCounter.forModel(model);

        // then
        assertThat(counter.name()).isEqualTo("o200k_base");
        assertThat(counter.isEstimate()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4", "gpt-4-turbo", "gpt-4-0613", "gpt-4-32k", "gpt-3.5-turbo",
        "gpt-3.5-turbo-16k", "gpt-35-turbo", "text-embedding-3-small"})
    void shouldUseCl100kBaseForGpt4AndGpt35(String model) {
        assertThat(TokenCounter.forModel(model).name()).isEqualTo("cl100k_base");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"llama3.1:8b", "claude-sonnet-4", "mistral-large", "replay:session.json", "my-deployment",
        "omni", "gpt-4x"})
    void shouldEstimateForUnknownModels(String model) {
        // when
        TokenCounter counter = TokenCounter.forModel(model);

        // then
        assertThat(counter.isEstimate()).isTrue();
        assertThat(counter.name()).startsWith("estimate");
    }

    @Test
    void shouldCountExactlyLikeJtokkitIncludingSpecialTokenText() {
        // given
        String text = "public final class Main {\n    // grüße, 你好, 😀\n    String s = \"<|endoftext|>\";\n}\n"
                + TempTree.text("src/Main.java", 5_000);

        // then
        assertThat(TokenCounter.o200kBase().count(text))
                .isEqualTo(JTOKKIT.getEncoding(EncodingType.O200K_BASE).countTokensOrdinary(text));
        assertThat(TokenCounter.cl100kBase().count(text))
                .isEqualTo(JTOKKIT.getEncoding(EncodingType.CL100K_BASE).countTokensOrdinary(text));
        assertThat(TokenCounter.o200kBase().count("")).isZero();
    }

    @Test
    void shouldEstimateFourAsciiCharactersAndEveryOtherCharacterAsOneToken() {
        // given
        TokenCounter estimate = TokenCounter.estimate();

        // then
        assertThat(estimate.count("")).isZero();
        assertThat(estimate.count("abcd")).isEqualTo(1);
        assertThat(estimate.count("abcde")).isEqualTo(2);
        assertThat(estimate.count("grüße")).isEqualTo(1 + 2); // "gre" -> 1, ü and ß -> 1 each
        assertThat(estimate.count("😀")).isEqualTo(1);
        assertThat(estimate.count("你好")).isEqualTo(2);
    }
}
