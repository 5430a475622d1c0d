package io.jenkins.plugins.aiworkflow.engine.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.aiworkflow.engine.sandbox.Sandbox;
import io.jenkins.plugins.aiworkflow.engine.sandbox.WorkspacePolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command's processes end with it: a grandchild that double-forked away from the command (so it
 * is no longer its descendant) and holds its output pipe is killed when the command exits, times
 * out or is cancelled, and the run returns without waiting for the pipe. Linux, where commands run
 * in a session of their own (docs/security.md says what other systems get). The bounds only guard
 * against hanging; nothing here measures time.
 */
@EnabledOnOs(OS.LINUX)
class CommandProcessesTest {
    /** Long enough for anything that should happen at once, even on a loaded machine. */
    private static final Duration GENEROUS = Duration.ofSeconds(60);

    @TempDir
    Path root;

    /** Taken while they may still run: a handle never kills another process that got the pid later. */
    private final List<ProcessHandle> grandchildren = new ArrayList<>();

    @BeforeEach
    void spawnScript() throws IOException {
        assumeTrue(CommandProcesses.grouping() == CommandProcesses.Grouping.SESSION,
                "commands get a session of their own (setsid in /usr/bin or /bin)");
        // The subshell starts the grandchild and exits at once: the grandchild is re-parented, no
        // descendant of the command any more, and keeps the output pipe open. Unless killed it
        // writes a marker later; the script itself then sleeps for as long as it is told.
        Files.writeString(root.resolve("spawn.sh"), """
                ( sh -c 'sleep 20; echo late > marker.txt' & echo $! > grandchild.tmp && mv grandchild.tmp grandchild.pid )
                echo started
                sleep "$1"
                """);
    }

    @AfterEach
    void killWhatTheTestLeft() {
        grandchildren.forEach(ProcessHandle::destroyForcibly);
    }

    private long grandchild() throws IOException {
        long pid = Long.parseLong(Files.readString(root.resolve("grandchild.pid")).strip());
        ProcessHandle.of(pid).ifPresent(grandchildren::add);
        return pid;
    }

    private static boolean awaitGone(long pid) throws InterruptedException {
        return LiveProcesses.awaitGone(pid, GENEROUS);
    }

    private static CommandRequest request(String command, Duration timeout) {
        return new CommandRequest(command, Map.of(), timeout, 10_000);
    }

    @Test
    void shouldKillWhatACommandLeftRunningWhenItExits() throws Exception {
        // given
        LocalWorkspace workspace = new LocalWorkspace(root);

        // when: the command itself exits at once
        CommandResult result = workspace.run(request("sh spawn.sh 0", GENEROUS), line -> { });

        // then: its grandchild is gone before it could write its marker, and the run did not wait for the pipe
        assertThat(result.exitCode()).isZero();
        assertThat(result.timedOut()).isFalse();
        assertThat(result.output()).isEqualTo("started\n");
        assertThat(awaitGone(grandchild())).as("the double-forked grandchild is gone").isTrue();
        assertThat(root.resolve("marker.txt")).doesNotExist();
    }

    @Test
    void shouldKillADoubleForkedGrandchildAtTheTimeout() throws Exception {
        // given
        LocalWorkspace workspace = new LocalWorkspace(root);

        // when
        CommandResult result = workspace.run(request("sh spawn.sh 600", Duration.ofSeconds(1)), line -> { });

        // then
        assertThat(result.timedOut()).isTrue();
        assertThat(result.output()).startsWith("started\n");
        assertThat(awaitGone(grandchild())).as("the double-forked grandchild is gone").isTrue();
        assertThat(root.resolve("marker.txt")).doesNotExist();
    }

