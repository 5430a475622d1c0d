package io.jenkins.plugins.aiworkflow.engine.workspace;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What a command did.
 *
 * @param command   the command line that ran
 * @param exitCode  the process's exit code (after a kill: whatever the system reports)
 * @param timedOut  true when the timeout killed it
 * @param startedAt when it started, by the clock of the machine it ran on, which the workspace's file times
 *                  come from: the validation tells the reports a command wrote by comparing the two, so an
 *                  implementation that starts a command from elsewhere (a Jenkins controller) still takes this
 *                  time on the agent
 * @param duration  how long it ran
 * @param output    merged stdout/stderr, head + tail within the request's limit
 */
public record CommandResult(String command, int exitCode, boolean timedOut, Instant startedAt, Duration duration,
                            String output) implements Serializable {
    public CommandResult {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(duration, "duration");
        output = Objects.requireNonNullElse(output, "");
    }
}
