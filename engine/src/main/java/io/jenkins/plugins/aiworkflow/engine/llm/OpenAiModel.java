package io.jenkins.plugins.aiworkflow.engine.llm;

import com.openai.azure.AzureOpenAIServiceVersion;
import com.openai.azure.AzureUrlPathMode;
import com.openai.azure.credential.AzureApiKeyCredential;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.LogLevel;
import com.openai.core.RequestOptions;
import com.openai.core.Sleeper;
import com.openai.core.Timeout;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.SseException;
import io.jenkins.plugins.aiworkflow.engine.log.EngineLog;
import io.jenkins.plugins.aiworkflow.engine.text.Truncation;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Call;
import okhttp3.Interceptor;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * The {@link Model} port on the official openai-java SDK: Chat Completions (default) or the
 * Responses API, against OpenAI, Azure OpenAI or an OpenAI-compatible server, streaming or not.
 *
 * <p>Retries are the SDK's (429, 408, 409, 5xx, timeouts, connection errors; {@code maxRetries}),
 * with one change: the SDK never waits longer than 8 seconds (openai-java 4.x) even when the
 * server's {@code Retry-After} asks for more, so it would retry too early and waste its retries.
 * This class plugs its own {@link Sleeper} into the SDK and waits as long as the server asked, up
 * to {@code maxRetryAfter}; a longer request fails the call with the value named. Every wait is
 * logged and summed in {@link ModelResponse#waited()}.
 *
 * <p>The request's {@link ModelRequest#timeLeft() time left} bounds the whole call: the SDK's timeout
 * per attempt is capped by it, no wait before a retry starts when it would end after it, and the
 * caller stops waiting for the worker at that moment; each ends in {@link ModelException.Kind#WALL_TIME}.
 *
 * <p>Every answer body, a stream included, is read whole inside its HTTP attempt, before the SDK
 * parses it: a body that stalls after the status and headers is then a timeout of that attempt,
 * retried like any other timeout (the SDK retries only what fails before it parses the body), and
 * no body is read past {@link #MAX_ANSWER_BYTES} (the SDK would read a whole non-streaming answer
 * into memory, however large): a larger one fails the call with
 * {@link ModelException.Kind#MALFORMED_RESPONSE}, without a retry.
 *
 * <p>{@link #complete} runs the HTTP call on a worker thread and waits for it; interrupting the
 * caller cancels the HTTP call (or the wait) and ends in {@link ModelException.Kind#CANCELLED}.
 * The API key never appears in messages or logs of this class.
 */
public final class OpenAiModel implements Model {
    /**
     * openai-java 4.x caps every retry delay, server-directed ones included, at 8 seconds
     * ({@code RetryingHttpClient.MAX_RETRY_DELAY}); see docs/models.md.
     */
    static final Duration SDK_RETRY_AFTER_CAP = Duration.ofSeconds(8);
    /** Differences below this between our reading of Retry-After and the SDK's are rounding, not a longer wait. */
    private static final Duration ROUNDING = Duration.ofMillis(100);
    private static final int MAX_SERVER_MESSAGE_CHARS = 1_000;
    /**
     * The most bytes of one answer body (a whole stream included) that are read: far above any answer
     * a model can give (a stream of 100,000 output tokens is about 25 MiB), low enough that a server
     * flooding the connection cannot fill the memory. See docs/models.md.
     */
    public static final long MAX_ANSWER_BYTES = 32L * 1024 * 1024;
    private static final int READ_BYTES = 64 * 1024;

    /** How waits happen; tests replace it to avoid sleeping. */
    interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final OpenAiModelConfig config;
    private final EngineLog log;
    private final Pause pause;
    private final String description;
    private final ThreadLocal<Invocation> current = new ThreadLocal<>();
    private final ExecutorService calls;
    private final OpenAIClient client;
    private final AtomicBoolean closed = new AtomicBoolean();

    public OpenAiModel(OpenAiModelConfig config, EngineLog log) {
        this(config, log, duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos()));
    }

    OpenAiModel(OpenAiModelConfig config, EngineLog log, Pause pause) {
        this.config = Objects.requireNonNull(config, "config");
        this.log = Objects.requireNonNull(log, "log");
        this.pause = Objects.requireNonNull(pause, "pause");
        this.description = config.describe();
        AtomicInteger threads = new AtomicInteger();
        this.calls = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "ai-workflow-model-call-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.client = buildClient();
    }

    private OpenAIClient buildClient() {
        Duration request = config.requestTimeout();
        Duration connect = min(request, OpenAiModelConfig.MAX_CONNECT_TIMEOUT);
        OpenAIOkHttpClient.Builder builder = OpenAIOkHttpClient.builder()
                .maxRetries(config.maxRetries())
                .timeout(Timeout.builder().request(request).connect(connect).build())
                // the SDK would otherwise log to the console when OPENAI_LOG is set; the engine only logs to EngineLog
                .logLevel(LogLevel.OFF)
                .sleeper(new RetrySleeper())
                .addInterceptor(this::intercept);
        config.baseUrl().ifPresent(builder::baseUrl);
        switch (config.provider()) {
            case OPENAI -> builder.apiKey(config.apiKey().orElseThrow().value());
            case AZURE -> {
                builder.credential(AzureApiKeyCredential.create(config.apiKey().orElseThrow().value()));
                // explicit, so that proxies and private endpoints (any host name) work like *.openai.azure.com
                String path = URI.create(config.baseUrl().orElseThrow()).getPath();
                builder.azureUrlPathMode(path != null && path.endsWith("/openai/v1") ? AzureUrlPathMode.UNIFIED
                        : AzureUrlPathMode.LEGACY);
                config.azureApiVersion().ifPresent(version ->
                        builder.azureServiceVersion(AzureOpenAIServiceVersion.fromString(version)));
            }
            case COMPATIBLE -> {
                if (config.apiKey().isPresent()) {
                    builder.apiKey(config.apiKey().get().value());
                } else {
                    // the SDK insists on a credential; send none at all
                    builder.apiKey("unused").removeHeaders("Authorization");
                }
            }
        }
        return builder.build();
    }

    public OpenAiModelConfig config() {
        return config;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public ModelResponse complete(ModelRequest request) {
        Objects.requireNonNull(request, "request");
        if (closed.get()) {
            throw new IllegalStateException(description + " is closed");
        }
        long start = System.nanoTime();
        Invocation invocation = new Invocation(start, request.timeLeft().orElse(null));
        if (invocation.deadline && invocation.timeLeft.isZero()) {
            throw exception(ModelException.Kind.WALL_TIME, "the run's wall-time limit was reached before the call "
                    + "(no time left); nothing was sent", -1, null);
        }
        RequestOptions options = requestOptions(invocation);
        Future<Answer> future;
        try {
            future = calls.submit(() -> run(invocation, request, options));
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException(description + " is closed", e);
        }
        Answer answer;
        try {
            // Retries after a capped attempt get the same SDK timeout again, so the caller keeps the deadline itself.
            answer = invocation.deadline ? future.get(Math.max(0, invocation.deadlineNanos - System.nanoTime()),
                    TimeUnit.NANOSECONDS) : future.get();
        } catch (TimeoutException e) {
            invocation.cancel();
            future.cancel(true);
            throw exception(ModelException.Kind.WALL_TIME, "no complete answer before the run's wall-time limit ("
                    + RetryAfter.seconds(invocation.timeLeft) + " were left when the call started); cancelled during "
                    + "attempt " + Math.max(1, invocation.attempts.get()), -1, null);
        } catch (InterruptedException e) {
            invocation.cancel();
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ModelException(ModelException.Kind.CANCELLED, description + ": the call was cancelled (the "
                    + "calling thread was interrupted) during attempt " + Math.max(1, invocation.attempts.get()));
        } catch (ExecutionException e) {
            throw translate(e.getCause(), invocation);
        }
        Usage usage = answer.usage();
        if (usage == null) {
            log.warning(description + " reported no token usage; this call counts as 0 tokens");
            usage = Usage.ZERO;
        }
        return new ModelResponse(answer.message(), answer.finishReason(), answer.refusal(), usage,
                Duration.ofNanos(System.nanoTime() - start), Duration.ofNanos(invocation.waitedNanos.get()),
                answer.modelId(), Math.max(1, invocation.attempts.get()));
    }

    private Answer run(Invocation invocation, ModelRequest request, RequestOptions options) {
        current.set(invocation);
        try {
            return config.api() == OpenAiModelConfig.Api.CHAT_COMPLETIONS
                    ? ChatCompletionsApi.call(client, config, request, options)
                    : ResponsesApi.call(client, config, request, options);
        } finally {
            current.remove();
        }
    }

    /** The configured timeouts, or shorter ones when the run's wall time left is shorter. */
    private RequestOptions requestOptions(Invocation invocation) {
        if (!invocation.deadline || invocation.timeLeft.compareTo(config.requestTimeout()) >= 0) {
            return RequestOptions.none();
        }
        invocation.timeoutCapped = true;
        return RequestOptions.builder().timeout(Timeout.builder().request(invocation.timeLeft)
                .connect(min(invocation.timeLeft, OpenAiModelConfig.MAX_CONNECT_TIMEOUT)).build()).build();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Runs on the calling thread of every HTTP attempt: counts it, keeps it cancellable, reads Retry-After. */
    private Response intercept(Interceptor.Chain chain) throws IOException {
        Invocation invocation = current.get();
        if (invocation == null) {
            return chain.proceed(chain.request());
        }
        invocation.call = chain.call();
        invocation.attempts.incrementAndGet();
        invocation.lastStatus = -1;
        invocation.lastRetryAfter = null;
        if (invocation.cancelled) {
            chain.call().cancel();
            throw new InterruptedIOException("model call cancelled");
        }
        // Status and Retry-After count only once the whole answer is in: an attempt whose body failed
        // failed as a timeout or connection error, whatever its status said.
        Response response = readWhole(chain.proceed(chain.request()));
        invocation.lastStatus = response.code();
        invocation.lastRetryAfter = RetryAfter.parse(response.header("Retry-After-Ms"), response.header("Retry-After"),
                Clock.systemUTC()).orElse(null);
        return response;
    }

    /**
     * The response with its body read into memory, up to {@link #MAX_ANSWER_BYTES}. Read here, within
     * the HTTP attempt, a body that stalls fails the attempt with the attempt's timeout, which the
     * SDK retries; read later by the SDK, it would fail after the SDK's retries, as an unreadable answer.
     */
    private static Response readWhole(Response response) throws IOException {
        ResponseBody body = response.body();
        if (body == null) {
            return response;
        }
        Buffer whole = new Buffer();
        try (body) {
            BufferedSource source = body.source();
            while (source.read(whole, READ_BYTES) != -1) {
                if (whole.size() > MAX_ANSWER_BYTES) {
                    whole.clear();
                    throw new AnswerTooLarge(response.code());
                }
            }
        }
        return response.newBuilder().body(ResponseBody.create(whole, body.contentType(), whole.size())).build();
    }

    private ModelException translate(Throwable failure, Invocation invocation) {
        int attempts = Math.max(1, invocation.attempts.get());
        String after = " after " + attempts + (attempts == 1 ? " attempt" : " attempts");
        if (invocation.cancelled || failure instanceof CallCancelled || failure instanceof InterruptedException) {
            return exception(ModelException.Kind.CANCELLED, "the call was cancelled" + after, -1, null);
        }
        if (failure instanceof WaitPastWallTime past) {
            return exception(ModelException.Kind.WALL_TIME, past.describe() + after, past.status, null);
        }
        if (failure instanceof RetryAfterTooLong tooLong) {
            return exception(tooLong.status == 429 ? ModelException.Kind.RATE_LIMITED : kindOf(tooLong.status),
                    "HTTP " + tooLong.status + " and the server asked to retry after " + RetryAfter.seconds(tooLong.wait)
                            + " (Retry-After), more than maxRetryAfter (" + RetryAfter.seconds(config.maxRetryAfter())
                            + "); giving up" + after, tooLong.status, null);
        }
        if (failure instanceof OpenAIServiceException service) {
            int status = service.statusCode();
            ModelException.Kind kind = failure instanceof SseException && status < 400
                    ? ModelException.Kind.SERVER_ERROR : kindOf(status);
            String serverText = Objects.requireNonNullElse(service.getMessage(), "");
            if (serverText.startsWith(status + ": ")) {
                serverText = serverText.substring((status + ": ").length());
            }
            String message = (failure instanceof SseException ? "error inside the answer stream (HTTP " + status + ")"
                    : "HTTP " + status) + after + ": " + serverMessage(serverText)
                    + retryAfterHint(service) + (kind == ModelException.Kind.AUTHENTICATION
                    ? "; check the API key (" + config.apiKey().map(ApiKey::source).orElse("none given") + ")" : "");
            return exception(kind, message, status, failure);
        }
        if (failure instanceof ResponsesApi.StreamError) {
            return exception(ModelException.Kind.SERVER_ERROR, "the server reported an error" + after + ": "
                    + serverMessage(failure.getMessage()), -1, failure);
        }
        if (failure instanceof AnswerTooLarge tooLarge) {
            return exception(ModelException.Kind.MALFORMED_RESPONSE, "the answer (HTTP " + tooLarge.status
                    + ") was larger than " + (MAX_ANSWER_BYTES / (1024 * 1024)) + " MiB, the most that is read of "
                    + "one answer; it was not read further and not retried" + after, tooLarge.status, null);
        }
        // A timeout wherever it happened, also one wrapped as an unreadable answer: the body is read
        // within the attempt, but the kind must not depend on where the SDK happened to notice it.
        // Only a timeout that ended at the deadline is the wall time's: a connection attempt times out
        // after at most MAX_CONNECT_TIMEOUT, however much time is left.
        if (isTimeout(failure) && invocation.timeoutCapped && invocation.left().compareTo(ROUNDING) <= 0) {
            return exception(ModelException.Kind.WALL_TIME, "no complete answer before the run's wall-time limit "
                    + "(the attempt's timeout was cut to the " + RetryAfter.seconds(invocation.timeLeft)
                    + " left when the call started)" + after, -1, failure);
        }
        if (isTimeout(failure)) {
            return exception(ModelException.Kind.TIMEOUT, "no complete answer within the timeout of "
                    + RetryAfter.seconds(config.requestTimeout()) + after, -1, failure);
        }
        if (failure instanceof MalformedAnswer || failure instanceof OpenAIInvalidDataException) {
            return exception(ModelException.Kind.MALFORMED_RESPONSE, "the answer could not be read" + after + ": "
                    + serverMessage(causes(failure)), -1, failure);
        }
        if (hasCause(failure, IOException.class) || failure instanceof UncheckedIOException) {
            return exception(ModelException.Kind.NETWORK, "the server could not be reached or the connection broke"
                    + after + ": " + serverMessage(causes(failure)), -1, failure);
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return exception(ModelException.Kind.MALFORMED_RESPONSE, "unexpected failure while reading the answer" + after
                + ": " + serverMessage(causes(failure)), -1, failure);
    }

    private static ModelException.Kind kindOf(int status) {
        if (status == 401 || status == 403) {
            return ModelException.Kind.AUTHENTICATION;
        }
        if (status == 408) {
            return ModelException.Kind.TIMEOUT;
        }
        if (status == 429) {
            return ModelException.Kind.RATE_LIMITED;
        }
        if (status >= 500) {
            return ModelException.Kind.SERVER_ERROR;
        }
        return ModelException.Kind.BAD_REQUEST;
    }

    private String retryAfterHint(OpenAIServiceException failure) {
        List<String> ms = failure.headers().values("Retry-After-Ms");
        List<String> seconds = failure.headers().values("Retry-After");
        return RetryAfter.parse(ms.isEmpty() ? null : ms.get(0), seconds.isEmpty() ? null : seconds.get(0),
                        Clock.systemUTC())
                .map(wait -> " (the server asked to retry after " + RetryAfter.seconds(wait) + ")").orElse("");
    }

    private static boolean isTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return true;
            }
            if (cause instanceof InterruptedIOException && cause.getMessage() != null
                    && cause.getMessage().toLowerCase(java.util.Locale.ROOT).contains("timeout")) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /** "message: cause message: ..." of the whole chain, without repeats. */
    private static String causes(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            if (text.indexOf(message) < 0) {
                text.append(text.length() == 0 ? "" : ": ").append(message);
            }
        }
        return text.toString();
    }

    private static String serverMessage(String message) {
        return Truncation.headTail(Objects.requireNonNullElse(message, "(no message)"), MAX_SERVER_MESSAGE_CHARS);
    }

    private ModelException exception(ModelException.Kind kind, String message, int status, Throwable cause) {
        return new ModelException(kind, redact(description + ": " + message), status, safe(cause));
    }

    private String redact(String text) {
        return config.apiKey().map(key -> key.redact(text)).orElse(text);
    }

    /** {@code cause} itself, or, when any message in its chain shows the key, a copy with the key masked. */
    private Throwable safe(Throwable cause) {
        if (cause == null || config.apiKey().isEmpty()) {
            return cause;
        }
        ApiKey key = config.apiKey().get();
        boolean leaks = false;
        for (Throwable each = cause; each != null; each = each.getCause()) {
            leaks |= key.appearsIn(each.getMessage()) || key.appearsIn(each.toString());
        }
        if (!leaks) {
            return cause;
        }
        RuntimeException copy = new RuntimeException(cause.getClass().getName() + ": " + key.redact(cause.getMessage()),
                safe(cause.getCause()));
        copy.setStackTrace(cause.getStackTrace());
        return copy;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            calls.shutdownNow();
            client.close();
        }
    }

    @Override
    public String toString() {
        return "OpenAiModel[" + description + "]";
    }

    /** The state of one {@link #complete} call, shared by its worker thread, the interceptor and the sleeper. */
    private static final class Invocation {
        /** Whether the run has a wall-time limit; then {@link #deadlineNanos} is when it is reached. */
        private final boolean deadline;
        private final Duration timeLeft;
        private final long deadlineNanos;
        private volatile boolean timeoutCapped;
        private final AtomicInteger attempts = new AtomicInteger();
        private final AtomicLong waitedNanos = new AtomicLong();
        private volatile boolean cancelled;
        private volatile Call call;
        private volatile int lastStatus = -1;
        private volatile Duration lastRetryAfter;

        Invocation(long startNanos, Duration timeLeft) {
            // A limit centuries away (or one that overflows the nano clock) is no limit.
            boolean limited = timeLeft != null && timeLeft.compareTo(Duration.ofDays(365L * 100)) < 0;
            this.deadline = limited;
            this.timeLeft = limited ? timeLeft : null;
            this.deadlineNanos = limited ? startNanos + timeLeft.toNanos() : Long.MAX_VALUE;
        }

        /** Wall time left until the deadline (negative once past), or null without a limit. */
        Duration left() {
            return deadline ? Duration.ofNanos(deadlineNanos - System.nanoTime()) : null;
        }

        void cancel() {
            cancelled = true;
            Call running = call;
            if (running != null) {
                running.cancel();
            }
        }
    }

    /** The SDK's sleeper between retries, extended to the server's Retry-After (up to maxRetryAfter). */
    private final class RetrySleeper implements Sleeper {
        @Override
        public void sleep(Duration sdkDelay) {
            Invocation invocation = current.get();
            Duration delay = sdkDelay;
            if (invocation != null) {
                if (invocation.cancelled) {
                    throw new CallCancelled();
                }
                int status = invocation.lastStatus;
                Duration asked = invocation.lastRetryAfter;
                if (asked != null && asked.compareTo(config.maxRetryAfter()) > 0) {
                    throw new RetryAfterTooLong(status, asked);
                }
                String failed = status > 0 ? "HTTP " + status : "a timeout or connection error";
                int next = invocation.attempts.get() + 1;
                String attempt = "attempt " + next + " of " + (config.maxRetries() + 1);
                boolean serverAsked = asked != null && asked.compareTo(sdkDelay.plus(ROUNDING)) > 0;
                Duration wait = serverAsked ? asked : sdkDelay;
                Duration left = invocation.left();
                if (left != null && wait.compareTo(left) > 0) {
                    // Never start a wait that the run's wall-time limit would cut short: stop now, with the reason.
                    throw new WaitPastWallTime(status, wait, serverAsked, left);
                }
                if (serverAsked) {
                    delay = asked;
                    log.warning(description + ": " + failed + "; the server asked to retry after "
                            + RetryAfter.seconds(asked) + ", longer than the SDK would wait ("
                            + RetryAfter.seconds(sdkDelay) + "); waiting " + RetryAfter.seconds(asked) + " before "
                            + attempt + " (maxRetryAfter " + RetryAfter.seconds(config.maxRetryAfter()) + ")");
                } else {
                    log.info(description + ": " + failed + "; retrying in " + RetryAfter.seconds(delay) + " ("
                            + attempt + ")");
                }
                invocation.waitedNanos.addAndGet(delay.toNanos());
            }
            try {
                pause.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CallCancelled();
            }
        }

        @Override
        public CompletableFuture<Void> sleepAsync(Duration duration) {
            // only the SDK's async client uses this; this class uses the blocking one
            return CompletableFuture.runAsync(() -> { },
                    CompletableFuture.delayedExecutor(duration.toNanos(), TimeUnit.NANOSECONDS));
        }

        @Override
        public void close() {
            // nothing held
        }
    }

    /** Thrown through the SDK's retry loop when the call was cancelled while waiting. */
    private static final class CallCancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CallCancelled() {
            super("model call cancelled", null, false, false);
        }
    }

    /** Thrown through the SDK's retry loop when a wait before a retry would end after the run's wall-time limit. */
    private static final class WaitPastWallTime extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final transient Duration wait;
        private final boolean serverAsked;
        private final transient Duration left;

        WaitPastWallTime(int status, Duration wait, boolean serverAsked, Duration left) {
            super("a wait of " + wait + " would pass the wall-time limit", null, false, false);
            this.status = status;
            this.wait = wait;
            this.serverAsked = serverAsked;
            this.left = left;
        }

        String describe() {
            String failed = status > 0 ? "HTTP " + status : "a timeout or connection error";
            if (left.isNegative() || left.isZero()) {
                return failed + " and the run's wall-time limit was reached; no time left for a retry; giving up";
            }
            return failed + (serverAsked ? " and the server asked to retry after " + RetryAfter.seconds(wait)
                    + " (Retry-After)" : "") + ", but the run's wall-time limit would be exceeded by waiting "
                    + RetryAfter.seconds(wait) + " (" + RetryAfter.seconds(left) + " left); giving up";
        }
    }

    /**
     * Thrown through the SDK's retry loop, which retries I/O errors only, when an answer body exceeds
     * {@link #MAX_ANSWER_BYTES}: a server that floods would flood again.
     */
    private static final class AnswerTooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        AnswerTooLarge(int status) {
            super("the answer exceeds " + MAX_ANSWER_BYTES + " bytes", null, false, false);
            this.status = status;
        }
    }

    /** Thrown through the SDK's retry loop when the server asks for a longer wait than allowed. */
    private static final class RetryAfterTooLong extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final transient Duration wait;

        RetryAfterTooLong(int status, Duration wait) {
            super("Retry-After " + wait + " exceeds maxRetryAfter", null, false, false);
            this.status = status;
            this.wait = wait;
        }
    }
}
