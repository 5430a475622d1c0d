package io.jenkins.plugins.aiworkflow.engine.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Whether a process a test started still runs, and waiting (bounded) until it does not. */
final class LiveProcesses {
    private LiveProcesses() {
    }

    /**
     * Whether the process still runs. A zombie does not: it is dead and only waits to be reaped,
     * which takes forever where the init process does not reap (some containers), while the JDK
     * may still call it alive.
     */
    static boolean isRunning(long pid) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            Path stat = Path.of("/proc", Long.toString(pid), "stat");
            try {
                String text = Files.readString(stat);
                return !text.substring(text.lastIndexOf(')') + 2).startsWith("Z");
            } catch (IOException | RuntimeException e) {
                return !Files.isDirectory(Path.of("/proc")); // no /proc: trust the JDK
            }
        }
        return false;
    }

    /** Waits until the process no longer runs; false if it still does after {@code bound} (a guard against hanging). */
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
}
