package io.jenkins.plugins.aiworkflow.bench.agent;

import io.jenkins.plugins.aiworkflow.bench.context.ContextAssemblyBench;
import io.jenkins.plugins.aiworkflow.engine.agent.Agent;
import io.jenkins.plugins.aiworkflow.engine.agent.AgentRequest;
import io.jenkins.plugins.aiworkflow.engine.agent.AgentResult;
import io.jenkins.plugins.aiworkflow.engine.agent.AgentTools;
import io.jenkins.plugins.aiworkflow.engine.agent.ToolOutcome;
import io.jenkins.plugins.aiworkflow.engine.agent.Transcript;
import io.jenkins.plugins.aiworkflow.engine.context.ContextRequest;
import io.jenkins.plugins.aiworkflow.engine.ledger.Ledger;
import io.jenkins.plugins.aiworkflow.engine.llm.OpenAiModel;
import io.jenkins.plugins.aiworkflow.engine.llm.OpenAiModelConfig;
import io.jenkins.plugins.aiworkflow.engine.llm.PriceTable;
import io.jenkins.plugins.aiworkflow.engine.llm.ToolCall;
import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer.Reply;
import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer.ToolCallReply;
import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer;
import io.jenkins.plugins.aiworkflow.engine.log.EngineLog;
import io.jenkins.plugins.aiworkflow.engine.sandbox.Sandbox;
import io.jenkins.plugins.aiworkflow.engine.sandbox.WorkspacePolicy;
import io.jenkins.plugins.aiworkflow.engine.workspace.LocalWorkspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The agent's own overhead, without any model latency:
 * <ul>
 *   <li>tool-call cost through {@link AgentTools} (JSON arguments, policy checks, workspace I/O):
 *       read_file of a 10 KB file, edit_file (an atomic rewrite), list_files over a 20,000-file tree;</li>
 *   <li>prefix stability: over a scripted 10-turn session through the real openai-java client,
 *       the share of each request body's bytes that repeats the previous request's body from its
 *       first byte on (what providers' prompt caches reuse); target at least 95%.</li>
 * </ul>
 * Usage: {@code AgentBench [files] [warmup] [iterations]} (defaults 20000 20 200).
 */
public final class AgentBench {
    public static void main(String[] args) throws Exception {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        Path root = Files.createTempDirectory("aiwf-agent-bench");
        try {
            long bytes = ContextAssemblyBench.generate(root, files);
            Files.writeString(root.resolve("Big.java"), tenKilobytes());
            System.out.printf(Locale.ROOT, "tree: %d files, %.1f MB%n", files + 1, bytes / 1e6);
            toolOverhead(root, warmup, iterations);
            prefixStability(root);
        } finally {
            delete(root);
        }
    }

    private static String tenKilobytes() {
        StringBuilder text = new StringBuilder("class Big {\n");
        for (int i = 0; text.length() < 10_240 - 40; i++) {
            text.append("    int field").append(i).append(" = ").append(i).append(";\n");
        }
        return text.append("    int marker = 0;\n}\n").toString();
    }

    private static void toolOverhead(Path root, int warmup, int iterations) {
        Sandbox sandbox = new Sandbox(new LocalWorkspace(root), WorkspacePolicy.defaults());
        AgentTools tools = new AgentTools(sandbox, AgentRequest.DEFAULT_MAX_LISTED_FILES,
                AgentRequest.DEFAULT_MAX_SEARCH_RESULTS, line -> { });
        measure("read_file 10 KB", warmup, iterations, () -> tools.call(
                new ToolCall("c", AgentTools.READ_FILE, "{\"path\":\"Big.java\"}")));
        int[] flip = {0};
        measure("edit_file (atomic write of 10 KB)", warmup, iterations, () -> {
            String from = flip[0] % 2 == 0 ? "int marker = 0;" : "int marker = 1;";
            String to = flip[0]++ % 2 == 0 ? "int marker = 1;" : "int marker = 0;";
            return tools.call(new ToolCall("c", AgentTools.EDIT_FILE,
                    "{\"path\":\"Big.java\",\"search\":\"" + from + "\",\"replace\":\"" + to + "\"}"));
        });
        measure("list_files ** over the tree", Math.max(2, warmup / 10), Math.max(5, iterations / 20),
                () -> tools.call(new ToolCall("c", AgentTools.LIST_FILES, "{\"glob\":\"**\"}")));
        // run_command compares the workspace before and after (WorkspaceSnapshot): the first call reads and
        // hashes every file, later ones only what changed since; `true` itself costs a process start.
        AgentTools withCommands = new AgentTools(new Sandbox(new LocalWorkspace(root),
                WorkspacePolicy.builder().allowedCommands(List.of("true")).build()),
                AgentRequest.DEFAULT_MAX_LISTED_FILES, AgentRequest.DEFAULT_MAX_SEARCH_RESULTS, line -> { });
        ToolCall runTrue = new ToolCall("c", AgentTools.RUN_COMMAND, "{\"command\":\"true\"}");
        long start = System.nanoTime();
        check(withCommands.call(runTrue));
        System.out.printf(Locale.ROOT, "%-36s %9.1f µs (1 call)%n", "run_command true, first (full read)",
                (System.nanoTime() - start) / 1_000.0);
        measure("run_command true, later calls", Math.max(2, warmup / 10), Math.max(5, iterations / 20),
                () -> withCommands.call(runTrue));
    }

    private static void measure(String name, int warmup, int iterations, Supplier<ToolOutcome> action) {
        for (int i = 0; i < warmup; i++) {
            check(action.get());
        }
        double[] micros = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            check(action.get());
            micros[i] = (System.nanoTime() - start) / 1_000.0;
        }
        double mean = java.util.Arrays.stream(micros).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(micros).map(m -> (m - mean) * (m - mean)).sum()
                / Math.max(1, iterations - 1));
        java.util.Arrays.sort(micros);
        System.out.printf(Locale.ROOT, "%-36s mean %9.1f µs ± %8.1f, median %9.1f µs (%d calls)%n", name, mean, sd,
                micros[iterations / 2], iterations);
    }

    private static void check(ToolOutcome outcome) {
        if (outcome.error()) {
            throw new IllegalStateException("tool call failed: " + outcome.content());
        }
    }

    private static void prefixStability(Path root) throws IOException {
        try (ScriptedModelServer server = ScriptedModelServer.start()) {
            List<Reply> replies = new ArrayList<>();
            String[][] calls = {
                {AgentTools.LIST_FILES, "{\"glob\":\"module00/src/main/java/com/example/m00/pkg1/*.java\"}"},
                {AgentTools.READ_FILE, "{\"path\":\"module00/pom.xml\"}"},
                {AgentTools.SEARCH, "{\"pattern\":\"class Type00\",\"glob\":\"module00/**\"}"},
                {AgentTools.READ_FILE, "{\"path\":\"Big.java\",\"from_line\":1,\"to_line\":12}"},
                {AgentTools.EDIT_FILE, "{\"path\":\"Big.java\",\"search\":\"int field1 = 1;\",\"replace\":\"int field1 = 2;\"}"},
                {AgentTools.READ_FILE, "{\"path\":\"AGENTS.md\"}"},
                {AgentTools.WRITE_FILE, "{\"path\":\"NOTES.md\",\"content\":\"benchmark notes\\n\"}"},
                {AgentTools.LIST_FILES, "{\"glob\":\"*.md\"}"},
                {AgentTools.READ_FILE, "{\"path\":\"NOTES.md\"}"},
                {AgentTools.FINISH, "{\"summary\":\"done\"}"}};
            for (int i = 0; i < calls.length; i++) {
                replies.add(Reply.toolCalls(new ToolCallReply("call_" + i, calls[i][0], calls[i][1]))
                        .withUsage(5_000 + 400L * i, 50, 4_000 + 400L * i, 0));
            }
            server.enqueue(replies.toArray(new Reply[0]));
            try (OpenAiModel model = new OpenAiModel(OpenAiModelConfig.builder().model("gpt-4.1-mini")
                    .provider(OpenAiModelConfig.Provider.COMPATIBLE).baseUrl(server.baseUrl()).build(), new EngineLog())) {
                AgentResult result = new Agent(model, new Ledger(PriceTable.defaults()), new EngineLog(),
                        Transcript.none()).run(AgentRequest.builder().context(ContextRequest.builder()
                        .intent("Change field1 to 2 and write notes").modelName("gpt-4.1-mini").build()).build(),
                        new LocalWorkspace(root));
                List<ScriptedModelServer.RecordedRequest> requests = server.requests();
                // Providers cache the prompt as they render it: tools, then the messages in order. The
                // JSON body puts "tools" after "messages", so the raw body bytes are measured too.
                double worstPrompt = 1;
                double sumPrompt = 0;
                double sumBody = 0;
                double worstRetained = 1;
                for (int i = 1; i < requests.size(); i++) {
                    String before = prompt(requests.get(i - 1));
                    double prompt = repeatedShare(before, prompt(requests.get(i)));
                    // how much of the previous prompt reappears unchanged: 100% when history is append-only
                    worstRetained = Math.min(worstRetained,
                            prompt * prompt(requests.get(i)).getBytes(StandardCharsets.UTF_8).length
                                    / before.getBytes(StandardCharsets.UTF_8).length);
                    double body = repeatedShare(requests.get(i - 1).body(), requests.get(i).body());
                    worstPrompt = Math.min(worstPrompt, prompt);
                    sumPrompt += prompt;
                    sumBody += body;
                    System.out.printf(Locale.ROOT, "  request %2d: %6d body bytes; repeats the previous request's "
                            + "prompt for %5.1f%% of its prompt, body for %5.1f%% of its body%n", i + 1,
                            requests.get(i).body().length(), 100 * prompt, 100 * body);
                }
                int compared = requests.size() - 1;
                System.out.printf(Locale.ROOT, "prefix stability over a %d-turn session (%s): prompt (tools + "
                        + "messages) mean %.1f%%, worst %.1f%%; raw request body mean %.1f%%; every previous prompt "
                        + "reappears unchanged for at least %.1f%% of its bytes%n", result.turns(), result.status(),
                        100 * sumPrompt / compared, 100 * worstPrompt, 100 * sumBody / compared, 100 * worstRetained);
            }
        }
    }

    /** Tools then messages, each as sent: the order in which providers render (and cache) a prompt. */
    private static String prompt(ScriptedModelServer.RecordedRequest request) {
        StringBuilder prompt = new StringBuilder(request.json().path("tools").toString());
        request.json().path("messages").forEach(message -> prompt.append(message));
        return prompt.toString();
    }

    /** The share of {@code after}'s bytes that equal {@code before}'s from the first byte on. */
    private static double repeatedShare(String before, String after) {
        byte[] a = before.getBytes(StandardCharsets.UTF_8);
        byte[] b = after.getBytes(StandardCharsets.UTF_8);
        int common = 0;
        while (common < a.length && common < b.length && a[common] == b[common]) {
            common++;
        }
        return (double) common / b.length;
    }

    private static void delete(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
