package io.jenkins.plugins.aiworkflow.plugin.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.aiworkflow.engine.llm.ModelPrice;
import io.jenkins.plugins.aiworkflow.engine.llm.OpenAiModelConfig;
import io.jenkins.plugins.aiworkflow.engine.llm.PriceTable;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderChecksTest {
    @Test
    void shouldAcceptIdsAJenkinsfileCanWriteAndRefuseOthers() {
        assertThat(ProviderChecks.checkId("openai")).isNull();
        assertThat(ProviderChecks.checkId("azure-prod_2.eu")).isNull();
        assertThat(ProviderChecks.checkId(" ")).startsWith("id is required");
        assertThat(ProviderChecks.checkId("my provider")).isEqualTo("id 'my provider' is not accepted; accepted: 1 to "
                + "64 letters, digits, '.', '_' or '-', starting with a letter or digit, such as 'openai' or "
                + "'azure-prod'");
        assertThat(ProviderChecks.checkId("-x")).isNotNull();
    }

    @Test
    void shouldReadTheTypesByTheirNamesAndTheIssuesSpellings() {
        assertThat(ProviderType.parse("OpenAI")).isEqualTo(ProviderType.OPENAI);
        assertThat(ProviderType.parse("azure")).isEqualTo(ProviderType.AZURE);
        assertThat(ProviderType.parse("azure-openai")).isEqualTo(ProviderType.AZURE);
        assertThat(ProviderType.parse("compatible")).isEqualTo(ProviderType.COMPATIBLE);
        assertThat(ProviderType.parse("openai-compatible")).isEqualTo(ProviderType.COMPATIBLE);
        assertThat(ProviderChecks.checkType("anthropic")).isEqualTo("type 'anthropic' is not a provider type; "
                + "accepted: openai, azure (also azure-openai) or compatible (also openai-compatible)");
        assertThat(new Provider("x", "azure-openai").getType()).isEqualTo("azure");
    }

    @Test
    void shouldRequireABaseUrlWhereThereIsNoDefaultAndAcceptOnlyHttp() {
        assertThat(ProviderChecks.checkBaseUrl("", ProviderType.OPENAI)).isNull();
        assertThat(ProviderChecks.checkBaseUrl("", ProviderType.AZURE))
                .isEqualTo("baseUrl is required for type azure; such as https://my-resource.openai.azure.com");
        assertThat(ProviderChecks.checkBaseUrl(null, ProviderType.COMPATIBLE)).startsWith("baseUrl is required for "
                + "type compatible");
        assertThat(ProviderChecks.checkBaseUrl("http://127.0.0.1:11434/v1", ProviderType.COMPATIBLE)).isNull();
        assertThat(ProviderChecks.checkBaseUrl("ftp://example.com", ProviderType.OPENAI))
                .startsWith("baseUrl 'ftp://example.com' is not an absolute http(s) URL");
        assertThat(ProviderChecks.checkBaseUrl("https://user:pw@example.com", ProviderType.OPENAI))
                .startsWith("baseUrl must not contain credentials");
    }

    @Test
    void shouldRequireACredentialWhereTheProviderNeedsAKey() {
        assertThat(ProviderChecks.checkCredentialsId("", ProviderType.OPENAI)).isEqualTo("credentialsId is required "
                + "for type openai: the id of a Secret text credential holding the API key");
        assertThat(ProviderChecks.checkCredentialsId(null, ProviderType.AZURE)).isNotNull();
        assertThat(ProviderChecks.checkCredentialsId(null, ProviderType.COMPATIBLE)).isNull();
    }

    @Test
    void shouldAcceptTheApisByTheCliNames() {
        assertThat(ProviderChecks.parseApi("chat")).isEqualTo(OpenAiModelConfig.Api.CHAT_COMPLETIONS);
        assertThat(ProviderChecks.parseApi("chat_completions")).isEqualTo(OpenAiModelConfig.Api.CHAT_COMPLETIONS);
        assertThat(ProviderChecks.parseApi(null)).isEqualTo(OpenAiModelConfig.Api.CHAT_COMPLETIONS);
        assertThat(ProviderChecks.parseApi("Responses")).isEqualTo(OpenAiModelConfig.Api.RESPONSES);
        assertThat(ProviderChecks.checkApi("assistants")).isEqualTo("api 'assistants' is not accepted; accepted: chat "
                + "(Chat Completions, every provider) or responses (the Responses API)");
        Provider provider = new Provider("x", "openai");
        provider.setApi("chat-completions");
        assertThat(provider.getApi()).isEqualTo("chat");
    }

    @Test
    void shouldAcceptAnAzureApiVersionOnlyForAzure() {
        assertThat(ProviderChecks.checkAzureApiVersion("2024-10-21", ProviderType.AZURE)).isNull();
        assertThat(ProviderChecks.checkAzureApiVersion("2024-10-21", ProviderType.OPENAI))
                .isEqualTo("azureApiVersion is only accepted with type azure, the type is openai");
    }

    @Test
    void shouldReadPriceFieldsAsTheFormSendsThem() {
        assertThat(ProviderChecks.checkPriceAmount("2.5", true)).isNull();
        assertThat(ProviderChecks.checkPriceAmount("0", true)).isNull();
        assertThat(ProviderChecks.checkPriceAmount("", false)).isNull();
        assertThat(ProviderChecks.checkPriceAmount("", true)).startsWith("a price is required");
        assertThat(ProviderChecks.checkPriceAmount("-1", true)).isEqualTo("'-1' is not accepted; accepted: an amount "
                + ">= 0 of US dollars per one million tokens");
        assertThat(ProviderChecks.checkPriceAmount("cheap", false)).startsWith("'cheap' is not a number");
    }

    @Test
    void shouldAddTheProvidersPricesToTheEngineDefaults() {
        Price own = new Price("my-deployment", 1.0, 4.0);
        Price cheaper = new Price("gpt-4.1", 1.0, 2.0);
        cheaper.setCachedInput(0.25);

        PriceTable table = ProviderChecks.priceTable(List.of(own, cheaper));

        assertThat(table.find("my-deployment")).contains(new ModelPrice(1.0, 1.0, 4.0));
        assertThat(table.find("gpt-4.1")).contains(new ModelPrice(1.0, 0.25, 2.0));
        assertThat(table.find("gpt-4o")).isEqualTo(PriceTable.defaults().find("gpt-4o"));
    }

    @Test
    void shouldRefusePricesWithoutAmountsOrTwiceForAModel() {
        assertThatThrownBy(() -> ProviderChecks.priceTable(List.of(new Price("m", null, 1.0))))
                .hasMessage("price of model 'm': input is missing; accepted: US dollars per one million tokens, "
                        + "such as 2.5");
        assertThatThrownBy(() -> ProviderChecks.priceTable(List.of(new Price("m", -1.0, 1.0))))
                .hasMessageStartingWith("price of model 'm': input price must be a finite amount >= 0");
        assertThatThrownBy(() -> ProviderChecks.priceTable(List.of(new Price("m", 1.0, 1.0), new Price("m", 2.0, 2.0))))
                .hasMessage("model 'm' is priced twice; accepted: one price per model");
    }

    @Test
    void shouldRefuseAListWithAnIdTwiceOrAProviderMissingAField() {
        Provider first = compatible("local");
        Provider second = compatible("local");
        Provider azure = new Provider("azure-prod", "azure");
        azure.setCredentialsId("azure-key");

        assertThatThrownBy(() -> ProviderChecks.checkProviders(List.of(first, second)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AI Workflow provider id 'local' is used twice; accepted: a unique id per provider (steps "
                        + "name the provider by it)");
        assertThatThrownBy(() -> ProviderChecks.checkProviders(List.of(first, azure)))
                .hasMessage("AI Workflow provider 'azure-prod': baseUrl is required for type azure; such as "
                        + "https://my-resource.openai.azure.com");
        assertThatThrownBy(() -> ProviderChecks.checkProviders(List.of(new Provider("x", "gemini"))))
                .hasMessageStartingWith("AI Workflow provider 'x': type 'gemini' is not a provider type");
    }

    @Test
    void shouldAcceptACompleteListOfProviders() {
        Provider openai = new Provider("openai", "openai");
        openai.setCredentialsId("openai-key");
        openai.setModel("gpt-4.1-mini");
        Provider azure = new Provider("azure", "azure-openai");
        azure.setBaseUrl("https://my-resource.openai.azure.com");
        azure.setCredentialsId("azure-key");
        azure.setAzureApiVersion("2024-10-21");

        assertThatCode(() -> ProviderChecks.checkProviders(List.of(openai, azure, compatible("local"))))
                .doesNotThrowAnyException();
        assertThat(azure.getType()).isEqualTo("azure");
    }

    private static Provider compatible(String id) {
        Provider provider = new Provider(id, "compatible");
        provider.setBaseUrl("http://127.0.0.1:11434/v1");
        return provider;
    }
}
