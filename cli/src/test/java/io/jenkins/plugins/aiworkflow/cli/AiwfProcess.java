package io.jenkins.plugins.aiworkflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged {@code aiwf.jar} as a real process ({@code java -jar}, with the JVM running
 * the tests), as a CI job would. The child's environment is this JVM's without any model API key,
 * plus what the test gives, so that a developer's own key never takes part in a test.
 */
final class AiwfProcess {
    /** Variables removed from the child's environment unless a test sets them. */
    private static final List<String> KEY_VARIABLES = List.of("OPENAI_API_KEY", "AZURE_OPENAI_API_KEY");

    private final Path directory;
    private final Path streams;
    private final List<String> jvmOptions;

    /**
     * @param directory the process's working directory
     * @param streams   where stdout and stderr are captured, outside the project
     */
    AiwfProcess(Path directory, Path streams) {
        this(directory, streams, List.of());
    }

    private AiwfProcess(Path directory, Path streams, List<String> jvmOptions) {
        this.directory = directory;
        this.streams = streams;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /** The same, with options for the JVM that runs aiwf, such as {@code -Xmx64m}. */
    AiwfProcess withJvmOptions(String... options) {
        return new AiwfProcess(directory, streams, List.of(options));
    }

    /** Runs aiwf to its end (at most 5 minutes) and returns its exit code and output. */
    Result run(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        Started started = start(environment, args);
        if (!started.process().waitFor(5, TimeUnit.MINUTES)) {
            started.process().descendants().forEach(ProcessHandle::destroyForcibly);
            started.process().destroyForcibly();
            fail("aiwf hung, killed it: " + List.of(args));
        }
        return started.result();
    }

    /** Starts aiwf and returns at once; {@link Started#result()} reads the output once it ended. */
    Started start(Map<String, String> environment, String... args) throws IOException {
        String jar = System.getProperty("aiwf.jar");
        assertThat(jar).as("system property aiwf.jar (set by failsafe to cli/target/aiwf.jar)").isNotBlank();
        assertThat(Path.of(jar)).as("the packaged jar").isRegularFile();
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(streams, "stdout", ".txt");
        Path err = Files.createTempFile(streams, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        KEY_VARIABLES.forEach(builder.environment()::remove);
        builder.environment().putAll(environment);
        return new Started(builder.start(), out, err);
    }

    /**
     * A script for {@code sh spawn.sh SECONDS}: it double-forks a grandchild (its parent, a subshell,
     * exits at once, so it is no descendant of the command any more) that keeps the output pipe open,
     * writes its pid to {@code grandchild.pid} and, unless killed, {@code marker.txt} later; then it
     * says {@code started} and sleeps for the given seconds.
     */
    static void writeSpawnScript(Path directory) throws IOException {
        Files.writeString(directory.resolve("spawn.sh"), """
                ( sh -c 'sleep 30; echo late > marker.txt' & echo $! > grandchild.tmp && mv grandchild.tmp grandchild.pid )
                echo started
                sleep "$1"
                """);
    }

    /** Waits (bounded, a guard against hanging) until the file exists; false if it does not. */
    static boolean awaitFile(Path file, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /**
     * Waits until the process no longer runs; false if it still does after {@code bound}. A zombie
     * does not run: where init does not reap (some containers) it stays one, and the JDK may call it alive.
     */
    static boolean awaitGone(long pid, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (isRunning(pid)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    private static boolean isRunning(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return !Files.isDirectory(Path.of("/proc"));
        }
    }

    /** The java launcher of the JVM running this test. */
    private static String java() {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        Path java = bin.resolve(File.separatorChar == '\\' ? "java.exe" : "java");
        return Files.isExecutable(java) ? java.toString()
                : ProcessHandle.current().info().command().orElse("java");
    }

    /** A running aiwf process and where its output goes. */
    record Started(Process process, Path out, Path err) {
        Result result() throws IOException {
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        }
    }

    /** How a run ended. */
    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit code " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }
}
