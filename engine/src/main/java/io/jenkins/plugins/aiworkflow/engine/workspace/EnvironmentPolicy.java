package io.jenkins.plugins.aiworkflow.engine.workspace;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which environment variables the agent's commands get: the environment they would inherit,
 * minus every variable that looks like it holds a secret. A deny-list, not an allow-list:
 * build tools need variables nobody can list in advance (JAVA_HOME, MAVEN_OPTS, proxies,
 * tool homes, CI variables), and a command that fails for a missing variable is hard to
 * diagnose; the secrets we know of are caught by name <em>and</em> by value.
 *
 * <p>A variable is dropped when
 * <ol>
 *   <li>its name contains (case-insensitively) one of {@link #SECRET_NAME_PARTS}, unless it is
 *       named in {@code keepVariables};</li>
 *   <li>its name is one of {@code removeVariables} (case-insensitively);</li>
 *   <li>its value contains one of the registered {@code secretValues} (the API key and any
 *       credential the caller knows of); {@code keepVariables} does not override this;</li>
 *   <li>its value is a URL with a password ({@code scheme://user:password@host}), unless it
 *       is named in {@code keepVariables}.</li>
 * </ol>
 * Secret values are never printed: {@link #toString()} shows only how many there are.
 *
 * <p>A command gets the result as a {@link CommandRequest} ({@link #commandRequest}): the names of the
 * variables dropped are removals from the environment the command starts from, so that a Jenkins
 * {@code Launcher}, which always starts from the node's environment, gives the same environment as
 * {@link LocalWorkspace}. Not {@code Serializable}: it holds the secret values, which stay where the caller
 * is; only the request it makes, with names and kept values, goes to a build agent.
 */
public final class EnvironmentPolicy {
    /** Name parts that mark a variable as secret, compared case-insensitively. */
    public static final List<String> SECRET_NAME_PARTS = List.of("KEY", "TOKEN", "SECRET", "PASSWORD", "PASSWD",
            "PASSPHRASE", "ASKPASS", "CREDENTIAL", "CREDS", "AUTH", "COOKIE", "SESSION", "PRIVATE");
    private static final Pattern URL_WITH_PASSWORD = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^/@\\s:]*:[^/@\\s]+@");
    private static final String REDACTED = "****";

    private final Set<String> removeVariables;
    private final Set<String> keepVariables;
    private final List<String> secretValues;
    private final boolean nameRules;

    private EnvironmentPolicy(Builder builder) {
        this.nameRules = builder.nameRules;
        this.removeVariables = upperCase(builder.removeVariables);
        this.keepVariables = upperCase(builder.keepVariables);
        // longest first, so that redacting a secret never leaves a part of a longer one
        List<String> values = new ArrayList<>(new java.util.LinkedHashSet<>(builder.secretValues));
        values.sort(java.util.Comparator.comparingInt(String::length).reversed());
        this.secretValues = List.copyOf(values);
    }

    private static Set<String> upperCase(Collection<String> names) {
        Set<String> upper = new TreeSet<>();
        for (String name : names) {
            upper.add(name.toUpperCase(Locale.ROOT));
        }
        return Set.copyOf(upper);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The name and URL rules only, with no extra names and no registered secret values. */
    public static EnvironmentPolicy defaults() {
        return builder().build();
    }

    /**
     * A policy that drops nothing: no name rules, no names, no secret values. The test command's
     * environment as {@code aiwf validate} gives it: everything the workspace's commands inherit.
     */
    public static EnvironmentPolicy none() {
        return builder().nameRules(false).build();
    }

    /**
     * This policy's registered secrets only: the {@code removeVariables} and the {@code secretValues},
     * without the name rules. For the project's test command, which runs code the agent wrote: it never
     * sees a registered secret, but keeps the variables its tests may need.
     */
    public EnvironmentPolicy registeredSecretsOnly() {
        return toBuilder().nameRules(false).build();
    }

    /** A builder holding this policy's settings, to add to them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.nameRules = nameRules;
        builder.removeVariables.addAll(removeVariables);
        builder.keepVariables.addAll(keepVariables);
        builder.secretValues.addAll(secretValues);
        return builder;
    }

    /** Extra variable names always dropped (upper case). */
    public Set<String> removeVariables() {
        return removeVariables;
    }

    /** Variable names kept although their name or URL value looks secret (upper case). */
    public Set<String> keepVariables() {
        return keepVariables;
    }

    /** Whether names that look secret and URLs with a password are dropped (rules 1 and 4 above). */
    public boolean nameRules() {
        return nameRules;
    }

    /** How many secret values are registered (the values themselves are not exposed). */
    public int secretValueCount() {
        return secretValues.size();
    }

    /**
     * {@code base} without the variables this policy drops: the environment a command gets from
     * {@link #commandRequest} (which expresses it as removals).
     */
    public Map<String, String> scrub(Map<String, String> base) {
        Map<String, String> kept = new LinkedHashMap<>();
        base.forEach((name, value) -> {
            if (!drops(name, value)) {
                kept.put(name, value);
            }
        });
        return kept;
    }

    /** The names of the variables of {@code base} that {@link #scrub} drops, sorted; never their values. */
    public Set<String> droppedNames(Map<String, String> base) {
        Set<String> dropped = new TreeSet<>();
        base.forEach((name, value) -> {
            if (drops(name, value)) {
                dropped.add(name);
            }
        });
        return dropped;
    }

    /**
     * The request that runs {@code command} with the environment this policy leaves: it starts from
     * {@code base} (the workspace's {@link Workspace#environment()}, where the command starts) with
     * {@code overrides} on top, and every variable of the two that this policy drops, judged by the value the
     * command would see, is a removal. So the command gets exactly {@link #scrub} of that environment: no
     * variable this policy drops (by name, by a registered secret value), and no override that holds a
     * registered secret. An empty override value removes the variable, as it does in Jenkins
     * ({@code withEnv(['NAME='])}). The request holds names to remove and the kept overrides, never a value
     * this policy drops, so it can cross to a build agent while the policy stays where its secrets are.
     */
    public CommandRequest commandRequest(String command, Map<String, String> base, Map<String, String> overrides,
                                         Duration timeout, int maxOutputChars) {
        Map<String, String> environment = new LinkedHashMap<>(base);
        Set<String> removals = new TreeSet<>();
        Map<String, String> kept = new LinkedHashMap<>();
        overrides.forEach((name, value) -> {
            if (value == null || value.isEmpty()) {
                environment.remove(name);
                removals.add(name);
            } else {
                environment.put(name, value);
                kept.put(name, value);
            }
        });
        Set<String> dropped = droppedNames(environment);
        removals.addAll(dropped);
        kept.keySet().removeAll(dropped);
        return new CommandRequest(command, kept, removals, timeout, maxOutputChars);
    }

    /** Whether this policy drops a variable. */
    public boolean drops(String name, String value) {
        String upper = name.toUpperCase(Locale.ROOT);
        String text = Objects.requireNonNullElse(value, "");
        for (String secret : secretValues) {
            if (text.contains(secret)) {
                return true;
            }
        }
        if (removeVariables.contains(upper)) {
            return true;
        }
        if (!nameRules || keepVariables.contains(upper)) {
            return false;
        }
        for (String part : SECRET_NAME_PARTS) {
            if (upper.contains(part)) {
                return true;
            }
        }
        return URL_WITH_PASSWORD.matcher(text).find();
    }

    /** {@code text} with every registered secret value replaced by {@code ****}. */
    public String redact(String text) {
        if (text == null || secretValues.isEmpty()) {
            return text;
        }
        String redacted = text;
        for (String secret : secretValues) {
            redacted = redacted.replace(secret, REDACTED);
        }
        return redacted;
    }

    /**
     * {@code in} with every registered secret value (its UTF-8 bytes) replaced by {@code ****} as it is
     * read: for files a command wrote (test reports), read after it ran. {@code in} itself when no secret
     * value is registered.
     */
    public InputStream redact(InputStream in) {
        if (secretValues.isEmpty()) {
            return in;
        }
        List<byte[]> secrets = new ArrayList<>();
        for (String secret : secretValues) {
            secrets.add(secret.getBytes(StandardCharsets.UTF_8));
        }
        return new RedactingInputStream(in, secrets, REDACTED.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * {@link #redact(String)} of a text that was cut before it could be masked (head and tail around the markers
     * {@code cut} matches, as a report parsed where its files are is cut before it reaches the secret values): a
     * registered value the text holds whole is masked, and so is a part of one that a cut left next to its marker,
     * at least {@value #MIN_CUT_PART_CHARS} characters of the value's start before the marker or of its end after.
     */
    public String redactCut(String text, Pattern cut) {
        String redacted = redact(text);
        if (redacted == null || secretValues.isEmpty()) {
            return redacted;
        }
        Matcher marker = cut.matcher(redacted);
        List<String> parts = new ArrayList<>();
        List<String> markers = new ArrayList<>();
        int from = 0;
        while (marker.find()) {
            parts.add(redacted.substring(from, marker.start()));
            markers.add(marker.group());
            from = marker.end();
        }
        if (markers.isEmpty()) {
            return redacted;
        }
        parts.add(redacted.substring(from));
        StringBuilder masked = new StringBuilder(redacted.length());
        for (int i = 0; i < parts.size(); i++) {
            String part = i > 0 ? maskPartAtStart(parts.get(i)) : parts.get(i);
            if (i < markers.size()) {
                masked.append(maskPartAtEnd(part)).append(markers.get(i));
            } else {
                masked.append(part);
            }
        }
        return masked.toString();
    }

    /** Parts of a secret value shorter than this, next to a cut, are left: too short to tell anything by. */
    static final int MIN_CUT_PART_CHARS = 4;

    /** {@code text} with its longest end that starts a registered value masked. */
    private String maskPartAtEnd(String text) {
        int longest = 0;
        for (String secret : secretValues) {
            for (int length = Math.min(secret.length() - 1, text.length()); length >= MIN_CUT_PART_CHARS
                    && length > longest; length--) {
                if (text.regionMatches(text.length() - length, secret, 0, length)) {
                    longest = length;
                }
            }
        }
        return longest == 0 ? text : text.substring(0, text.length() - longest) + REDACTED;
    }

    /** {@code text} with its longest start that ends a registered value masked. */
    private String maskPartAtStart(String text) {
        int longest = 0;
        for (String secret : secretValues) {
            for (int length = Math.min(secret.length() - 1, text.length()); length >= MIN_CUT_PART_CHARS
                    && length > longest; length--) {
                if (text.regionMatches(0, secret, secret.length() - length, length)) {
                    longest = length;
                }
            }
        }
        return longest == 0 ? text : REDACTED + text.substring(longest);
    }

    @Override
    public String toString() {
        return "EnvironmentPolicy[nameRules=" + nameRules + ", removeVariables=" + removeVariables
                + ", keepVariables=" + keepVariables + ", secretValues=" + secretValues.size() + " registered]";
    }

    /** Collects the settings; every method adds to what was given before. */
    public static final class Builder {
        private final List<String> removeVariables = new ArrayList<>();
        private final List<String> keepVariables = new ArrayList<>();
        private final List<String> secretValues = new ArrayList<>();
        private boolean nameRules = true;

        private Builder() {
        }

        /**
         * Whether variables whose name looks secret ({@link #SECRET_NAME_PARTS}) and URLs with a password
         * are dropped; default true. Registered names and values are dropped either way.
         */
        public Builder nameRules(boolean value) {
            nameRules = value;
            return this;
        }

        /** Variable names dropped whatever their value, e.g. the name of the variable holding the API key. */
        public Builder removeVariables(Collection<String> names) {
            for (String name : names) {
                removeVariables.add(checkName("removeVariables", name));
            }
            return this;
        }

        /** Variable names kept although their name (or URL value) looks secret, e.g. {@code SESSION_TIMEOUT}. */
        public Builder keepVariables(Collection<String> names) {
            for (String name : names) {
                keepVariables.add(checkName("keepVariables", name));
            }
            return this;
        }

        /**
         * A value no command may see (the API key, a credential): any variable whose value
         * contains it is dropped, and it is redacted from command output. Blank values are ignored.
         */
        public Builder secretValue(String value) {
            if (value != null && !value.isBlank()) {
                secretValues.add(value);
            }
            return this;
        }

        /** {@link #secretValue} for each. */
        public Builder secretValues(Collection<String> values) {
            values.forEach(this::secretValue);
            return this;
        }

        public EnvironmentPolicy build() {
            return new EnvironmentPolicy(this);
        }

        private static String checkName(String parameter, String name) {
            if (name == null || name.isBlank() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
                throw new InvalidRequestException(parameter, parameter + " has an invalid variable name '" + name
                        + "'; accepted: a name such as 'OPENAI_API_KEY' without '=' or NUL", null);
            }
            return name.strip();
        }
    }
}
