package io.jenkins.plugins.aiworkflow.engine.llm;

/** The four ways {@link OpenAiModel} can talk to a server; tests run against each. */
enum Mode {
    CHAT(OpenAiModelConfig.Api.CHAT_COMPLETIONS, false),
    CHAT_STREAMING(OpenAiModelConfig.Api.CHAT_COMPLETIONS, true),
    RESPONSES(OpenAiModelConfig.Api.RESPONSES, false),
    RESPONSES_STREAMING(OpenAiModelConfig.Api.RESPONSES, true);

    final OpenAiModelConfig.Api api;
    final boolean streaming;

    Mode(OpenAiModelConfig.Api api, boolean streaming) {
        this.api = api;
        this.streaming = streaming;
    }

    OpenAiModelConfig.Builder config(String baseUrl) {
        return OpenAiModelConfig.builder().model("gpt-4o").api(api).streaming(streaming).baseUrl(baseUrl)
                .apiKey(ApiKey.of(OpenAiModelTest.KEY));
    }
}
