package io.jenkins.plugins.aiworkflow.engine.llm;

import static io.jenkins.plugins.aiworkflow.engine.llm.OpenAiModelTest.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer;
import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer.Fault;
import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer.Reply;
import io.jenkins.plugins.aiworkflow.engine.log.EngineLog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every injected fault ends in a successful retry or a {@link ModelException} of the right kind
 * with a clear message; waits are recorded, not slept, except where cancellation is tested.
 */
class OpenAiModelFaultTest {
    private final ScriptedModelServer server = ScriptedModelServer.start();
    private final EngineLog log = new EngineLog();
    private final List<Duration> pauses = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stopServer() {
        server.close();
    }

    private OpenAiModel model(Mode mode, UnaryOperator<OpenAiModelConfig.Builder> settings) {
        return new OpenAiModel(settings.apply(mode.config(server.baseUrl())).build(), log, pauses::add);
    }

    private ModelResponse call(Mode mode, UnaryOperator<OpenAiModelConfig.Builder> settings) {
        try (OpenAiModel model = model(mode, settings)) {
            return model.complete(question());
        }
    }

    private ModelException failure(Mode mode, UnaryOperator<OpenAiModelConfig.Builder> settings) {
        return catchThrowableOfType(ModelException.class, () -> call(mode, settings));
    }

    private static ModelRequest question() {
        return ModelRequest.of(List.of(new UserMessage("Fix the build.")), List.of(OpenAiModelTest.READ_FILE));
    }

