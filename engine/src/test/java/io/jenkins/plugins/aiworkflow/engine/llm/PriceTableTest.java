package io.jenkins.plugins.aiworkflow.engine.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Prices by exact name or dated snapshot, overridable, and never guessed. */
class PriceTableTest {
    private static final Usage MILLION_EACH = new Usage(1_000_000, 1_000_000, 0, 0);

    @ParameterizedTest
    @CsvSource({
        "gpt-4o, gpt-4o",
        "gpt-4o-2024-08-06, gpt-4o",
        "gpt-4o-mini-2024-07-18, gpt-4o-mini",
        "gpt-4.1-nano-2025-04-14, gpt-4.1-nano",
        "o3-2025-04-16, o3",
        "gpt-5-mini, gpt-5-mini",
    })
    void shouldFindAModelByNameOrDatedSnapshot(String model, String pricedAs) {
        // when / then
        assertThat(PriceTable.defaults().matchedName(model)).contains(pricedAs);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o-audio-preview", "gpt-4o-realtime-preview-2024-12-17", "llama3.1", "GPT-4O",
        "openai/gpt-4o", "gpt-5.1"})
    void shouldNotGuessThePriceOfAnUnknownModel(String model) {
        // when
        Cost cost = PriceTable.defaults().cost(model, MILLION_EACH);

        // then
        assertThat(cost.known()).isFalse();
        assertThat(cost).isEqualTo(Cost.UNKNOWN).hasToString("unknown");
    }

    @Test
    void shouldChargeCachedInputAtItsOwnPriceAndCountReasoningAsOutput() {
        // given: 10,000 input of which 8,000 cached; 2,000 output of which 1,500 reasoning
        Usage usage = new Usage(10_000, 2_000, 8_000, 1_500);

        // when
        Cost cost = PriceTable.defaults().cost("gpt-4.1", usage);

        // then: 2,000 x $2 + 8,000 x $0.50 + 2,000 x $8 per 1M
        assertThat(cost.known()).isTrue();
        assertThat(cost.usd()).isCloseTo((2_000 * 2.00 + 8_000 * 0.50 + 2_000 * 8.00) / 1_000_000, within(1e-12));
        assertThat(cost).hasToString("$0.0240");
    }

    @Test
    void shouldOverrideAndAddPricesFromAJsonFile(@TempDir Path dir) throws IOException {
        // given
        Path file = dir.resolve("prices.json");
        Files.writeString(file, """
                {
                  "gpt-4o": {"input": 5.0, "cachedInput": 2.5, "output": 15.0},
                  "llama3.1": {"input": 0, "output": 0},
                  "my-gpt4o-deployment": {"input": 2.5, "output": 10}
                }
                """);

        // when
        PriceTable prices = PriceTable.defaults().withOverrides(PriceTable.fromFile(file));

        // then
        assertThat(prices.find("gpt-4o")).contains(new ModelPrice(5.0, 2.5, 15.0));
        assertThat(prices.find("gpt-4o-2024-08-06")).contains(new ModelPrice(5.0, 2.5, 15.0));
        assertThat(prices.cost("llama3.1", MILLION_EACH)).isEqualTo(Cost.usd(0));
        assertThat(prices.find("my-gpt4o-deployment")).as("cachedInput defaults to input")
                .contains(new ModelPrice(2.5, 2.5, 10));
        assertThat(prices.find("gpt-4.1-mini")).as("defaults not overridden stay").isPresent();
    }

    @Test
    void shouldAddAPriceProgrammatically() {
        // when
        PriceTable prices = PriceTable.empty().with("qwen2.5-coder", new ModelPrice(0.1, 0.1, 0.3));

        // then
        assertThat(prices.cost("qwen2.5-coder", MILLION_EACH)).isEqualTo(Cost.usd(0.4));
        assertThat(prices.find("gpt-4o")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"gpt-4o\": {\"input\": 1, \"output\": 2, \"cached\": 0.5}} | model 'gpt-4o': unknown field 'cached'",
        "{\"gpt-4o\": {\"input\": 1}} | model 'gpt-4o': 'output' must be a number",
        "{\"gpt-4o\": {\"input\": -1, \"output\": 2}} | input price must be a finite amount >= 0",
        "[1, 2] | must hold a JSON object",
        "{not json | is not valid JSON",
    })
    void shouldRefuseABadPriceFileNamingTheProblem(String json, String message) {
        // when / then
        assertThatThrownBy(() -> PriceTable.fromJson(json, "prices.json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("price file prices.json").hasMessageContaining(message);
    }

    @Test
    void shouldAddCostsAndKeepTheKnownPartOfAPartlyUnknownSum() {
        // when
        Cost sum = Cost.usd(0.25).plus(Cost.UNKNOWN).plus(Cost.usd(0.5));

        // then
        assertThat(sum.known()).isFalse();
        assertThat(sum.usd()).isEqualTo(0.75);
        assertThat(sum).hasToString(">= $0.7500 (some calls unpriced)");
    }
}
