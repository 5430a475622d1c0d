package io.jenkins.plugins.aiworkflow.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C or SIGTERM while a command runs the agent: interrupts the run, so that the model call is cancelled
 * and the run stops with its cancelled outcome, and lets the JVM wait (bounded) until the command has written
 * what it writes at the end (transcript, result, reports). Shared by {@code implement} and {@code refine}.
 */
final class CancelOnShutdown implements AutoCloseable {
    /** How long a cancelled run may take to write its transcript, result and reports. */
    static final long GRACE_SECONDS = 30;

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    /** Interrupts {@code worker} on shutdown until {@link #close()}. */
    CancelOnShutdown(Thread worker, String name) {
        hook = new Thread(() -> {
            worker.interrupt();
            try {
                finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The command has written what it writes: a shutdown now need not wait. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running and waits for the command
        }
    }
}