    private List<String> logLines() {
        return log.lines().stream().map(EngineLog.Line::toString).toList();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shouldRetryAServerErrorAndSucceed(Mode mode) {
        // given
        server.enqueue(Fault.status(503, "The engine is currently overloaded"), Reply.text("Fixed."));

        // when
        ModelResponse response = call(mode, config -> config.maxRetries(2));

        // then
        assertThat(response.message().text()).isEqualTo("Fixed.");
        assertThat(response.attempts()).isEqualTo(2);
        assertThat(pauses).hasSize(1);
        assertThat(response.waited()).isEqualTo(pauses.get(0));
        assertThat(server.requests()).hasSize(2);
        assertThat(logLines()).singleElement().asString().contains("HTTP 503", "retrying in", "attempt 2 of 3")
                .doesNotContain(KEY);
    }

    @Test
    void shouldFailWithServerErrorWhenRetriesAreExhausted() {
        // given
        server.enqueue(Fault.status(500, "boom 1"), Fault.status(500, "boom 2"), Fault.status(500, "boom 3"));

        // when
        ModelException failure = failure(Mode.CHAT, config -> config.maxRetries(2));

        // then
        assertThat(failure.kind()).isEqualTo(ModelException.Kind.SERVER_ERROR);
        assertThat(failure.statusCode()).hasValue(500);
        assertThat(failure.getMessage()).contains("gpt-4o", server.baseUrl(), "HTTP 500", "after 3 attempts",
                "boom 3");
        assertThat(server.requests()).hasSize(3);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shouldLetTheSdkHonourAShortRetryAfter(Mode mode) {
        // given
        server.enqueue(Fault.rateLimited("2"), Reply.text("Fixed."));

        // when
        ModelResponse response = call(mode, config -> config.maxRetries(1));

        // then
        assertThat(response.message().text()).isEqualTo("Fixed.");
        assertThat(pauses).containsExactly(Duration.ofSeconds(2));
        assertThat(response.waited()).isEqualTo(Duration.ofSeconds(2));
        assertThat(logLines()).singleElement().asString().contains("HTTP 429", "retrying in 2 s");
    }

    @ParameterizedTest
    @CsvSource({
        "CHAT, Retry-After, 9, 9",
        "CHAT_STREAMING, Retry-After, 9, 9",
        "RESPONSES, Retry-After, 30, 30",
        "RESPONSES_STREAMING, Retry-After, 9, 9",
        "CHAT, Retry-After-Ms, 12000, 12",
    })
    void shouldWaitAsLongAsTheServerAsksWhenThatIsLongerThanTheSdkCap(Mode mode, String header, String value,
                                                                      long seconds) {
        // given
        server.enqueue(Fault.status(429, "Rate limit reached for requests").withHeader(header, value),
                Reply.text("Fixed."));

        // when
        ModelResponse response = call(mode, config -> config.maxRetries(1).maxRetryAfter(Duration.ofSeconds(60)));

        // then
        assertThat(response.message().text()).isEqualTo("Fixed.");
        assertThat(pauses).containsExactly(Duration.ofSeconds(seconds));
        assertThat(response.waited()).isEqualTo(Duration.ofSeconds(seconds));
        assertThat(response.attempts()).isEqualTo(2);
        assertThat(log.lines()).singleElement().satisfies(line -> {
            assertThat(line.level()).isEqualTo(EngineLog.Level.WARNING);
            assertThat(line.text()).contains("HTTP 429", "the server asked to retry after " + seconds + " s",
                    "longer than the SDK would wait ("
                            + RetryAfter.seconds(OpenAiModel.SDK_RETRY_AFTER_CAP) + ")", "waiting " + seconds + " s", "maxRetryAfter 60 s");
        });
    }

    @Test
    void shouldFailRateLimitedNamingTheRetryAfterWhenItExceedsMaxRetryAfter() {
        // given
        server.enqueue(Fault.rateLimited("3600"), Reply.text("never sent"));

        // when
        ModelException failure = failure(Mode.CHAT, config -> config.maxRetries(2)
                .maxRetryAfter(Duration.ofSeconds(60)));

        // then
        assertThat(failure.kind()).isEqualTo(ModelException.Kind.RATE_LIMITED);
        assertThat(failure.statusCode()).hasValue(429);
        assertThat(failure.getMessage()).contains("HTTP 429", "retry after 3600 s", "maxRetryAfter (60 s)",
                "after 1 attempt");
        assertThat(pauses).isEmpty();
        assertThat(server.requests()).hasSize(1);
    }

    private ModelException failureWithin(Duration timeLeft, Mode mode,
                                         UnaryOperator<OpenAiModelConfig.Builder> settings) {
        return catchThrowableOfType(ModelException.class, () -> {
            try (OpenAiModel model = model(mode, settings)) {
                model.complete(question().withTimeLeft(timeLeft));
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shouldStopAtOnceWhenARetryAfterWaitWouldEndAfterTheWallTimeLimit(Mode mode) {
        // given: the server asks for 30 s, which maxRetryAfter allows but the run's 10 s left do not
        server.enqueue(Fault.rateLimited("30"), Reply.text("never sent"));

        // when
        ModelException failure = failureWithin(Duration.ofSeconds(10), mode, config -> config.maxRetries(2)
                .maxRetryAfter(Duration.ofSeconds(60)));

        // then
        assertThat(failure.kind()).isEqualTo(ModelException.Kind.WALL_TIME);
        assertThat(failure.statusCode()).hasValue(429);
        assertThat(failure.getMessage()).contains("HTTP 429", "the server asked to retry after 30 s",
                "the run's wall-time limit would be exceeded by waiting 30 s", "after 1 attempt").doesNotContain(KEY);
        assertThat(pauses).isEmpty();
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void shouldStopBeforeAnSdkWaitThatWouldEndAfterTheWallTimeLimit() {
        // given: 5 s is within the SDK's own cap, so this is the SDK's wait, not the engine's longer one
        server.enqueue(Fault.status(503, "overloaded").withHeader("Retry-After", "5"), Reply.text("never sent"));

        // when
        ModelException failure = failureWithin(Duration.ofSeconds(3), Mode.CHAT, config -> config.maxRetries(2));

        // then
        assertThat(failure.kind()).isEqualTo(ModelException.Kind.WALL_TIME);
        assertThat(failure.getMessage()).contains("HTTP 503, but the run's wall-time limit would be exceeded by "
                + "waiting 5 s", "after 1 attempt");
        assertThat(pauses).isEmpty();
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void shouldStillWaitForARetryAfterThatEndsWithinTheTimeLeft() {
        // given
        server.enqueue(Fault.rateLimited("20"), Reply.text("Fixed."));

        // when
        ModelResponse response;
        try (OpenAiModel model = model(Mode.CHAT, config -> config.maxRetries(1))) {
            response = model.complete(question().withTimeLeft(Duration.ofMinutes(5)));
        }

        // then
        assertThat(response.message().text()).isEqualTo("Fixed.");
        assertThat(pauses).containsExactly(Duration.ofSeconds(20));
        assertThat(server.requests()).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shouldGiveTheSdkARequestTimeoutCappedByTheTimeLeft(Mode mode) {
        // given: the SDK announces its request timeout in whole seconds in X-Stainless-Timeout
        server.enqueue(Reply.text("quick"), Reply.text("quick"));

        // when
        try (OpenAiModel model = model(mode, config -> config.requestTimeout(Duration.ofMinutes(10)))) {
            model.complete(question().withTimeLeft(Duration.ofSeconds(42)));
            model.complete(question().withTimeLeft(Duration.ofHours(1)));
        }

        // then
        assertThat(server.requests()).extracting(request -> request.header("X-Stainless-Timeout"))
                .containsExactly("42", "600");
    }

    @Test
    void shouldStopWithTheWallTimeReasonWhenASlowAnswerOutlastsTheTimeLeft() {
        // given: an answer that would take a minute, and a run with a moment left
        server.enqueue(Reply.text("too late").withDelay(Duration.ofMinutes(1)), Reply.text("never sent"));

        // when
        ModelException failure = failureWithin(Duration.ofMillis(300), Mode.CHAT, config -> config.maxRetries(2));

        // then: not TIMEOUT (the configured 10 min were not used up), and no retry. Which of the wall-time
        // messages it is depends on how busy the machine is (the limit may come before the request arrived, or
        // while the SDK waits to retry), so only the limit it names is asserted, never a figure of real time.
        assertThat(failure.kind()).isEqualTo(ModelException.Kind.WALL_TIME);
        assertThat(failure.getMessage()).contains("wall-time limit");
        assertThat(server.requests()).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void shouldSendNothingWhenNoTimeIsLeft() {
        // given
        server.enqueue(Reply.text("never sent"));

        // when
        ModelException failure = failureWithin(Duration.ZERO, Mode.CHAT, config -> config);

        // then
        assertThat(failure.kind()).isEqualTo(ModelException.Kind.WALL_TIME);
        assertThat(failure.getMessage()).contains("no time left", "nothing was sent");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void shouldFailRateLimitedWithTheServersRetryAfterWhenRetriesAreExhausted() {
        // given
        server.enqueue(Fault.rateLimited("5"));

        // when
        ModelException failure = failure(Mode.CHAT, config -> config.maxRetries(0));

        // then
        assertThat(failure.kind()).isEqualTo(ModelException.Kind.RATE_LIMITED);
        assertThat(failure.getMessage()).contains("HTTP 429 after 1 attempt: Rate limit reached for requests",
                "the server asked to retry after 5 s");
    }

    @Test
    void shouldTimeOutOnASlowAnswer() {
        // given
        server.enqueue(Reply.text("too late").withDelay(Duration.ofMinutes(1)));

        // when
        ModelException failure = failure(Mode.CHAT, config -> config.maxRetries(0)
                .requestTimeout(Duration.ofMillis(500)));

        // then
        assertThat(failure.kind()).isEqualTo(ModelException.Kind.TIMEOUT);
        assertThat(failure.getMessage()).contains("timeout of 0.5 s", "after 1 attempt");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shouldRetryAfterASlowAnswerTimedOut(Mode mode) {
        // given
        server.enqueue(Reply.text("too late").withDelay(Duration.ofMinutes(1)), Reply.text("Fixed."));

        // when
        ModelResponse response = call(mode, config -> config.maxRetries(1).requestTimeout(Duration.ofMillis(500)));

        // then
        assertThat(response.message().text()).isEqualTo("Fixed.");
        assertThat(response.attempts()).isEqualTo(2);
        assertThat(logLines()).singleElement().asString().contains("a timeout or connection error", "retrying in");
    }

    /** Short enough to keep the tests quick, long enough for a local answer on a loaded machine. */
    private static final Duration SHORT_REQUEST_TIMEOUT = Duration.ofSeconds(1);

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shouldRetryAnAnswerWhoseBodyStalledAfterTheHeadersLikeATimeout(Mode mode) {
        // given: status and headers arrive, then the body stops coming
        server.enqueue(Fault.stallAfterHeaders(), Reply.text("Fixed."));

        // when
        ModelResponse response = call(mode, config -> config.maxRetries(1).requestTimeout(SHORT_REQUEST_TIMEOUT));

        // then
        assertThat(response.message().text()).isEqualTo("Fixed.");
        assertThat(response.attempts()).isEqualTo(2);
        assertThat(server.requests()).hasSize(2);
        assertThat(logLines()).singleElement().asString().contains("a timeout or connection error", "retrying in",
                "attempt 2 of 2");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shouldFailWithTimeoutWhenTheBodyStallsOnEveryAttempt(Mode mode) {
        // given
        server.enqueue(Fault.stallAfterHeaders(), Fault.stallAfterHeaders(), Reply.text("never sent"));

        // when
        ModelException failure = failure(mode, config -> config.maxRetries(1).requestTimeout(SHORT_REQUEST_TIMEOUT));

        // then
        assertThat(failure.kind()).isEqualTo(ModelException.Kind.TIMEOUT);
        assertThat(failure.getMessage()).contains("no complete answer within the timeout of 1 s", "after 2 attempts")
                .doesNotContain(KEY);
        assertThat(server.requests()).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shouldRetryAStalledBodyWhenTheRequestTimeoutEndsBeforeTheTimeLeft(Mode mode) {
        // given: a run with an hour left, so the attempt's own timeout ended it, not the run's limit
        server.enqueue(Fault.stallAfterHeaders(), Reply.text("Fixed."));

        // when
        ModelResponse response;
        try (OpenAiModel model = model(mode, config -> config.maxRetries(1).requestTimeout(SHORT_REQUEST_TIMEOUT))) {
            response = model.complete(question().withTimeLeft(Duration.ofHours(1)));
        }

        // then
        assertThat(response.message().text()).isEqualTo("Fixed.");
        assertThat(response.attempts()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shouldStopWithTheWallTimeReasonWhenTheBodyStallsPastTheTimeLeft(Mode mode) {
        // given: the configured 10 min per attempt are cut to the run's second left; whichever of the
        // attempt's timeout and the caller's deadline comes first, the run's limit is the reason
        server.enqueue(Fault.stallAfterHeaders(), Reply.text("never sent"));

        // when
        ModelException failure = failureWithin(SHORT_REQUEST_TIMEOUT, mode, config -> config.maxRetries(2));

        // then
        assertThat(failure.kind()).isEqualTo(ModelException.Kind.WALL_TIME);
        assertThat(failure.getMessage()).contains("wall-time limit").doesNotContain(KEY);
        assertThat(server.requests()).hasSizeLessThanOrEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shouldStopReadingAnAnswerLargerThanTheLimitAndNotRetryIt(Mode mode) {
        // given: a server that sends more than the most that is read of one answer
        server.enqueue(Fault.flood(OpenAiModel.MAX_ANSWER_BYTES + 1024 * 1024), Reply.text("never sent"));

        // when
        ModelException failure = failure(mode, config -> config.maxRetries(2));

        // then
        assertThat(failure.kind()).isEqualTo(ModelException.Kind.MALFORMED_RESPONSE);
        assertThat(failure.getMessage()).contains("larger than 32 MiB", "not read further", "after 1 attempt");
        assertThat(server.requests()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shouldFailMalformedOnInvalidJsonWithoutRetrying(Mode mode) {
        // given
        server.enqueue(Fault.malformedJson(), Reply.text("never sent"));

        // when
        ModelException failure = failure(mode, config -> config.maxRetries(2));

        // then
        assertThat(failure.kind()).isEqualTo(ModelException.Kind.MALFORMED_RESPONSE);
        assertThat(failure.getMessage()).contains("the answer could not be read", "after 1 attempt");
        assertThat(server.requests()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"CHAT_STREAMING", "RESPONSES_STREAMING"})
    void shouldFailMalformedWhenTheStreamStopsBeforeItsEnd(Mode mode) {
        // given
        server.enqueue(Reply.text("Half an ans").withCutStream());

        // when
        ModelException failure = failure(mode, config -> config);

        // then
        assertThat(failure.kind()).isEqualTo(ModelException.Kind.MALFORMED_RESPONSE);
        assertThat(failure.getMessage()).contains("stream ended");
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"CHAT_STREAMING", "RESPONSES_STREAMING"})
    void shouldFailWithServerErrorOnAnErrorInsideTheStream(Mode mode) {
        // given
        server.enqueue(Fault.streamError("The server had an error while processing your request"));

        // when
        ModelException failure = failure(mode, config -> config);

        // then
        assertThat(failure.kind()).isEqualTo(ModelException.Kind.SERVER_ERROR);
        assertThat(failure.getMessage()).contains("error inside the answer stream",
                "The server had an error while processing your request");
    }

    @Test
    void shouldFailAuthenticationWithoutShowingTheKeyAnywhere() {
        // given: a server that echoes the key it got, as some do
        server.enqueue(Fault.status(401, "Incorrect API key provided: " + KEY + "."));

        // when
        ModelException failure = failure(Mode.CHAT, config -> config);

        // then
        assertThat(server.lastRequest().header("authorization")).isEqualTo("Bearer " + KEY);
        assertThat(failure.kind()).isEqualTo(ModelException.Kind.AUTHENTICATION);
        assertThat(failure.getMessage()).contains("HTTP 401", "Incorrect API key provided: ****",
                "check the API key (the given API key)").doesNotContain(KEY);
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(KEY);
        assertThat(logLines()).allSatisfy(line -> assertThat(line).doesNotContain(KEY));
    }

    @ParameterizedTest
    @CsvSource({"400, Unrecognized request argument supplied: foo", "404, The model 'gpt-9' does not exist",
        "422, Unprocessable"})
    void shouldFailBadRequestWithoutRetrying(int status, String message) {
        // given
        server.enqueue(Fault.status(status, message));

        // when
        ModelException failure = failure(Mode.CHAT, config -> config.maxRetries(2));

        // then
        assertThat(failure.kind()).isEqualTo(ModelException.Kind.BAD_REQUEST);
        assertThat(failure.getMessage()).contains("HTTP " + status, message);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void shouldFailWithNetworkWhenNothingListens() {
        // given
        ScriptedModelServer gone = ScriptedModelServer.start();
        String url = gone.baseUrl();
        gone.close();

        // when
        ModelException failure = catchThrowableOfType(ModelException.class, () -> {
            try (OpenAiModel model = new OpenAiModel(Mode.CHAT.config(url).maxRetries(0).build(), log, pauses::add)) {
                model.complete(question());
            }
        });

        // then
        assertThat(failure.kind()).isEqualTo(ModelException.Kind.NETWORK);
        assertThat(failure.getMessage()).contains(url, "could not be reached");
    }

    @Test
    void shouldCancelAWaitingCallWhenTheCallerIsInterrupted() throws Exception {
        // given
        server.enqueue(Reply.text("far too late").withDelay(Duration.ofMinutes(5)));
        try (OpenAiModel model = new OpenAiModel(Mode.CHAT.config(server.baseUrl()).build(), log)) {
            CallInThread call = new CallInThread(model);

            // when
            call.start();
            assertThat(server.awaitRequests(1)).isTrue();
            call.interrupt();

            // then
            call.assertCancelled();
        }
    }

    @Test
    void shouldCancelDuringARetryAfterWaitWhenTheCallerIsInterrupted() throws Exception {
        // given
        CountDownLatch waiting = new CountDownLatch(1);
        EngineLog watchedLog = EngineLog.to(line -> {
            if (line.text().contains("waiting 30 s")) {
                waiting.countDown();
            }
        });
        server.enqueue(Fault.rateLimited("30"), Reply.text("never sent"));
        try (OpenAiModel model = new OpenAiModel(Mode.CHAT.config(server.baseUrl()).maxRetries(1).build(),
                watchedLog)) {
            CallInThread call = new CallInThread(model);

            // when
            call.start();
            assertThat(waiting.await(30, TimeUnit.SECONDS)).isTrue();
            call.interrupt();

            // then
            call.assertCancelled();
            assertThat(server.requests()).hasSize(1);
        }
    }

    /** Runs one model call on its own thread, as a Jenkins step execution would. */
    private static final class CallInThread extends Thread {
        private final Model model;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final AtomicBoolean interruptedAfterwards = new AtomicBoolean();

        CallInThread(Model model) {
            super("caller");
            this.model = model;
        }

        @Override
        public void run() {
            try {
                model.complete(question());
            } catch (Throwable t) {
                failure.set(t);
            }
            interruptedAfterwards.set(isInterrupted());
        }

        void assertCancelled() throws InterruptedException {
            join(TimeUnit.SECONDS.toMillis(30));
            assertThat(isAlive()).as("the call ended after the interrupt").isFalse();
            assertThat(failure.get()).isInstanceOfSatisfying(ModelException.class, failure -> {
                assertThat(failure.kind()).isEqualTo(ModelException.Kind.CANCELLED);
                assertThat(failure.getMessage()).contains("cancelled");
            });
            assertThat(interruptedAfterwards).as("the interrupt flag is kept for the caller").isTrue();
        }
    }
}
