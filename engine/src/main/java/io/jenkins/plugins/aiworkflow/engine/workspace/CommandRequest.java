package io.jenkins.plugins.aiworkflow.engine.workspace;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A shell command to run in the workspace root.
 *
 * @param command            the command line, run by {@code sh -c} (or {@code cmd /c} on Windows)
 * @param environment        with {@code inheritEnvironment}: variables added to (or replacing) the
 *                           workspace's {@link Workspace#environment() environment}; without it: the
 *                           child's whole environment
 * @param timeout            after this the whole process tree is killed
 * @param maxOutputChars     stdout and stderr, merged, are kept as head + tail within this
 * @param inheritEnvironment true: the child gets the workspace's environment plus {@code environment}
 *                           (the project's own test command); false: exactly {@code environment}, so
 *                           a caller can leave variables out (the agent's commands, see
 *                           {@link EnvironmentPolicy})
 */
public record CommandRequest(String command, Map<String, String> environment, Duration timeout, int maxOutputChars,
                             boolean inheritEnvironment) implements Serializable {
    public CommandRequest {
        if (command == null || command.isBlank()) {
            throw new InvalidRequestException("command", "command is empty; accepted: a shell command line such as "
                    + "'mvn -B test'", null);
        }
        environment = Map.copyOf(Objects.requireNonNullElse(environment, Map.of()));
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InvalidRequestException("timeout", "timeout must be positive, was " + timeout, null);
        }
        if (maxOutputChars < 0) {
            throw new InvalidRequestException("maxOutputChars", "maxOutputChars must be >= 0, was " + maxOutputChars,
                    null);
        }
    }

    /** A command that inherits the workspace's environment, plus {@code environment}. */
    public CommandRequest(String command, Map<String, String> environment, Duration timeout, int maxOutputChars) {
        this(command, environment, timeout, maxOutputChars, true);
    }

    /** The environment variable names only: values may be secrets and never go into messages. */
    @Override
    public String toString() {
        return "CommandRequest[command=" + command + ", environment=" + new java.util.TreeSet<>(environment.keySet())
                + ", timeout=" + timeout + ", maxOutputChars=" + maxOutputChars + ", inheritEnvironment="
                + inheritEnvironment + "]";
    }
}
