package io.jenkins.plugins.aiworkflow.engine.llm.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 (random port) that speaks the OpenAI wire format, driven by a
 * script, so that tests exercise the real openai-java client. It answers
 * {@code POST .../chat/completions} and {@code POST .../responses} (plain JSON or server-sent
 * events when the request says {@code "stream": true}) on any path prefix, so {@code /v1/...}
 * and Azure's {@code /openai/deployments/{name}/...?api-version=...} both work.
 *
 * <p>Each request takes the next {@link Step} of the script: a {@link Reply} (text, tool calls,
 * refusal, finish reason, usage, optional delay) rendered for whichever API and mode was called,
 * or a {@link Fault} (an HTTP error with headers such as Retry-After, a malformed body, an error
 * event or a cut-off stream). Every request is recorded (method, path, query, headers, JSON body).
 * A request with no step left gets HTTP 400 naming it.
 */
public final class ScriptedModelServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PIECE_CHARS = 4;
    /** The longest a {@link Fault#stallAfterHeaders()} holds its connection, should the client never give up. */
    static final Duration STALL_LIMIT = Duration.ofMinutes(5);
    private static final int FLOOD_PIECE_BYTES = 64 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Deque<Step> script = new ArrayDeque<>();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    private ScriptedModelServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "scripted-model-server");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static ScriptedModelServer start() {
        try {
            return new ScriptedModelServer();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the scripted model server", e);
        }
    }

    /** {@code http://127.0.0.1:PORT/v1}: the base URL for OpenAI and compatible clients. */
    public String baseUrl() {
        return rootUrl() + "/v1";
    }

    /** {@code http://127.0.0.1:PORT}: the base URL for Azure clients (they add {@code /openai/...}). */
    public String rootUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Appends steps to the script. */
    public synchronized ScriptedModelServer enqueue(Step... steps) {
        script.addAll(List.of(steps));
        return this;
    }

    /** Steps not used yet. */
    public synchronized int remainingSteps() {
        return script.size();
    }

    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public synchronized RecordedRequest lastRequest() {
        if (requests.isEmpty()) {
            throw new IllegalStateException("the scripted model server has received no request");
        }
        return requests.get(requests.size() - 1);
    }

    /** Blocks until {@code count} requests have arrived (or 30 s have passed); returns whether they did. */
    public boolean awaitRequests(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        synchronized (this) {
            while (requests.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            RecordedRequest request = record(exchange, body);
            Step step;
            synchronized (this) {
                step = script.pollFirst();
            }
            String path = exchange.getRequestURI().getPath();
            Api api = path.endsWith("/chat/completions") ? Api.CHAT : path.endsWith("/responses") ? Api.RESPONSES : null;
            if (api == null || !"POST".equals(exchange.getRequestMethod())) {
                sendError(exchange, 404, "ScriptedModelServer: no such endpoint " + exchange.getRequestMethod() + " "
                        + path, Map.of());
                return;
            }
            if (step == null) {
                sendError(exchange, 400, "ScriptedModelServer: no scripted step left for request #"
                        + request.number() + " to " + path, Map.of());
                return;
            }
            boolean stream = request.json().path("stream").asBoolean(false);
            if (step instanceof Fault fault) {
                fault(exchange, fault, stream);
            } else {
                Reply reply = (Reply) step;
                if (!reply.delay.isZero() && closing.await(reply.delay.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
                String model = reply.model != null ? reply.model : request.json().path("model").asText("unknown");
                boolean includeUsage = request.json().path("stream_options").path("include_usage").asBoolean(false);
                if (api == Api.CHAT && !stream) {
                    sendJson(exchange, 200, chatCompletion(reply, model), Map.of());
                } else if (api == Api.CHAT) {
                    sendEvents(exchange, chatChunks(reply, model, includeUsage), !reply.cutStream, reply.cutStream);
                } else if (!stream) {
                    sendJson(exchange, 200, response(reply, model, reply.cutStream ? "in_progress" : null), Map.of());
                } else {
                    sendEvents(exchange, responseEvents(reply, model), false, reply.cutStream);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away (timeout, cancel): nothing to answer
        }
    }

    private synchronized RecordedRequest record(HttpExchange exchange, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                values.isEmpty() ? "" : values.get(0)));
        String text = new String(body, StandardCharsets.UTF_8);
        JsonNode json;
        try {
            json = text.isEmpty() ? NullNode.getInstance() : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            json = NullNode.getInstance();
        }
        RecordedRequest request = new RecordedRequest(requests.size() + 1, exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(), Map.copyOf(headers), text,
                json);
        requests.add(request);
        notifyAll();
        return request;
    }

    private void fault(HttpExchange exchange, Fault fault, boolean stream) throws IOException {
        switch (fault.kind) {
            case STATUS -> sendError(exchange, fault.status, fault.message, fault.headers);
            case MALFORMED_JSON -> {
                if (stream) {
                    sendEvents(exchange, List.of(new Event(null, "{\"id\": \"chatcmpl-x\", \"choices\": [")), true,
                            false);
                } else {
                    send(exchange, 200, "application/json", "{\"id\": \"chatcmpl-x\", \"choices\": [",
                            fault.headers);
                }
            }
            case STREAM_ERROR -> {
                ObjectNode error = JSON.createObjectNode();
                error.putObject("error").put("message", fault.message).put("type", "server_error")
                        .put("code", "server_error");
                sendEvents(exchange, List.of(new Event(null, error.toString())), false, false);
            }
            case FLOOD -> {
                // a chat completion (a stream of chunks) whose text goes on for fault.bytes bytes
                exchange.getResponseHeaders().set("Content-Type", stream ? "text/event-stream" : "application/json");
                exchange.sendResponseHeaders(200, 0);
                byte[] piece = "a".repeat(FLOOD_PIECE_BYTES).getBytes(StandardCharsets.UTF_8);
                try (OutputStream out = exchange.getResponseBody()) {
                    if (!stream) {
                        out.write(("{\"id\": \"chatcmpl-x\", \"object\": \"chat.completion\", \"choices\": "
                                + "[{\"index\": 0, \"message\": {\"role\": \"assistant\", \"content\": \"")
                                .getBytes(StandardCharsets.UTF_8));
                    }
                    for (long sent = 0; sent < fault.bytes; sent += piece.length) {
                        if (stream) {
                            out.write(("data: {\"id\": \"chatcmpl-x\", \"object\": \"chat.completion.chunk\", "
                                    + "\"choices\": [{\"index\": 0, \"delta\": {\"content\": \"")
                                    .getBytes(StandardCharsets.UTF_8));
                            out.write(piece);
                            out.write("\"}, \"finish_reason\": null}]}\n\n".getBytes(StandardCharsets.UTF_8));
                        } else {
                            out.write(piece);
                        }
                    }
                    out.write((stream ? "data: [DONE]\n\n" : "\"}, \"finish_reason\": \"stop\"}]}")
                            .getBytes(StandardCharsets.UTF_8));
                }
            }
            case STALL_AFTER_HEADERS -> {
                // status, headers and a first piece of the body, then silence: a server stuck mid-answer
                exchange.getResponseHeaders().set("Content-Type", stream ? "text/event-stream" : "application/json");
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                out.write((stream ? "data: {\"id\": \"chatcmpl-x\", \"object\": \"chat.completion.chunk\", "
                        + "\"choices\": []}\n\n" : "{\"id\": \"chatcmpl-x\", ").getBytes(StandardCharsets.UTF_8));
                out.flush();
                try {
                    closing.await(STALL_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private ObjectNode chatCompletion(Reply reply, String model) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-" + ids.incrementAndGet()).put("object", "chat.completion")
                .put("created", 1_700_000_000L).put("model", model);
        ArrayNode choices = root.putArray("choices");
        if (!reply.emptyChoices) {
            ObjectNode choice = choices.addObject().put("index", 0);
            ObjectNode message = choice.putObject("message").put("role", "assistant");
            if (reply.text == null) {
                message.putNull("content");
            } else {
                message.put("content", reply.text);
            }
            if (reply.refusal == null) {
                message.putNull("refusal");
            } else {
                message.put("refusal", reply.refusal);
            }
            if (!reply.toolCalls.isEmpty()) {
                ArrayNode calls = message.putArray("tool_calls");
                for (ToolCallReply call : reply.toolCalls) {
                    ObjectNode node = calls.addObject().put("id", call.id()).put("type", "function");
                    node.putObject("function").put("name", call.name()).put("arguments", call.arguments());
                }
            }
            choice.put("finish_reason", reply.chatFinishReason());
            choice.putNull("logprobs");
        }
        if (reply.usage != null) {
            root.set("usage", chatUsage(reply.usage));
        }
        return root;
    }

    private static ObjectNode chatUsage(long[] usage) {
        ObjectNode node = JSON.createObjectNode();
        node.put("prompt_tokens", usage[0]).put("completion_tokens", usage[1]).put("total_tokens", usage[0] + usage[1]);
        node.putObject("prompt_tokens_details").put("cached_tokens", usage[2]).put("audio_tokens", 0);
        node.putObject("completion_tokens_details").put("reasoning_tokens", usage[3]).put("audio_tokens", 0);
        return node;
    }

    private List<Event> chatChunks(Reply reply, String model, boolean includeUsage) {
        String id = "chatcmpl-" + ids.incrementAndGet();
        List<Event> events = new ArrayList<>();
        if (!reply.emptyChoices) {
            ObjectNode first = JSON.createObjectNode().put("role", "assistant").put("content", "");
            events.add(chunk(id, model, first, null));
            for (String piece : pieces(reply.text)) {
                events.add(chunk(id, model, JSON.createObjectNode().put("content", piece), null));
            }
            for (String piece : pieces(reply.refusal)) {
                events.add(chunk(id, model, JSON.createObjectNode().put("refusal", piece), null));
            }
            for (int i = 0; i < reply.toolCalls.size(); i++) {
                ToolCallReply call = reply.toolCalls.get(i);
                ObjectNode start = JSON.createObjectNode();
                ObjectNode startCall = start.putArray("tool_calls").addObject().put("index", i).put("id", call.id())
                        .put("type", "function");
                startCall.putObject("function").put("name", call.name()).put("arguments", "");
                events.add(chunk(id, model, start, null));
                for (String piece : pieces(call.arguments())) {
                    ObjectNode delta = JSON.createObjectNode();
                    delta.putArray("tool_calls").addObject().put("index", i).putObject("function")
                            .put("arguments", piece);
                    events.add(chunk(id, model, delta, null));
                }
            }
            if (!reply.cutStream) {
                events.add(chunk(id, model, JSON.createObjectNode(), reply.chatFinishReason()));
            }
        }
        if (includeUsage && reply.usage != null && !reply.cutStream) {
            ObjectNode last = JSON.createObjectNode().put("id", id).put("object", "chat.completion.chunk")
                    .put("created", 1_700_000_000L).put("model", model);
            last.putArray("choices");
            last.set("usage", chatUsage(reply.usage));
            events.add(new Event(null, last.toString()));
        }
        return events;
    }

    private static Event chunk(String id, String model, ObjectNode delta, String finishReason) {
        ObjectNode chunk = JSON.createObjectNode().put("id", id).put("object", "chat.completion.chunk")
                .put("created", 1_700_000_000L).put("model", model);
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return new Event(null, chunk.toString());
    }

    private ObjectNode response(Reply reply, String model, String statusOverride) {
        ObjectNode root = JSON.createObjectNode();
        String finish = reply.chatFinishReason();
        String status = statusOverride != null ? statusOverride
                : "length".equals(finish) || "content_filter".equals(finish) ? "incomplete" : "completed";
        root.put("id", "resp_" + ids.incrementAndGet()).put("object", "response").put("created_at", 1_700_000_000L)
                .put("status", status).put("model", model).putNull("error");
        if ("incomplete".equals(status)) {
            root.putObject("incomplete_details").put("reason",
                    "length".equals(finish) ? "max_output_tokens" : "content_filter");
        } else {
            root.putNull("incomplete_details");
        }
        root.putNull("instructions");
        root.putObject("metadata");
        root.put("parallel_tool_calls", true).put("temperature", 1.0).put("tool_choice", "auto").put("top_p", 1.0);
        root.putArray("tools");
        ArrayNode output = root.putArray("output");
        if (!reply.emptyChoices) {
            if (reply.text != null || reply.refusal != null) {
                ObjectNode message = output.addObject().put("type", "message").put("id", "msg_" + ids.incrementAndGet())
                        .put("status", "completed").put("role", "assistant");
                ArrayNode content = message.putArray("content");
                if (reply.text != null) {
                    content.addObject().put("type", "output_text").put("text", reply.text).putArray("annotations");
                }
                if (reply.refusal != null) {
                    content.addObject().put("type", "refusal").put("refusal", reply.refusal);
                }
            }
            for (ToolCallReply call : reply.toolCalls) {
                output.addObject().put("type", "function_call").put("id", "fc_" + ids.incrementAndGet())
                        .put("call_id", call.id()).put("name", call.name()).put("arguments", call.arguments())
                        .put("status", "completed");
            }
        }
        if (reply.usage != null) {
            ObjectNode usage = root.putObject("usage");
            usage.put("input_tokens", reply.usage[0]);
            usage.putObject("input_tokens_details").put("cached_tokens", reply.usage[2]);
            usage.put("output_tokens", reply.usage[1]);
            usage.putObject("output_tokens_details").put("reasoning_tokens", reply.usage[3]);
            usage.put("total_tokens", reply.usage[0] + reply.usage[1]);
        }
        return root;
    }

    private List<Event> responseEvents(Reply reply, String model) {
        List<Event> events = new ArrayList<>();
        ObjectNode full = response(reply, model, null);
        ObjectNode created = full.deepCopy().put("status", "in_progress");
        created.putArray("output");
        created.remove("usage");
        int sequence = 0;
        events.add(event("response.created", sequence++, node -> node.set("response", created)));
        JsonNode output = full.get("output");
        for (int index = 0; index < output.size(); index++) {
            JsonNode item = output.get(index);
            int outputIndex = index;
            if ("message".equals(item.path("type").asText())) {
                for (String piece : pieces(reply.text)) {
                    events.add(event("response.output_text.delta", sequence++, node -> node
                            .put("item_id", item.path("id").asText()).put("output_index", outputIndex)
                            .put("content_index", 0).put("delta", piece)));
                }
            } else {
                for (String piece : pieces(item.path("arguments").asText())) {
                    events.add(event("response.function_call_arguments.delta", sequence++, node -> node
                            .put("item_id", item.path("id").asText()).put("output_index", outputIndex)
                            .put("delta", piece)));
                }
            }
        }
        if (!reply.cutStream) {
            String type = "completed".equals(full.path("status").asText()) ? "response.completed"
                    : "response.incomplete";
            events.add(event(type, sequence, node -> node.set("response", full)));
        }
        return events;
    }

    private static Event event(String type, int sequence, java.util.function.Consumer<ObjectNode> body) {
        ObjectNode node = JSON.createObjectNode().put("type", type).put("sequence_number", sequence);
        body.accept(node);
        return new Event(type, node.toString());
    }

    private static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        if (text == null) {
            return pieces;
        }
        for (int i = 0; i < text.length(); i += PIECE_CHARS) {
            pieces.add(text.substring(i, Math.min(text.length(), i + PIECE_CHARS)));
        }
        return pieces;
    }

    private static void sendError(HttpExchange exchange, int status, String message, Map<String, String> headers)
            throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error").put("message", message)
                .put("type", status == 429 ? "rate_limit_exceeded" : status >= 500 ? "server_error"
                        : "invalid_request_error");
        error.putNull("param");
        error.put("code", status == 401 ? "invalid_api_key" : status == 429 ? "rate_limit_exceeded" : null);
        sendJson(exchange, status, root, headers);
    }

    private static void sendJson(HttpExchange exchange, int status, JsonNode body, Map<String, String> headers)
            throws IOException {
        send(exchange, status, "application/json", body.toString(), headers);
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body,
                             Map<String, String> headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sendEvents(HttpExchange exchange, List<Event> events, boolean done, boolean cut)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (Event event : events) {
                StringBuilder text = new StringBuilder();
                if (event.type() != null) {
                    text.append("event: ").append(event.type()).append('\n');
                }
                text.append("data: ").append(event.data()).append("\n\n");
                out.write(text.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            if (done && !cut) {
                out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private enum Api { CHAT, RESPONSES }

    private record Event(String type, String data) {
    }

    /** One entry of the script. */
    public sealed interface Step permits Reply, Fault {
    }

    /** A tool call the scripted model makes; {@code arguments} is sent as is (it may be invalid JSON on purpose). */
    public record ToolCallReply(String id, String name, String arguments) {
        public ToolCallReply {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(arguments, "arguments");
        }
    }

    /**
     * A successful answer, rendered for the API and mode of the request. Immutable; the
     * {@code with...} methods return changed copies.
     */
    public static final class Reply implements Step {
        private final String text;
        private final List<ToolCallReply> toolCalls;
        private final String refusal;
        private final String finishReason;
        private final long[] usage;
        private final String model;
        private final Duration delay;
        private final boolean emptyChoices;
        private final boolean cutStream;

        private Reply(String text, List<ToolCallReply> toolCalls, String refusal, String finishReason, long[] usage,
                      String model, Duration delay, boolean emptyChoices, boolean cutStream) {
            this.text = text;
            this.toolCalls = List.copyOf(toolCalls);
            this.refusal = refusal;
            this.finishReason = finishReason;
            this.usage = usage == null ? null : usage.clone();
            this.model = model;
            this.delay = delay;
            this.emptyChoices = emptyChoices;
            this.cutStream = cutStream;
        }

        /** Text only; usage 10 in, 5 out. */
        public static Reply text(String text) {
            return new Reply(text, List.of(), null, null, new long[] {10, 5, 0, 0}, null, Duration.ZERO, false, false);
        }

        /** Tool calls (and no text); usage 10 in, 5 out. */
        public static Reply toolCalls(ToolCallReply... calls) {
            return new Reply(null, List.of(calls), null, null, new long[] {10, 5, 0, 0}, null, Duration.ZERO, false,
                    false);
        }

        /** A refusal: chat's {@code message.refusal}, the Responses API's {@code refusal} content. */
        public static Reply refusal(String refusal) {
            return new Reply(null, List.of(), refusal, null, new long[] {10, 5, 0, 0}, null, Duration.ZERO, false,
                    false);
        }

        /** No choices at all (Chat Completions) or no output items (Responses). */
        public static Reply emptyChoices() {
            return new Reply(null, List.of(), null, null, new long[] {10, 0, 0, 0}, null, Duration.ZERO, true, false);
        }

        public Reply withText(String newText) {
            return new Reply(newText, toolCalls, refusal, finishReason, usage, model, delay, emptyChoices, cutStream);
        }

        /** A finish reason as on the wire: stop, tool_calls, length, content_filter. */
        public Reply withFinishReason(String reason) {
            return new Reply(text, toolCalls, refusal, reason, usage, model, delay, emptyChoices, cutStream);
        }

        public Reply withUsage(long input, long output, long cachedInput, long reasoning) {
            return new Reply(text, toolCalls, refusal, finishReason, new long[] {input, output, cachedInput, reasoning},
                    model, delay, emptyChoices, cutStream);
        }

        public Reply withoutUsage() {
            return new Reply(text, toolCalls, refusal, finishReason, null, model, delay, emptyChoices, cutStream);
        }

        /** The model named in the answer (default: the model of the request). */
        public Reply withModel(String answeringModel) {
            return new Reply(text, toolCalls, refusal, finishReason, usage, answeringModel, delay, emptyChoices,
                    cutStream);
        }

        /** Waits this long before answering (a slow server; cut short when the server closes). */
        public Reply withDelay(Duration wait) {
            return new Reply(text, toolCalls, refusal, finishReason, usage, model, wait, emptyChoices, cutStream);
        }

        /** Streams end before the last chunk (no finish reason, no usage, no [DONE]); non-streaming answers stay in progress. */
        public Reply withCutStream() {
            return new Reply(text, toolCalls, refusal, finishReason, usage, model, delay, emptyChoices, true);
        }

        String chatFinishReason() {
            if (finishReason != null) {
                return finishReason;
            }
            return toolCalls.isEmpty() ? "stop" : "tool_calls";
        }
    }

    /** An answer that is not a normal reply. */
    public static final class Fault implements Step {
        private enum Kind { STATUS, MALFORMED_JSON, STREAM_ERROR, STALL_AFTER_HEADERS, FLOOD }

        private final Kind kind;
        private final int status;
        private final String message;
        private final Map<String, String> headers;
        private final long bytes;

        private Fault(Kind kind, int status, String message, Map<String, String> headers) {
            this(kind, status, message, headers, 0);
        }

        private Fault(Kind kind, int status, String message, Map<String, String> headers, long bytes) {
            this.kind = kind;
            this.status = status;
            this.message = message;
            this.headers = Map.copyOf(headers);
            this.bytes = bytes;
        }

        /** An HTTP error with an OpenAI error body carrying {@code message}. */
        public static Fault status(int status, String message) {
            return new Fault(Kind.STATUS, status, message, Map.of());
        }

        /** HTTP 429 with {@code Retry-After: seconds}. */
        public static Fault rateLimited(String retryAfterSeconds) {
            return status(429, "Rate limit reached for requests").withHeader("Retry-After", retryAfterSeconds);
        }

        /** HTTP 200 whose body is cut-off JSON (a cut-off SSE data line when streaming). */
        public static Fault malformedJson() {
            return new Fault(Kind.MALFORMED_JSON, 200, "", Map.of());
        }

        /**
         * HTTP 200 and its headers, then the first bytes of the body (a first event when streaming) and
         * nothing more until the server closes (at most {@link #STALL_LIMIT}): only the client's timeout
         * ends the attempt.
         */
        public static Fault stallAfterHeaders() {
            return new Fault(Kind.STALL_AFTER_HEADERS, 200, "", Map.of());
        }

        /**
         * HTTP 200 with a chat completion whose text is {@code bytes} bytes long (about that many bytes
         * of text in chunks when streaming), written piece by piece so that the server holds none of it.
         */
        public static Fault flood(long bytes) {
            return new Fault(Kind.FLOOD, 200, "", Map.of(), bytes);
        }

        /** HTTP 200 stream whose first event is an error object. */
        public static Fault streamError(String message) {
            return new Fault(Kind.STREAM_ERROR, 200, message, Map.of());
        }

        public Fault withHeader(String name, String value) {
            Map<String, String> copy = new LinkedHashMap<>(headers);
            copy.put(name, value);
            return new Fault(kind, status, message, copy, bytes);
        }
    }

    /** A request as received. Header names are lower case. */
    public record RecordedRequest(int number, String method, String path, String query, Map<String, String> headers,
                                  String body, JsonNode json) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }
}
