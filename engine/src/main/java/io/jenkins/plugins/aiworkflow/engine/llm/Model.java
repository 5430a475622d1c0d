package io.jenkins.plugins.aiworkflow.engine.llm;

/**
 * The model port: one call is messages and tools in, an assistant message and usage out.
 * Implementations: {@link OpenAiModel} (OpenAI, Azure OpenAI, OpenAI-compatible servers) and
 * {@link ReplayModel} (a scripted session from a file).
 *
 * <p>{@link #complete} blocks; interrupting the calling thread cancels the call with
 * {@link ModelException.Kind#CANCELLED}. A call honours the request's
 * {@link ModelRequest#timeLeft() time left}: it does not run or wait past it and fails with
 * {@link ModelException.Kind#WALL_TIME} instead (a {@link ReplayModel} answers at once, so it never
 * does). Failures are {@link ModelException}s whose kind says what went wrong.
 */
public interface Model extends AutoCloseable {
    ModelResponse complete(ModelRequest request);

    /** A one-line description for logs and reports (provider, model, endpoint); never contains a secret. */
    String describe();

    /** Releases connections and threads. */
    @Override
    void close();
}