    @Test
    void shouldKillADoubleForkedGrandchildWhenTheRunIsCancelled() throws Exception {
        // given: a command that would run for ten minutes
        LocalWorkspace workspace = new LocalWorkspace(root);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread runner = new Thread(() -> {
            try {
                workspace.run(request("sh spawn.sh 600", Duration.ofMinutes(10)), line -> { });
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        }, "command-runner");
        runner.start();
        long deadline = System.nanoTime() + GENEROUS.toNanos();
        while (!Files.exists(root.resolve("grandchild.pid")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        long grandchild = grandchild();

        // when
        runner.interrupt();

        // then
        assertThat(outcome.get(GENEROUS.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("was interrupted and killed");
        assertThat(awaitGone(grandchild)).as("the double-forked grandchild is gone").isTrue();
        assertThat(root.resolve("marker.txt")).doesNotExist();
    }

    @Test
    void shouldKillWhatAnAgentsCommandLeftRunning() throws Exception {
        // given: the agent's commands go through the same port
        Sandbox sandbox = new Sandbox(new LocalWorkspace(root), WorkspacePolicy.builder()
                .allowedCommands(List.of("sh spawn.sh")).commandTimeout(Duration.ofSeconds(1)).build());

        // when
        CommandResult result = sandbox.runCommand("sh spawn.sh 600");

        // then
        assertThat(result.timedOut()).isTrue();
        assertThat(awaitGone(grandchild())).as("the double-forked grandchild is gone").isTrue();
        assertThat(root.resolve("marker.txt")).doesNotExist();
    }

    @Test
    void shouldFindTheSessionsProcessesAlsoOnAnInterruptedThread() throws Exception {
        // given: a command in its own session, and a thread interrupted, as a cancelled run's is when it
        // ends the command (a FileChannel read of /proc would fail at once on such a thread)
        CommandProcesses command = CommandProcesses.start(new ProcessBuilder("sleep", "60"));
        try {
            // setsid starts the session only once it runs: until then the leader is in the JVM's session
            long leader = command.leader().pid();
            long deadline = System.nanoTime() + GENEROUS.toNanos();
            while (CommandProcesses.sessionMembers(leader).isEmpty() && System.nanoTime() - deadline < 0) {
                Thread.sleep(10);
            }

            // when
            Thread.currentThread().interrupt();
            List<ProcessHandle> members = CommandProcesses.sessionMembers(command.leader().pid());
            boolean stillInterrupted = Thread.interrupted();

            // then
            assertThat(members).extracting(ProcessHandle::pid).contains(command.leader().pid());
            assertThat(stillInterrupted).as("the interrupt is kept for the caller").isTrue();
        } finally {
            command.end();
        }
    }

    @Test
    void shouldNotMissACommandThatIsBeingStartedWhenTheShutdownBegins() throws Exception {
        // given: a shutdown that begins in the moment after a command's process started and before it is counted as
        // running (a SIGTERM on a loaded machine); the JVM halts as soon as the shutdown's kill returns
        CommandProcesses.Running running = new CommandProcesses.Running();
        Thread shutdown = new Thread(running::endAllAtShutdown, "test-shutdown");
        Thread.State[] shutdownWhileStarting = new Thread.State[1];
        CommandProcesses command = CommandProcesses.start(new ProcessBuilder("sleep", "60"), running, () -> {
            shutdown.start();
            // until the shutdown either took what runs (missing this one) or waits for the start to finish
            Thread.State state;
            while ((state = shutdown.getState()) != Thread.State.TERMINATED && state != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
            shutdownWhileStarting[0] = state;
        });
        ProcessHandle leader = command.leader().toHandle();

        // when
        shutdown.join(GENEROUS.toMillis());

        // then: the shutdown waited for the start and killed the command before it returned
        assertThat(shutdownWhileStarting[0]).as("the shutdown waited for the start").isEqualTo(Thread.State.WAITING);
        assertThat(shutdown.isAlive()).isFalse();
        assertThat(leader.isAlive()).as("the command was killed by the shutdown").isFalse();
        assertThatThrownBy(() -> CommandProcesses.start(new ProcessBuilder("true"), running, () -> { }))
                .isInstanceOf(IOException.class).hasMessage("the JVM is shutting down");
    }
}
