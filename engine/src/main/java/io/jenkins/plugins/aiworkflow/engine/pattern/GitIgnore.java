package io.jenkins.plugins.aiworkflow.engine.pattern;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What git would ignore, from the workspace's {@code .gitignore} files (the root's and those of
 * the directories below, deeper ones taking precedence), with gitignore(5)'s pattern rules:
 * {@code #} comments, {@code !} re-includes, a leading or inner {@code /} anchors a pattern to its
 * file's directory, a trailing {@code /} matches directories only, {@code *}, {@code ?},
 * {@code [...]} (with POSIX classes such as {@code [[:digit:]]}) and {@code **}, matched as git's
 * wildmatch does, by {@link Wildmatch}, without backtracking; nothing below an ignored directory can
 * be re-included. Files are read as git reads them (a UTF-8 byte order mark skipped, CRLF lines).
 * Not read:
 * {@code .git/info/exclude} and the user's global excludes file (they are not part of the
 * repository). Case-sensitive, as git on Linux.
 *
 * <p>Filled while walking: {@link #enter} must be called for a directory before anything below it
 * is asked about, parents before children (the order of a walk). Not thread-safe; one per walk.
 */
public final class GitIgnore {
    /** Larger .gitignore files are read up to this many bytes. */
    public static final int MAX_FILE_BYTES = 256 * 1024;

    private final Source source;
    /** Rules of the .gitignore of each directory entered ("" for the root), absent when it has none. */
    private final Map<String, List<Rule>> rules = new HashMap<>();
    /** Directories found ignored, so that everything below them is. */
    private final Map<String, Boolean> ignoredDirectories = new HashMap<>();

    /** One line: its pattern, and whether it is matched against the name only rather than the relative path. */
    private record Rule(Wildmatch pattern, boolean negated, boolean directoryOnly, boolean basename) {
    }

    /**
     * Where the {@code .gitignore} files come from: a workspace's files, or the copies a recorded state
     * kept, so that a restore ignores what the recording ignored.
     */
    @FunctionalInterface
    public interface Source {
        /**
         * The first {@link #MAX_FILE_BYTES} bytes of the .gitignore of {@code dir}, null when it has none.
         *
         * @throws IOException when it cannot be read (also when it may not be: a link leading outside)
         */
        byte[] read(String dir) throws IOException;
    }

    /** The rules of the root's .gitignore, read from {@code source} at once; deeper ones as {@link #enter} asks. */
    public GitIgnore(Source source) {
        this.source = source;
        enter("");
    }

    /** Reads the .gitignore of directory {@code dir} (normalised, "" for the root), if there is one. */
    public void enter(String dir) {
        List<Rule> parsed = List.of();
        try {
            byte[] text = source.read(dir);
            if (text != null) {
                parsed = parse(text);
            }
        } catch (IOException e) {
            // unreadable (or a link leading outside): as git would, go on without it
        }
        if (!parsed.isEmpty()) {
            rules.put(dir, parsed);
        }
    }

    /** Whether git ignores the directory {@code dir} (and so everything below it). */
    public boolean ignoresDirectory(String dir) {
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
    public boolean ignoresFile(String path) {
        int slash = path.lastIndexOf('/');
        return (slash > 0 && ignoresDirectory(path.substring(0, slash))) || matches(path, false);
    }

    /** The last rule that matches decides, deeper .gitignore files after shallower ones. */
    private boolean matches(String path, boolean directory) {
        // matched as git does, on the bytes of the path; '/' is one byte in UTF-8, so indexes of it carry over
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        int nameStart = lastSlash(bytes, bytes.length) + 1;
        Boolean ignored = null;
        String dir = "";
        int from = 0; // where the path relative to dir starts, in bytes
        int charSlash = -1;
        while (true) {
            List<Rule> here = rules.get(dir);
            if (here != null) {
                for (Rule rule : here) {
                    if ((directory || !rule.directoryOnly())
                            && rule.pattern().matches(bytes, rule.basename() ? nameStart : from, bytes.length)) {
                        ignored = !rule.negated();
                    }
                }
            }
            int slash = indexOfSlash(bytes, from);
            if (slash < 0) {
                break;
            }
            charSlash = path.indexOf('/', charSlash + 1); // the same slash, counted in chars
            dir = path.substring(0, charSlash);
            from = slash + 1;
        }
        return ignored != null && ignored;
    }

    private static int indexOfSlash(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '/') {
                return i;
            }
        }
        return -1;
    }

    private static int lastSlash(byte[] bytes, int before) {
        for (int i = before - 1; i >= 0; i--) {
            if (bytes[i] == '/') {
                return i;
            }
        }
        return -1;
    }

    /**
     * The rules of one .gitignore file, in order, read as git reads it (dir.c): a UTF-8 byte order
     * mark at the start is skipped, lines end at LF (a CR before it is dropped) or at a NUL byte,
     * lines starting with {@code #} are comments, unescaped trailing spaces go.
     */
    private static List<Rule> parse(byte[] text) {
        int start = text.length >= 3 && (text[0] & 0xff) == 0xef && (text[1] & 0xff) == 0xbb
                && (text[2] & 0xff) == 0xbf ? 3 : 0;
        List<Rule> parsed = new ArrayList<>();
        while (start < text.length) {
            int end = start;
            while (end < text.length && text[end] != '\n') {
                end++;
            }
            int lineEnd = end > start && text[end - 1] == '\r' ? end - 1 : end;
            for (int i = start; i < lineEnd; i++) {
                if (text[i] == 0) {
                    lineEnd = i;
                }
            }
            if (lineEnd > start && text[start] != '#') {
                Rule rule = rule(Arrays.copyOfRange(text, start, trimTrailingSpaces(text, start, lineEnd)));
                if (rule != null) {
                    parsed.add(rule);
                }
            }
            start = end + 1;
        }
        return parsed;
    }

    /** The rule of one line (comments and trailing spaces gone), null for one that can match nothing. */
    private static Rule rule(byte[] line) {
        int from = 0;
        int to = line.length;
        boolean negated = to > 0 && line[0] == '!';
        if (negated) {
            from++;
        }
        // git drops a trailing '/' even after a backslash, leaving a pattern that ends in one (matching nothing)
        boolean directoryOnly = to > from && line[to - 1] == '/';
        if (directoryOnly) {
            to--;
        }
        boolean basename = true; // without a slash (but a trailing one) the pattern matches a name at any depth
        for (int i = from; i < to; i++) {
            if (line[i] == '/') {
                basename = false;
            }
        }
        if (!basename && line[from] == '/') {
            from++; // a leading slash only anchors
        }
        if (from == to) {
            return null;
        }
        return new Rule(Wildmatch.compile(Arrays.copyOfRange(line, from, to), !basename), negated, directoryOnly,
                basename);
    }

    /** The end of the line without its trailing spaces; a backslash escapes the next byte, a space too. */
    private static int trimTrailingSpaces(byte[] text, int start, int end) {
        int lastSpace = -1;
        for (int i = start; i < end; i++) {
            if (text[i] == ' ') {
                if (lastSpace < 0) {
                    lastSpace = i;
                }
            } else {
                if (text[i] == '\\' && ++i == end) {
                    return end;
                }
                lastSpace = -1;
            }
        }
        return lastSpace < 0 ? end : lastSpace;
    }
}
