package io.jenkins.plugins.aiworkflow.bench.context;

import io.jenkins.plugins.aiworkflow.engine.context.AssembledContext;
import io.jenkins.plugins.aiworkflow.engine.context.ContextBuilder;
import io.jenkins.plugins.aiworkflow.engine.context.ContextRequest;
import io.jenkins.plugins.aiworkflow.engine.context.ContextSection;
import io.jenkins.plugins.aiworkflow.engine.workspace.LocalWorkspace;
import io.jenkins.plugins.aiworkflow.engine.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Context assembly on a generated 20,000-file tree (issue 3, item 9): the time of
 * {@link ContextBuilder#build} with the default budget (32,000 tokens, o200k_base) and two
 * instruction files, in three cases: A, instructions and the repository map over all files;
 * B, A plus a glob matching 100 context files, more than the budget holds; C, B plus 40 KB of
 * feedback. The tree is generated deterministically (fixed seed) in a temporary directory and
 * deleted afterwards.
 *
 * <p>Arguments (all optional): {@code files} (20000), {@code warmup} (5), {@code iterations}
 * (20). Run it as shown in docs/performance.md.
 */
public final class ContextAssemblyBench {
    private static final int MODULES = 20;
    private static final int PACKAGES = 10;

    private ContextAssemblyBench() {
    }

    public static void main(String[] args) throws IOException {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Path root = Files.createTempDirectory("aiwf-context-bench");
        try {
            long bytes = generate(root, files);
            Workspace workspace = new LocalWorkspace(root);
            System.out.printf(Locale.ROOT, "tree: %,d files, %,d bytes in %s%n", files, bytes, root);
            System.out.printf(Locale.ROOT, "java %s, %d CPUs%n", System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors());
            ContextRequest mapOnly = ContextRequest.builder()
                    .intent("Add input validation to every public method of the services in module00")
                    .modelName("gpt-4o").build();
            ContextRequest withContext = mapOnly.toBuilder()
                    .contextGlobs("module00/src/main/java/**/pkg1/*.java").build();
            ContextRequest withFeedback = withContext.withFeedback(feedback());

            long start = System.nanoTime();
            ContextBuilder.build(mapOnly, workspace);
            System.out.printf(Locale.ROOT, "first build (includes loading the o200k_base tables): %.1f ms%n",
                    (System.nanoTime() - start) / 1e6);
            describe("A: instructions + repository map", ContextBuilder.build(mapOnly, workspace));
            describe("B: A + 100 context files (more than the budget holds)",
                    ContextBuilder.build(withContext, workspace));
            describe("C: B + 40 KB feedback", ContextBuilder.build(withFeedback, workspace));

            measure("find(**) alone (the port's full walk)", warmup, iterations,
                    () -> workspace.find(List.of("**")).size());
            measure("A: build, map only", warmup, iterations, () -> ContextBuilder.build(mapOnly, workspace));
            measure("B: build, 100 context files", warmup, iterations,
                    () -> ContextBuilder.build(withContext, workspace));
            measure("C: build, 100 context files + feedback", warmup, iterations,
                    () -> ContextBuilder.build(withFeedback, workspace));
            boolean stable = ContextBuilder.build(withFeedback, workspace).systemPrompt()
                    .equals(ContextBuilder.build(withContext, workspace).systemPrompt());
            System.out.println("B and C have byte-identical system prompts: " + stable);
        } finally {
            delete(root);
        }
    }

    private static void describe(String name, AssembledContext context) {
        System.out.println(name + "\n  " + context.summary());
        System.out.printf(Locale.ROOT, "  repository map %,d tokens; system prompt %,d chars, sha256 %s%n",
                context.tokens(ContextSection.Kind.REPOSITORY_MAP), context.systemPrompt().length(),
                context.systemPromptSha256().substring(0, 16));
    }

    private static void measure(String name, int warmup, int iterations, Supplier<Object> action) {
        for (int i = 0; i < warmup; i++) {
            action.get();
        }
        double[] millis = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            action.get();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        double mean = 0;
        double min = Double.MAX_VALUE;
        double max = 0;
        for (double value : millis) {
            mean += value / iterations;
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        double variance = 0;
        for (double value : millis) {
            variance += (value - mean) * (value - mean) / Math.max(1, iterations - 1);
        }
        System.out.printf(Locale.ROOT, "%-44s %7.1f ms ± %6.1f (min %.1f, max %.1f; %d warm-up, %d measured)%n",
                name, mean, Math.sqrt(variance), min, max, warmup, iterations);
    }

    /**
     * 20 modules of main and test sources plus README, AGENTS.md, CONTRIBUTING.md, a pom per
     * module; file sizes and texts come from a fixed seed.
     */
    public static long generate(Path root, int files) throws IOException {
        Random random = new Random(20_000);
        long bytes = 0;
        bytes += write(root.resolve("README.md"), "# Generated project\n\nFor the context benchmark.\n");
        bytes += write(root.resolve("AGENTS.md"), "# Agent instructions\n\nBuild with `./mvnw -B verify`. "
                + "Keep methods short. Every public method validates its arguments.\n".repeat(20));
        bytes += write(root.resolve("CONTRIBUTING.md"), "# Contributing\n\nOpen a pull request.\n".repeat(10));
        int written = 3;
        for (int i = 0; written < files; i++, written++) {
            int module = i % MODULES;
            int slot = i / MODULES;
            String base = String.format(Locale.ROOT, "module%02d", module);
            Path file;
            if (slot == 0) {
                file = root.resolve(base + "/pom.xml");
            } else if (slot % 5 == 0) {
                file = root.resolve(String.format(Locale.ROOT, "%s/src/test/java/com/example/m%02d/pkg%d/Type%04dTest.java",
                        base, module, slot % PACKAGES, slot));
            } else {
                file = root.resolve(String.format(Locale.ROOT, "%s/src/main/java/com/example/m%02d/pkg%d/Type%04d.java",
                        base, module, slot % PACKAGES, slot));
            }
            bytes += write(file, source(random, file.getFileName().toString(), 300 + random.nextInt(4_000)));
        }
        return bytes;
    }

    private static String source(Random random, String name, int chars) {
        StringBuilder out = new StringBuilder(chars + 100).append("// ").append(name).append('\n')
                .append("public class Generated {\n");
        while (out.length() < chars) {
            out.append("    public int method").append(random.nextInt(1_000)).append("(int value) {\n")
                    .append("        return value * ").append(random.nextInt(97)).append(" + ")
                    .append(random.nextInt(1_000_000)).append(";\n    }\n");
        }
        return out.append("}\n").toString();
    }

    private static String feedback() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; out.length() < 40_000; i++) {
            out.append("[ERROR] Type").append(i).append("Test.shouldValidate:").append(i % 90 + 10)
                    .append(" expected IllegalArgumentException but nothing was thrown\n");
        }
        return out.toString();
    }

    private static long write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return Files.size(file);
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
