package io.jenkins.plugins.aiworkflow.engine.workspace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What git would ignore, from the workspace's {@code .gitignore} files (the root's and those of
 * the directories below, deeper ones taking precedence), with gitignore(5)'s pattern rules:
 * {@code #} comments, {@code !} re-includes, a leading or inner {@code /} anchors a pattern to its
 * file's directory, a trailing {@code /} matches directories only, {@code *}, {@code ?},
 * {@code [...]} and {@code **}; nothing below an ignored directory can be re-included. Not read:
 * {@code .git/info/exclude} and the user's global excludes file (they are not part of the
 * repository). Case-sensitive, as git on Linux.
 *
 * <p>Filled while walking: {@link #enter} must be called for a directory before anything below it
 * is asked about, parents before children (the order of a walk). Not thread-safe; one per walk.
 */
final class GitIgnore {
    /** Larger .gitignore files are read up to this many bytes. */
    static final int MAX_FILE_BYTES = 256 * 1024;

    private final Workspace workspace;
    /** Rules of the .gitignore of each directory entered ("" for the root), absent when it has none. */
    private final Map<String, List<Rule>> rules = new HashMap<>();
    /** Directories found ignored, so that everything below them is. */
    private final Map<String, Boolean> ignoredDirectories = new HashMap<>();

    private record Rule(Pattern pattern, boolean negated, boolean directoryOnly) {
    }

    GitIgnore(Workspace workspace) {
        this.workspace = workspace;
        enter("");
    }

    /** Reads the .gitignore of directory {@code dir} (normalised, "" for the root), if there is one. */
    void enter(String dir) {
        String file = dir.isEmpty() ? ".gitignore" : dir + "/.gitignore";
        List<Rule> parsed = List.of();
        try {
            Optional<WorkspaceFile> stat = workspace.stat(file);
            if (stat.isPresent() && !stat.get().directory()) {
                try (InputStream in = workspace.openRead(file)) {
                    parsed = parse(new String(in.readNBytes(MAX_FILE_BYTES), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException | WorkspaceException e) {
            // unreadable (or a link leading outside): as git would, go on without it
        }
        if (!parsed.isEmpty()) {
            rules.put(dir, parsed);
        }
    }

    /** Whether git ignores the directory {@code dir} (and so everything below it). */
    boolean ignoresDirectory(String dir) {
        if (dir.isEmpty()) {
            return false;
        }
        Boolean known = ignoredDirectories.get(dir);
        if (known != null) {
            return known;
        }
        int slash = dir.lastIndexOf('/');
        boolean ignored = (slash > 0 && ignoresDirectory(dir.substring(0, slash))) || matches(dir, true);
        ignoredDirectories.put(dir, ignored);
        return ignored;
    }

    /** Whether git ignores the file {@code path}, by its own name or by an ignored directory above it. */
    boolean ignoresFile(String path) {
        int slash = path.lastIndexOf('/');
        return (slash > 0 && ignoresDirectory(path.substring(0, slash))) || matches(path, false);
    }

    /** The last rule that matches decides, deeper .gitignore files after shallower ones. */
    private boolean matches(String path, boolean directory) {
        Boolean ignored = null;
        String dir = "";
        int from = 0;
        while (true) {
            List<Rule> here = rules.get(dir);
            if (here != null) {
                String relative = dir.isEmpty() ? path : path.substring(dir.length() + 1);
                for (Rule rule : here) {
                    if ((directory || !rule.directoryOnly()) && rule.pattern().matcher(relative).matches()) {
                        ignored = !rule.negated();
                    }
                }
            }
            int slash = path.indexOf('/', from);
            if (slash < 0) {
                break;
            }
            dir = path.substring(0, slash);
            from = slash + 1;
        }
        return ignored != null && ignored;
    }

    /** The rules of one .gitignore file, in order. Lines that are no valid pattern are skipped, as git does. */
    private static List<Rule> parse(String text) {
        List<Rule> parsed = new ArrayList<>();
        for (String raw : text.split("\r?\n")) {
            String line = trimTrailingSpaces(raw);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean negated = line.startsWith("!");
            if (negated) {
                line = line.substring(1);
            } else if (line.startsWith("\\!") || line.startsWith("\\#")) {
                line = line.substring(1);
            }
            boolean directoryOnly = line.endsWith("/") && !line.endsWith("\\/");
            if (directoryOnly) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty() || line.equals("/")) {
                continue;
            }
            // A slash at the start or in the middle anchors the pattern to the .gitignore's directory.
            boolean anchored = line.indexOf('/') >= 0;
            if (line.startsWith("/")) {
                line = line.substring(1);
            }
            try {
                parsed.add(new Rule(Pattern.compile((anchored ? "" : "(?:.*/)?") + regex(line)), negated,
                        directoryOnly));
            } catch (IllegalArgumentException e) {
                // an invalid pattern (e.g. an unclosed [): git matches nothing with it either
            }
        }
        return parsed;
    }

    /** Trailing spaces go unless escaped with a backslash. */
    private static String trimTrailingSpaces(String line) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ' && !(end > 1 && line.charAt(end - 2) == '\\')) {
            end--;
        }
        return line.substring(0, end);
    }

    /** The regular expression of one (unanchored-marker-free) pattern. */
    private static String regex(String pattern) {
        StringBuilder regex = new StringBuilder();
        int length = pattern.length();
        for (int i = 0; i < length; i++) {
            char c = pattern.charAt(i);
            boolean atNameStart = i == 0 || pattern.charAt(i - 1) == '/';
            if (c == '*' && i + 1 < length && pattern.charAt(i + 1) == '*' && atNameStart
                    && (i + 2 == length || pattern.charAt(i + 2) == '/')) {
                if (i + 2 == length) {
                    regex.append(".*"); // trailing /**: everything inside
                } else {
                    regex.append("(?:.*/)?"); // leading **/ or inner /**/: zero or more directories
                    i++;
                }
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else if (c == '[') {
                int end = classEnd(pattern, i);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed [ in " + pattern);
                }
                String inside = pattern.substring(i + 1, end);
                boolean negatedClass = inside.startsWith("!") || inside.startsWith("^");
                regex.append('[').append(negatedClass ? "^/" : "");
                for (char member : (negatedClass ? inside.substring(1) : inside).toCharArray()) {
                    // inside a Java class only these are special; '-' keeps its range meaning
                    regex.append("\\[]^&".indexOf(member) >= 0 ? "\\" + member : String.valueOf(member));
                }
                regex.append(']');
                i = end;
            } else if (c == '\\' && i + 1 < length) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }

    /** The index of the ] closing the class opened at {@code open} ({@code ]} right after [ or [! is a member). */
    private static int classEnd(String pattern, int open) {
        int i = open + 1;
        if (i < pattern.length() && (pattern.charAt(i) == '!' || pattern.charAt(i) == '^')) {
            i++;
        }
        if (i < pattern.length() && pattern.charAt(i) == ']') {
            i++;
        }
        return pattern.indexOf(']', i);
    }
}
