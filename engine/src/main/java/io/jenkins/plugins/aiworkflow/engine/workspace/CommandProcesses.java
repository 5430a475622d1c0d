package io.jenkins.plugins.aiworkflow.engine.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The processes of one command run by {@link LocalWorkspace}, and how they end: a command's
 * processes never outlive it, whether it exits, times out, is cancelled or the JVM shuts down.
 *
 * <p>How the processes are found depends on the system ({@link Grouping}):
 * <ul>
 * <li>{@link Grouping#SESSION} (Linux with {@code setsid} and {@code /proc}): the command starts
 *     in a session of its own, and every process in that session is killed, however often it
 *     forked and whoever its parent is now (a double-forked grandchild is re-parented, but stays
 *     in the session).</li>
 * <li>{@link Grouping#DESCENDANTS} (macOS, Windows, Linux without {@code setsid}): the command's
 *     descendants at the moment of the kill. A process that a descendant forked and left (a
 *     double fork, a daemonising script) is no descendant any more and is not found.</li>
 * </ul>
 * In both, a process that leaves on purpose (calls {@code setsid} itself, as daemons do) escapes.
 */
final class CommandProcesses {
    /** How long a kill waits for the processes to be gone: a process in uninterruptible I/O dies late. */
    static final Duration KILL_WAIT = Duration.ofSeconds(10);

    /** How a command's processes are found. */
    enum Grouping {
        /** The command's own session: everything it started, wherever it went. */
        SESSION,
        /** The command's descendants when it is killed. */
        DESCENDANTS
    }

    private static final Path PROC = Path.of("/proc");
    /** {@code setsid} where it is used, null where commands are not put into a session of their own. */
    private static final String SETSID = findSetsid();
    /** The commands of this JVM, which its shutdown hook ends. */
    private static final Running RUNNING = new Running();
    private static final AtomicBoolean HOOK_REGISTERED = new AtomicBoolean();

    private final Process leader;
    private final boolean session;
    private final Running running;

    private CommandProcesses(Process leader, boolean session, Running running) {
        this.leader = leader;
        this.session = session;
        this.running = running;
    }

    /**
     * Running commands, and whether a shutdown has begun. A start holds the lock (shared) from before its process
     * starts until it is in the set, and the shutdown (exclusive) while it takes the set: a command being started
     * is never missed, which would outlive the JVM (it halts as soon as the hooks return).
     */
    static final class Running {
        private final Set<CommandProcesses> commands = ConcurrentHashMap.newKeySet();
        private final ReadWriteLock starts = new ReentrantReadWriteLock();
        private volatile boolean shuttingDown;

        /** What the shutdown hook does: no command starts any more, and every running one is ended. */
        void endAllAtShutdown() {
            List<CommandProcesses> taken;
            starts.writeLock().lock();
            try {
                shuttingDown = true;
                taken = List.copyOf(commands);
            } finally {
                starts.writeLock().unlock();
            }
            for (CommandProcesses processes : taken) {
                processes.end();
            }
        }
    }

    /** How commands are grouped on this system. */
    static Grouping grouping() {
        return SETSID != null ? Grouping.SESSION : Grouping.DESCENDANTS;
    }

    /**
     * Starts the builder's command, in a session of its own where {@link #grouping()} says so. Its
     * processes are killed at JVM shutdown until {@link #end()} is called.
     */
    static CommandProcesses start(ProcessBuilder builder) throws IOException {
        registerShutdownHook();
        return start(builder, RUNNING, () -> { });
    }

    /**
     * {@link #start(ProcessBuilder)} into {@code running}, running {@code afterStart} as soon as the process started
     * (a test's seam: the moment a shutdown must not miss).
     */
    static CommandProcesses start(ProcessBuilder builder, Running running, Runnable afterStart) throws IOException {
        if (SETSID != null) {
            List<String> command = new ArrayList<>(builder.command());
            command.add(0, SETSID);
            builder = builder.command(command);
        }
        running.starts.readLock().lock();
        try {
            if (running.shuttingDown) {
                throw new IOException("the JVM is shutting down");
            }
            CommandProcesses processes = new CommandProcesses(builder.start(), SETSID != null, running);
            afterStart.run();
            running.commands.add(processes);
            return processes;
        } finally {
            running.starts.readLock().unlock();
        }
    }

    /** The process that runs the command line (the shell). */
    Process leader() {
        return leader;
    }

    /**
     * Kills every process of the command that is still running (all of them after a timeout or a
     * cancellation; what it left in the background after it exited) and waits, bounded by
     * {@link #KILL_WAIT}, until they are gone. The command no longer counts as running.
     */
    void end() {
        try {
            kill();
        } finally {
            running.commands.remove(this);
        }
    }

    /** Kills; the waits keep a caller's interrupt for afterwards, so that a cancelled run still kills it all. */
    private void kill() {
        if (session) {
            killSession();
        }
        killDescendants();
        // Through its handle: Process.destroyForcibly would also close the output pipe, and what the
        // command wrote just before it ended would be lost to the reader.
        leader.toHandle().destroyForcibly();
        await(leader.onExit(), KILL_WAIT);
    }

    /**
     * Kills the members of the leader's session until none is left (or {@link #KILL_WAIT} passed). The
     * session id is the leader's pid, which Linux does not give to another process while the session has
     * members; once it has none, a new process could only match by taking that pid and starting a session
     * of its own in the moment between the leader's end and this scan.
     */
    private void killSession() {
        long deadline = System.nanoTime() + KILL_WAIT.toNanos();
        while (true) {
            List<ProcessHandle> members = sessionMembers(leader.pid());
            if (members.isEmpty()) {
                return;
            }
            // SIGKILL to all at once: a member that forks meanwhile leaves a child in the session for the next round.
            members.forEach(ProcessHandle::destroyForcibly);
            if (System.nanoTime() - deadline > 0) {
                return; // a process that SIGKILL does not end for this long (uninterruptible I/O): nothing more to do
            }
            await(new CompletableFuture<>(), Duration.ofMillis(10)); // a moment for the kernel to end them
        }
    }

    /** Kills the leader's descendants, children first so that none is re-parented and lost; repeats while they fork. */
    private void killDescendants() {
        for (int round = 0; round < 5; round++) {
            if (!leader.isAlive()) {
                // Its children were re-parented; and once it is reaped its pid may be another process's, whose
                // children the JDK would list as its descendants.
                return;
            }
            List<ProcessHandle> descendants = leader.descendants().toList();
            if (descendants.isEmpty()) {
                return;
            }
            descendants.forEach(ProcessHandle::destroyForcibly);
            await(CompletableFuture.allOf(descendants.stream().map(ProcessHandle::onExit)
                    .toArray(CompletableFuture[]::new)), KILL_WAIT);
        }
    }

    /** Waits for the future at most {@code timeout}, also when interrupted; the interrupt is kept for the caller. */
    private static void await(Future<?> future, Duration timeout) {
        boolean interrupted = Thread.interrupted();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                try {
                    future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException | TimeoutException e) {
                    return;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The live processes of a session, from {@code /proc/PID/stat} (its sixth field is the
     * session id; zombies are dead already and left out).
     */
    static List<ProcessHandle> sessionMembers(long sessionId) {
        Set<ProcessHandle> members = new LinkedHashSet<>();
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.isEmpty() || !name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long pid = Long.parseLong(name);
                if (pid != self && inSession(entry.resolve("stat"), sessionId)) {
                    ProcessHandle.of(pid).ifPresent(members::add);
                }
            }
        } catch (IOException | RuntimeException e) {
            // /proc unreadable: the descendants are still killed
        }
        return new ArrayList<>(members);
    }

    private static boolean inSession(Path stat, long sessionId) {
        String text;
        try {
            text = Files.readString(stat, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return false; // gone meanwhile
        }
        // "pid (comm) state ppid pgrp session ...": comm may hold spaces and parentheses, so count from the last ')'
        int close = text.lastIndexOf(')');
        if (close < 0 || close + 2 >= text.length()) {
            return false;
        }
        String[] fields = text.substring(close + 2).split(" ", 5);
        if (fields.length < 5 || fields[0].equals("Z") || fields[0].equals("X")) {
            return false;
        }
        try {
            return Long.parseLong(fields[3]) == sessionId;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Kills every running command's processes when the JVM shuts down (Ctrl-C, SIGTERM, System.exit). */
    private static void registerShutdownHook() {
        if (!HOOK_REGISTERED.compareAndSet(false, true)) {
            return;
        }
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(RUNNING::endAllAtShutdown, "aiwf-kill-commands"));
        } catch (IllegalStateException e) {
            RUNNING.shuttingDown = true; // already shutting down: start() starts nothing more
        }
    }

    /** {@code setsid} on Linux, where {@code /proc} tells the sessions; null elsewhere or when it is missing. */
    private static String findSetsid() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")
                || !Files.isReadable(PROC.resolve("self/stat"))) {
            return null;
        }
        // fixed places, not the PATH: the command's environment must not decide how it is contained
        for (String candidate : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return null;
    }
}
