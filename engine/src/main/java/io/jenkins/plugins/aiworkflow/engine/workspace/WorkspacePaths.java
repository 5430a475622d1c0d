package io.jenkins.plugins.aiworkflow.engine.workspace;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.pattern.Glob;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * The path policy of every workspace: paths are relative to the workspace root, use
 * {@code /}, and are normalised; anything that could name a file outside the root is
 * refused with a message that says what was wrong and what is accepted: an
 * {@link InvalidRequestException} whose parameter is {@value #PATH} or {@value #GLOB}.
 */
public final class WorkspacePaths {
    /** Longer paths are refused before they reach the file system (Linux's PATH_MAX). */
    public static final int MAX_PATH_CHARS = 4096;
    /** The parameter a refused path is named by. */
    public static final String PATH = "path";
    /** The parameter a refused glob is named by. */
    public static final String GLOB = "glob";
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");
    // No example: the same words answer the agent's tools and aiwf validate's report paths.
    private static final String ACCEPTED = "accepted: a path relative to the workspace root";

    private WorkspacePaths() {
    }

    /**
     * Normalises a workspace-relative path: backslashes become {@code /}, {@code .} and empty
     * segments go, {@code ..} is resolved. Returns {@code ""} for the root itself.
     *
     * <p>Nothing is decoded: {@code %2e%2e} is a file name of six characters, and so are
     * Unicode look-alikes of dots and slashes; they can only name something inside the root.
     *
     * @throws InvalidRequestException if the path is absolute, has a drive or UNC prefix, a NUL
     *                                  character, climbs above the root, or is longer than
     *                                  {@link #MAX_PATH_CHARS}
     */
    public static String normalize(String path) {
        return normalize(path, PATH);
    }

    private static String normalize(String path, String parameter) {
        if (isNormal(path)) {
            return path; // the common case, such as every report path a listing found: one scan, nothing built
        }
        if (path == null) {
            throw refused(parameter, "path is missing; " + ACCEPTED);
        }
        if (path.length() > MAX_PATH_CHARS) {
            throw refused(parameter, "path '" + path.substring(0, 60) + "...' is " + path.length()
                    + " characters long; accepted: a path relative to the workspace root of at most " + MAX_PATH_CHARS
                    + " characters");
        }
        if (path.indexOf('\0') >= 0) {
            throw refused(parameter, "path '" + path.replace('\0', '?') + "' contains a NUL character; "
                    + ACCEPTED);
        }
        String slashed = path.replace('\\', '/');
        if (slashed.startsWith("/")) {
            throw refused(parameter, "path '" + path + "' is absolute (or a UNC path); " + ACCEPTED);
        }
        if (DRIVE.matcher(slashed).matches()) {
            throw refused(parameter, "path '" + path + "' has a drive letter; " + ACCEPTED);
        }
        if (slashed.startsWith("~")) {
            throw refused(parameter, "path '" + path + "' refers to a home directory; " + ACCEPTED);
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : slashed.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    throw refused(parameter, "path '" + path + "' leads outside the workspace; " + ACCEPTED);
                }
                segments.removeLast();
            } else {
                segments.addLast(segment);
            }
        }
        return String.join("/", segments);
    }

    /**
     * Whether {@link #normalize} would return the path as it is without refusing it: a relative path of names
     * separated by single {@code /}, none of them {@code .} or {@code ..}, without backslash, NUL, a leading
     * {@code ~} or anything that could be a drive. False sends a path down the full checks, so it may be false
     * for some normal paths.
     */
    private static boolean isNormal(String path) {
        int length = path == null ? 0 : path.length();
        if (length == 0 || length > MAX_PATH_CHARS || path.charAt(0) == '~' || length > 1 && path.charAt(1) == ':') {
            return false;
        }
        int nameStart = 0;
        for (int i = 0; i <= length; i++) {
            char c = i == length ? '/' : path.charAt(i);
            if (c == '/') {
                int nameLength = i - nameStart;
                if (nameLength == 0 || path.charAt(nameStart) == '.' && (nameLength == 1
                        || nameLength == 2 && path.charAt(nameStart + 1) == '.')) {
                    return false; // empty, "." or ".." (a leading "/" is an empty first name)
                }
                nameStart = i + 1;
            } else if (c == '\\' || c == '\0') {
                return false;
            }
        }
        return true;
    }

    private static InvalidRequestException refused(String parameter, String message) {
        return new InvalidRequestException(parameter, message, null);
    }

    /**
     * Checks an Ant-style include pattern ({@code **}/{@code *}/{@code ?}) and returns it
     * normalised; a trailing {@code /} means everything below, as in Ant.
     *
     * @throws InvalidRequestException naming {@value #GLOB}, if the glob is empty, names the root, or is
     *                                  refused as a path would be
     */
    public static String normalizeGlob(String glob) {
        if (glob == null || glob.isBlank()) {
            throw refused(GLOB, "glob is empty; accepted: an Ant-style pattern relative to the "
                    + "workspace root, such as '**/target/surefire-reports/TEST-*.xml'");
        }
        String trimmed = glob.strip();
        String normalized = normalize(trimmed, GLOB);
        if (normalized.isEmpty()) {
            throw refused(GLOB, "glob '" + glob + "' names the workspace root itself; accepted: a "
                    + "pattern for files, such as '**/*.xml'");
        }
        if (trimmed.endsWith("/") || trimmed.endsWith("\\")) {
            normalized += "/**";
        }
        return normalized;
    }

    /**
     * Whether a normalised path matches an Ant-style pattern ({@code **} any directories,
     * {@code *} and {@code ?} within one name; {@code dir/**} also matches {@code dir}). To match
     * many paths, compile the glob once ({@link Glob}).
     *
     * @param caseSensitive false compares as a case-insensitive file system would
     */
    public static boolean matches(String glob, String path, boolean caseSensitive) {
        return Glob.of(glob, caseSensitive).matches(path);
    }
}
