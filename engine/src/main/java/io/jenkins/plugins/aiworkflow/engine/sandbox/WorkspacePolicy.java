package io.jenkins.plugins.aiworkflow.engine.sandbox;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.pattern.Glob;
import io.jenkins.plugins.aiworkflow.engine.workspace.EnvironmentPolicy;
import io.jenkins.plugins.aiworkflow.engine.workspace.PathRules;
import io.jenkins.plugins.aiworkflow.engine.workspace.StateRequest;
import io.jenkins.plugins.aiworkflow.engine.workspace.Workspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an agent may do in a workspace: which files it may change, which commands it may
 * run, how much it reads and writes, and which environment its commands get. Immutable;
 * applied by {@link Sandbox} above any {@link Workspace} implementation.
 *
 * <h2>Files</h2>
 * A path may be changed (written, edited, deleted) when it matches one of the
 * {@link #writable()} globs and none of the {@link #readOnly()} globs ({@link PathRules}).
 * {@code .git} is always read-only and always {@link #hidden()}: never listed, read or searched,
 * since its config can hold credentials. Read-only and hidden globs match case-insensitively (and
 * ignore trailing dots and spaces of names), so that {@code .GIT/config} on a case-insensitive file
 * system cannot slip through; writable globs match exactly.
 *
 * <h2>Commands</h2>
 * A command is allowed when its first words equal, word for word, one of the
 * {@link #allowedCommands()} prefixes ({@code mvn -B} allows {@code mvn -B test}, {@code mvn}
 * does not allow {@code mvnw} or {@code ./mvnw}) and it contains none of the shell's chaining,
 * substitution or redirection characters ({@link #FORBIDDEN_IN_COMMANDS}), anywhere, quoted
 * or not: commands run through {@code sh -c}, so {@code mvn test; curl x} would otherwise run
 * {@code curl}. An allowed tool can still run whatever it is told to (a Maven plugin, an npm
 * script), so allow only tools whose configuration in the repository you would let the build run.
 *
 * <h2>Files of allowed commands</h2>
 * A workspace file that an allowed command names ({@link CommandFiles#namedBy}: {@code build.sh}
 * of {@code ./build.sh}, {@code scripts/test.sh} of {@code sh scripts/test.sh}) is read-only
 * whatever the writable globs say: with it writable, the agent could rewrite what it may run.
 * These {@link #commandFiles()} match case-insensitively, like read-only globs.
 */
public final class WorkspacePolicy {
    /** Character sequences refused anywhere in a command, with what they would do in {@code sh -c}. */
    public static final List<String> FORBIDDEN_IN_COMMANDS = List.of(";", "&", "|", "`", "$(", ">", "<", "\n",
            "\r", "\0");

    public static final int DEFAULT_MAX_READ_CHARS = 50_000;
    public static final long DEFAULT_MAX_WRITE_BYTES = 1024 * 1024;
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMinutes(10);
    public static final int DEFAULT_MAX_OUTPUT_CHARS = 20_000;

    private final PathRules files;
    private final List<String> allowedCommands;
    /** The files allowed commands name, each with the first allowed command that names it. */
    private final Map<String, String> commandFiles;
    private final List<Glob> commandFileGlobs;
    private final int maxReadChars;
    private final long maxWriteBytes;
    private final Duration commandTimeout;
    private final int maxOutputChars;
    private final EnvironmentPolicy environment;
    /** {@link #pathRules()}, made when first asked for. */
    private volatile PathRules pathRules;
    /** {@link #hiddenRules()}, made when first asked for. */
    private volatile PathRules hiddenRules;

    private WorkspacePolicy(Builder builder) {
        this.files = PathRules.of(builder.writable, builder.readOnly, builder.hidden);
        this.allowedCommands = commands(builder.allowedCommands);
        Map<String, String> named = new LinkedHashMap<>();
        for (String command : allowedCommands) {
            CommandFiles.namedBy(command).forEach(file -> named.putIfAbsent(file, command));
        }
        this.commandFiles = Collections.unmodifiableMap(named);
        this.commandFileGlobs = PathRules.compileIgnoringCase(List.copyOf(named.keySet()));
        this.maxReadChars = builder.maxReadChars;
        this.maxWriteBytes = builder.maxWriteBytes;
        this.commandTimeout = builder.commandTimeout;
        this.maxOutputChars = builder.maxOutputChars;
        this.environment = builder.environment;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Everything writable except {@code .git}, no commands, the default caps and environment rules. */
    public static WorkspacePolicy defaults() {
        return builder().build();
    }

    /** A builder holding this policy's settings. */
    public Builder toBuilder() {
        Builder builder = new Builder().writable(files.writable()).allowedCommands(allowedCommands)
                .maxReadChars(maxReadChars).maxWriteBytes(maxWriteBytes).commandTimeout(commandTimeout)
                .maxOutputChars(maxOutputChars).environment(environment);
        builder.readOnly.addAll(files.readOnly());
        builder.hidden.addAll(files.hidden());
        return builder;
    }

    /**
     * A request to record the state of the files this policy lets the agent change: its writable globs,
     * minus its read-only and hidden ones and the files allowed commands name.
     */
    public StateRequest.Builder stateRequest() {
        List<String> readOnly = new ArrayList<>(files.readOnly());
        readOnly.addAll(commandFiles.keySet());
        return StateRequest.builder().writable(files.writable()).readOnly(readOnly).hidden(files.hidden());
    }

    /**
     * This policy's file rules as the port's {@link PathRules}, the files allowed commands name among the
     * read-only ones: what {@link #isWritable}, {@link #isReadOnly}, {@link #isHidden} and {@link #mayProtectBelow}
     * say, as serializable data that a {@link io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceTask} can
     * carry to where the files are. Never the environment policy, whose secret values stay here.
     */
    public PathRules pathRules() {
        PathRules rules = pathRules;
        if (rules == null) {
            List<String> readOnly = new ArrayList<>(files.readOnly());
            readOnly.addAll(commandFiles.keySet());
            rules = PathRules.of(files.writable(), readOnly, files.hidden());
            pathRules = rules;
        }
        return rules;
    }

    /**
     * The hidden globs alone, as rules (nothing writable, nothing read-only beyond {@code .git}): all that the agent's
     * view of the workspace sends with a task.
     */
    PathRules hiddenRules() {
        PathRules rules = hiddenRules;
        if (rules == null) {
            rules = PathRules.of(List.of(), List.of(), files.hidden());
            hiddenRules = rules;
        }
        return rules;
    }

    public List<String> writable() {
        return files.writable();
    }

    /** The read-only globs ({@link PathRules#ALWAYS_READ_ONLY} first); see also {@link #commandFiles()}. */
    public List<String> readOnly() {
        return files.readOnly();
    }

    /** The hidden globs ({@link PathRules#ALWAYS_HIDDEN} first). */
    public List<String> hidden() {
        return files.hidden();
    }

    public List<String> allowedCommands() {
        return allowedCommands;
    }

    /**
     * The workspace files that allowed commands name (see {@link CommandFiles#namedBy}), read-only to
     * the agent, each with the first allowed command that names it; in the order of the allow-list.
     */
    public Map<String, String> commandFiles() {
        return commandFiles;
    }

    public int maxReadChars() {
        return maxReadChars;
    }

    public long maxWriteBytes() {
        return maxWriteBytes;
    }

    public Duration commandTimeout() {
        return commandTimeout;
    }

    public int maxOutputChars() {
        return maxOutputChars;
    }

    public EnvironmentPolicy environment() {
        return environment;
    }

    /** Whether the agent may change (write, edit, delete) this normalised path. */
    public boolean isWritable(String path) {
        return !isReadOnly(path) && files.matchesWritable(path);
    }

    /**
     * Whether this normalised path matches a read-only glob ({@code .git} always does) or is a file an
     * allowed command names.
     */
    public boolean isReadOnly(String path) {
        return files.readOnlyMatch(path) != null
                || PathRules.firstMatchIgnoringCase(commandFileGlobs, path) != null;
    }

    /**
     * Whether a read-only or hidden glob given to this policy (the always-present {@code .git} ones
     * aside, which only match what workspaces never list) could match a path below the normalised
     * directory {@code dir}. A walk that skips directories for another reason (git ignores them)
     * still enters those, so that changes to protected files there are seen.
     */
    public boolean mayProtectBelow(String dir) {
        if (files.mayProtectBelow(dir)) {
            return true;
        }
        for (Glob glob : commandFileGlobs) {
            if (glob.couldMatchBelow(dir)) {
                return true;
            }
        }
        return false;
    }

    /** Whether this normalised path is hidden from the agent. */
    public boolean isHidden(String path) {
        return files.isHidden(path);
    }

    /**
     * Whether every path below the normalised directory {@code dir} is hidden (a hidden glob such as
     * {@code **}{@code /node_modules/**} covers the whole subtree), so that a walk need not enter it.
     * Only a shortcut: when true, {@link #isHidden} is true for every path below {@code dir}.
     */
    public boolean hidesEverythingBelow(String dir) {
        return files.hidesEverythingBelow(dir);
    }

    /**
     * Refuses a change to a normalised path that is read-only or not writable.
     *
     * @throws PolicyViolation naming the path, the glob or rule, and the writable globs
     */
    public void checkWritable(String path) {
        String readOnlyGlob = files.readOnlyMatch(path);
        if (readOnlyGlob != null) {
            throw new PolicyViolation("path", "path '" + path + "' is read-only (it matches the read-only pattern '"
                    + readOnlyGlob + "'); nothing was changed. Writable: " + describeWritable());
        }
        String commandFile = PathRules.firstMatchIgnoringCase(commandFileGlobs, path);
        if (commandFile != null) {
            throw new PolicyViolation("path", "path '" + path + "' is read-only: the allowed command '"
                    + commandFiles.get(commandFile) + "' names it, and what an allowed command runs may not be "
                    + "changed; nothing was changed. Writable: " + describeWritable());
        }
        if (!files.matchesWritable(path)) {
            throw new PolicyViolation("path", "path '" + path + "' is not writable: it matches none of the writable "
                    + "patterns; nothing was changed. Writable: " + describeWritable());
        }
    }

    /**
     * Refuses a hidden normalised path.
     *
     * @throws PolicyViolation naming the path and the hidden pattern
     */
    public void checkVisible(String path) {
        checkVisible(files, path);
    }

    /** {@link #checkVisible(String)} by the hidden globs of {@code rules}. */
    static void checkVisible(PathRules rules, String path) {
        String glob = rules.hiddenMatch(path);
        if (glob != null) {
            throw new PolicyViolation("path", "path '" + path + "' is hidden from the agent (it matches the hidden "
                    + "pattern '" + glob + "'); accepted: paths outside " + quoted(rules.hidden()));
        }
    }

    /**
     * Refuses a command that is not allowed.
     *
     * @return the allowed prefix the command starts with
     * @throws PolicyViolation naming the command, what is wrong with it and the allowed prefixes
     */
    public String checkCommand(String command) {
        if (command == null || command.isBlank()) {
            throw new PolicyViolation("command", "command is empty; accepted: " + describeCommands());
        }
        for (String forbidden : FORBIDDEN_IN_COMMANDS) {
            if (command.contains(forbidden)) {
                throw new PolicyViolation("command", "command '" + printable(command) + "' contains '"
                        + printable(forbidden) + "', which could chain, substitute or redirect commands in the "
                        + "shell; nothing was run. Accepted: one command without any of " + printableList()
                        + ", starting with " + describeCommands());
            }
        }
        List<String> words = words(command);
        for (String prefix : allowedCommands) {
            List<String> prefixWords = words(prefix);
            if (words.size() >= prefixWords.size() && words.subList(0, prefixWords.size()).equals(prefixWords)) {
                return prefix;
            }
        }
        throw new PolicyViolation("command", "command '" + printable(command) + "' is not allowed; nothing was "
                + "run. Accepted: " + describeCommands());
    }

    private String describeCommands() {
        if (allowedCommands.isEmpty()) {
            return "no command (none is allowed in this run)";
        }
        return "a command whose first words are one of " + quoted(allowedCommands);
    }

    private String describeWritable() {
        String text = files.writable().isEmpty() ? "nothing (this run may not change files)"
                : quoted(files.writable());
        text += "; read-only: " + quoted(files.readOnly());
        if (!commandFiles.isEmpty()) {
            text += "; read-only as files allowed commands name: " + quoted(List.copyOf(commandFiles.keySet()));
        }
        return text;
    }

    private static String quoted(List<String> values) {
        return values.stream().map(value -> "'" + value + "'").collect(Collectors.joining(", "));
    }

    private static String printableList() {
        return FORBIDDEN_IN_COMMANDS.stream().map(value -> "'" + printable(value) + "'")
                .collect(Collectors.joining(" "));
    }

    private static String printable(String text) {
        return text.replace("\n", "\\n").replace("\r", "\\r").replace("\0", "\\0");
    }

    private static List<String> words(String command) {
        return Arrays.stream(command.strip().split("[ \\t]+")).filter(word -> !word.isEmpty()).toList();
    }

    private static List<String> commands(Collection<String> prefixes) {
        Set<String> checked = new LinkedHashSet<>();
        for (String prefix : prefixes) {
            if (prefix == null || prefix.isBlank()) {
                throw new InvalidRequestException("allowedCommands", "allowedCommands has an empty prefix; "
                        + "accepted: the first words of allowed commands, such as 'mvn -B' or './gradlew test'", null);
            }
            for (String forbidden : FORBIDDEN_IN_COMMANDS) {
                if (prefix.contains(forbidden)) {
                    throw new InvalidRequestException("allowedCommands", "allowedCommands prefix '"
                            + printable(prefix) + "' contains '" + printable(forbidden) + "'; accepted: plain words "
                            + "without any of " + printableList(), null);
                }
            }
            checked.add(String.join(" ", words(prefix)));
        }
        return List.copyOf(checked);
    }

    @Override
    public String toString() {
        return "WorkspacePolicy[writable=" + files.writable() + ", readOnly=" + files.readOnly() + ", hidden="
                + files.hidden()
                + ", allowedCommands=" + allowedCommands + ", commandFiles=" + commandFiles.keySet() + ", maxReadChars="
                + maxReadChars + ", maxWriteBytes="
                + maxWriteBytes + ", commandTimeout=" + commandTimeout + ", maxOutputChars=" + maxOutputChars
                + ", environment=" + environment + "]";
    }

    /** Collects the settings; list setters replace what was given before. */
    public static final class Builder {
        private List<String> writable = List.of("**");
        private final List<String> readOnly = new ArrayList<>();
        private final List<String> hidden = new ArrayList<>();
        private List<String> allowedCommands = List.of();
        private int maxReadChars = DEFAULT_MAX_READ_CHARS;
        private long maxWriteBytes = DEFAULT_MAX_WRITE_BYTES;
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
        private int maxOutputChars = DEFAULT_MAX_OUTPUT_CHARS;
        private EnvironmentPolicy environment = EnvironmentPolicy.defaults();

        private Builder() {
        }

        /** Globs of the files the agent may change; default {@code **}; an empty list makes nothing writable. */
        public Builder writable(Collection<String> globs) {
            this.writable = List.copyOf(globs);
            return this;
        }

        /** Globs the agent may not change even when writable; {@link PathRules#ALWAYS_READ_ONLY} is always added. */
        public Builder readOnly(Collection<String> globs) {
            this.readOnly.clear();
            this.readOnly.addAll(globs);
            return this;
        }

        /**
         * Globs the agent may not list, read, search or change (e.g. {@code **}{@code /.env});
         * {@link PathRules#ALWAYS_HIDDEN} is always added.
         */
        public Builder hidden(Collection<String> globs) {
            this.hidden.clear();
            this.hidden.addAll(globs);
            return this;
        }

        /** Prefixes of allowed commands, matched word by word; default none. */
        public Builder allowedCommands(Collection<String> prefixes) {
            this.allowedCommands = List.copyOf(prefixes);
            return this;
        }

        /** The most characters one read returns (head + tail around a marker). */
        public Builder maxReadChars(int maxReadChars) {
            this.maxReadChars = positive("maxReadChars", maxReadChars);
            return this;
        }

        /** The largest file (UTF-8 bytes) the agent may write. */
        public Builder maxWriteBytes(long maxWriteBytes) {
            if (maxWriteBytes <= 0) {
                throw new InvalidRequestException("maxWriteBytes", "maxWriteBytes must be positive, was "
                        + maxWriteBytes, null);
            }
            this.maxWriteBytes = maxWriteBytes;
            return this;
        }

        public Builder commandTimeout(Duration commandTimeout) {
            Objects.requireNonNull(commandTimeout, "commandTimeout");
            if (commandTimeout.isNegative() || commandTimeout.isZero()) {
                throw new InvalidRequestException("commandTimeout", "commandTimeout must be positive, was "
                        + commandTimeout, null);
            }
            this.commandTimeout = commandTimeout;
            return this;
        }

        /** The most characters of a command's output kept (head + tail around a marker). */
        public Builder maxOutputChars(int maxOutputChars) {
            this.maxOutputChars = positive("maxOutputChars", maxOutputChars);
            return this;
        }

        public Builder environment(EnvironmentPolicy environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /**
         * Builds the policy.
         *
         * @throws InvalidRequestException naming the parameter, if a glob or command prefix is invalid
         */
        public WorkspacePolicy build() {
            return new WorkspacePolicy(this);
        }

        private static int positive(String parameter, int value) {
            if (value <= 0) {
                throw new InvalidRequestException(parameter, parameter + " must be positive, was " + value, null);
            }
            return value;
        }
    }
}
