package io.jenkins.plugins.aiworkflow.engine.workspace;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.pattern.Glob;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which workspace paths are writable, read-only and hidden, by Ant-style globs: a path is writable
 * when it matches one of the {@link #writable()} globs and none of the {@link #readOnly()} globs.
 * {@code .git} is always read-only and always hidden. Read-only and hidden globs match
 * case-insensitively (and ignore trailing dots and spaces of names), so that {@code .GIT/config} on a
 * case-insensitive file system cannot slip through; writable globs match exactly.
 *
 * <p>The file rules of the agent's policy, and the selection of a recorded workspace state
 * ({@link StateRequest}): a recording runs where the files are, below the agent's sandbox, and
 * selects the files exactly as the policy matches them. Immutable; serializable as its globs (they are compiled
 * again where they arrive), so that a {@link WorkspaceTask} can carry the rules to where the files are.
 */
public final class PathRules implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Always read-only, whatever else is configured. */
    public static final List<String> ALWAYS_READ_ONLY = List.of(".git", ".git/**", "**/.git", "**/.git/**");
    /** Always hidden, whatever else is configured. */
    public static final List<String> ALWAYS_HIDDEN = ALWAYS_READ_ONLY;

    private final List<String> writable;
    private final List<String> readOnly;
    private final List<String> hidden;
    // Compiled once: listing a large tree asks about every file (see Glob). Not sent: see readResolve.
    private final transient List<Glob> writableGlobs;
    private final transient List<Glob> readOnlyGlobs;
    private final transient List<Glob> hiddenGlobs;
    /** The read-only and hidden globs given beyond {@link #ALWAYS_READ_ONLY} and {@link #ALWAYS_HIDDEN}. */
    private final transient List<Glob> protectingGlobs;

    private PathRules(List<String> writable, List<String> readOnly, List<String> hidden) {
        this.writable = writable;
        this.readOnly = readOnly;
        this.hidden = hidden;
        this.writableGlobs = compile(writable, true);
        this.readOnlyGlobs = compileIgnoringCase(readOnly);
        this.hiddenGlobs = compileIgnoringCase(hidden);
        List<String> given = new ArrayList<>(concat(readOnly, hidden));
        given.removeAll(ALWAYS_READ_ONLY);
        given.removeAll(ALWAYS_HIDDEN);
        this.protectingGlobs = compileIgnoringCase(given);
    }

    /** The rules as they arrive from serialization: the globs compiled again, already checked and normalised. */
    private Object readResolve() {
        return new PathRules(List.copyOf(writable), List.copyOf(readOnly), List.copyOf(hidden));
    }

    /**
     * The rules of these globs, each checked and normalised ({@link WorkspacePaths#normalizeGlob});
     * {@link #ALWAYS_READ_ONLY} and {@link #ALWAYS_HIDDEN} are added.
     *
     * @throws InvalidRequestException naming the parameter ({@code writable}, {@code readOnly},
     *                                 {@code hidden}) of a refused glob
     */
    public static PathRules of(Collection<String> writable, Collection<String> readOnly, Collection<String> hidden) {
        return new PathRules(globs("writable", writable), globs("readOnly", concat(ALWAYS_READ_ONLY, readOnly)),
                globs("hidden", concat(ALWAYS_HIDDEN, hidden)));
    }

    /** The writable globs, normalised. */
    public List<String> writable() {
        return writable;
    }

    /** The read-only globs, normalised, {@link #ALWAYS_READ_ONLY} first. */
    public List<String> readOnly() {
        return readOnly;
    }

    /** The hidden globs, normalised, {@link #ALWAYS_HIDDEN} first. */
    public List<String> hidden() {
        return hidden;
    }

    /** Whether this normalised path matches a writable glob and no read-only one. */
    public boolean isWritable(String path) {
        return readOnlyMatch(path) == null && matchesWritable(path);
    }

    /** Whether this normalised path matches a writable glob (whatever the read-only ones say). */
    public boolean matchesWritable(String path) {
        for (Glob glob : writableGlobs) {
            if (glob.matches(path)) {
                return true;
            }
        }
        return false;
    }

    /** The read-only glob this normalised path matches ({@code .git} always does), or null. */
    public String readOnlyMatch(String path) {
        return firstMatchIgnoringCase(readOnlyGlobs, path);
    }

    /** The hidden glob this normalised path matches, or null. */
    public String hiddenMatch(String path) {
        return firstMatchIgnoringCase(hiddenGlobs, path);
    }

    /** Whether this normalised path is hidden. */
    public boolean isHidden(String path) {
        return hiddenMatch(path) != null;
    }

    /**
     * Whether every path below the normalised directory {@code dir} is hidden (a hidden glob such as
     * {@code **}{@code /node_modules/**} covers the whole subtree), so that a walk need not enter it.
     * Only a shortcut: when true, {@link #isHidden} is true for every path below {@code dir}.
     */
    public boolean hidesEverythingBelow(String dir) {
        String trimmed = needsTrim(dir) ? trim(dir) : null;
        for (Glob glob : hiddenGlobs) {
            if (glob.matchesEverythingBelow(dir) || (trimmed != null && glob.matchesEverythingBelow(trimmed))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a read-only or hidden glob given to these rules (the always-present {@code .git} ones
     * aside, which only match what workspaces never list) could match a path below the normalised
     * directory {@code dir}.
     */
    public boolean mayProtectBelow(String dir) {
        for (Glob glob : protectingGlobs) {
            if (glob.couldMatchBelow(dir)) {
                return true;
            }
        }
        return false;
    }

    /** Globs compiled to match as read-only and hidden globs do ({@link #firstMatchIgnoringCase}). */
    public static List<Glob> compileIgnoringCase(List<String> globs) {
        return compile(globs, false);
    }

    /**
     * The pattern of the first of {@code globs} (compiled by {@link #compileIgnoringCase}) that matches the
     * normalised path, or its names without trailing dots and spaces (which Windows drops); null if none does.
     */
    public static String firstMatchIgnoringCase(List<Glob> globs, String path) {
        // Listing a large tree asks this for every file: only build the trimmed form when it differs.
        boolean needsTrim = needsTrim(path);
        String trimmed = needsTrim ? trim(path) : path;
        int[] names = Glob.nameBounds(path);
        int[] trimmedNames = needsTrim ? Glob.nameBounds(trimmed) : null;
        for (Glob glob : globs) {
            if (glob.matches(path, names) || (needsTrim && glob.matches(trimmed, trimmedNames))) {
                return glob.pattern();
            }
        }
        return null;
    }

    private static boolean needsTrim(String path) {
        return path.contains("./") || path.contains(" /") || path.endsWith(".") || path.endsWith(" ");
    }

    private static String trim(String path) {
        return Arrays.stream(path.split("/")).map(PathRules::stripTrailingDotsAndSpaces)
                .collect(Collectors.joining("/"));
    }

    private static String stripTrailingDotsAndSpaces(String name) {
        int end = name.length();
        while (end > 0 && (name.charAt(end - 1) == '.' || name.charAt(end - 1) == ' ')) {
            end--;
        }
        return end == 0 ? name : name.substring(0, end);
    }

    private static List<Glob> compile(List<String> globs, boolean caseSensitive) {
        return globs.stream().map(glob -> Glob.of(glob, caseSensitive)).toList();
    }

    private static List<String> concat(Collection<String> first, Collection<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static List<String> globs(String parameter, Collection<String> globs) {
        Set<String> normalized = new LinkedHashSet<>();
        for (String glob : globs) {
            try {
                normalized.add(WorkspacePaths.normalizeGlob(glob));
            } catch (InvalidRequestException e) {
                throw new InvalidRequestException(parameter, parameter + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(normalized);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PathRules rules && writable.equals(rules.writable) && readOnly.equals(rules.readOnly)
                && hidden.equals(rules.hidden);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(writable, readOnly, hidden);
    }

    @Override
    public String toString() {
        return "PathRules[writable=" + writable + ", readOnly=" + readOnly + ", hidden=" + hidden + "]";
    }
}
