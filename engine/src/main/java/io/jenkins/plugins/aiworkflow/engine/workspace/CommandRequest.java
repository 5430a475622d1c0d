package io.jenkins.plugins.aiworkflow.engine.workspace;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A shell command to run in the workspace root. Its environment is the one its commands start from
 * ({@link Workspace#environment()}: the local process's, or on a build agent the build's) without the
 * {@code removals} and with the {@code overrides}, applied in that order ({@link #environmentFrom}). A
 * Jenkins {@code Launcher} always starts a process from the node's environment and takes only variables to
 * set, where an empty value removes one; so an override never has an empty value, and every implementation
 * of the port can give exactly this environment. {@link EnvironmentPolicy#commandRequest} makes the request
 * that keeps secrets out of it; it holds names to remove, never their values, and crosses to an agent as it is.
 *
 * @param command        the command line, run by {@code sh -c} (or {@code cmd /c} on Windows; see
 *                       {@link OperatingSystem#shellCommand})
 * @param overrides      variables set for the command, added to or replacing the ones it starts with; a value
 *                       is never empty (to leave a variable out, name it in {@code removals})
 * @param removals       names of variables the command does not get, also when the environment it starts from
 *                       has them; an override of the same name still sets it
 * @param timeout        after this the whole process tree is killed
 * @param maxOutputChars stdout and stderr, merged, are kept as head + tail within this
 */
public record CommandRequest(String command, Map<String, String> overrides, Set<String> removals, Duration timeout,
                             int maxOutputChars) implements Serializable {
    private static final long serialVersionUID = 1L;

    public CommandRequest {
        if (command == null || command.isBlank()) {
            throw new InvalidRequestException("command", "command is empty; accepted: a shell command line such as "
                    + "'mvn -B test'", null);
        }
        overrides = Objects.requireNonNullElse(overrides, Map.of());
        overrides.forEach(CommandRequest::checkOverride); // before the copy, which would refuse a null unnamed
        overrides = Map.copyOf(overrides);
        removals = Objects.requireNonNullElse(removals, Set.of());
        for (String name : removals) {
            checkName("removals", name);
        }
        removals = Set.copyOf(removals);
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InvalidRequestException("timeout", "timeout must be positive, was " + timeout, null);
        }
        if (maxOutputChars < 0) {
            throw new InvalidRequestException("maxOutputChars", "maxOutputChars must be >= 0, was " + maxOutputChars,
                    null);
        }
    }

    /** A command whose environment is the workspace's with {@code overrides}, nothing removed. */
    public CommandRequest(String command, Map<String, String> overrides, Duration timeout, int maxOutputChars) {
        this(command, overrides, Set.of(), timeout, maxOutputChars);
    }

    /**
     * The environment the command gets when it starts from {@code base}: {@code base} without the removals,
     * then with the overrides. What every implementation gives the command (a new map; {@code base} is left as
     * it is).
     */
    public Map<String, String> environmentFrom(Map<String, String> base) {
        Map<String, String> environment = new LinkedHashMap<>(base);
        environment.keySet().removeAll(removals);
        environment.putAll(overrides);
        return environment;
    }

    private static void checkOverride(String name, String value) {
        checkName("overrides", name);
        // a Jenkins Launcher reads PATH+NAME=dir as "put dir before PATH", not as a variable of that name
        if (name.indexOf('+') >= 0) {
            throw invalidName("overrides", name, "without '=', '+' or NUL (in Jenkins, PATH+NAME prepends to PATH)");
        }
        if (value == null || value.isEmpty()) {
            throw new InvalidRequestException("overrides", "overrides: variable '" + name + "' has an empty value; "
                    + "accepted: a non-empty value (a Jenkins Launcher takes an empty value for a removal, so no "
                    + "workspace can set a variable empty); to leave the variable out, name it in removals", null);
        }
        if (value.indexOf('\0') >= 0) {
            throw new InvalidRequestException("overrides", "overrides: variable '" + name + "' has a NUL character "
                    + "in its value; accepted: a value without NUL", null);
        }
    }

    private static void checkName(String parameter, String name) {
        if (name == null || name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
            throw invalidName(parameter, name, "without '=' or NUL");
        }
    }

    private static InvalidRequestException invalidName(String parameter, String name, String accepted) {
        return new InvalidRequestException(parameter, parameter + " has an invalid variable name '" + name
                + "'; accepted: a name such as 'MAVEN_OPTS', " + accepted, null);
    }

    /** The variable names only: values may be secrets and never go into messages. */
    @Override
    public String toString() {
        return "CommandRequest[command=" + command + ", overrides=" + new TreeSet<>(overrides.keySet())
                + ", removals=" + new TreeSet<>(removals) + ", timeout=" + timeout + ", maxOutputChars="
                + maxOutputChars + "]";
    }
}
