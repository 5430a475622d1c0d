package io.jenkins.plugins.aiworkflow.engine.workspace;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A shell command to run in the workspace root.
 *
 * @param command        the command line, run by {@code sh -c} (or {@code cmd /c} on Windows)
 * @param environment    variables added to (or replacing) the inherited environment
 * @param timeout        after this the whole process tree is killed
 * @param maxOutputChars stdout and stderr, merged, are kept as head + tail within this
 */
public record CommandRequest(String command, Map<String, String> environment, Duration timeout, int maxOutputChars) {
    public CommandRequest {
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException("command is empty; accepted: a shell command line such as 'mvn -B test'");
        }
        environment = Map.copyOf(Objects.requireNonNullElse(environment, Map.of()));
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        if (maxOutputChars < 0) {
            throw new IllegalArgumentException("maxOutputChars must be >= 0, was " + maxOutputChars);
        }
    }
}
