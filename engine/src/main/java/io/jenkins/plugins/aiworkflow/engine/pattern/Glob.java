package io.jenkins.plugins.aiworkflow.engine.pattern;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.codehaus.plexus.util.SelectorUtils;

/**
 * An Ant-style glob compiled once, for matching many paths: the pattern is split into its names
 * when it is built, and a path is matched in place, name by name, without copying, splitting or
 * lower-casing it. It matches exactly like workspace globs always matched through plexus-utils'
 * {@code SelectorUtils.matchPath} ({@link #matchesWithPlexus}; {@code **} any directories, {@code *} and
 * {@code ?} within one name, {@code \} counts as {@code /}, empty names are ignored,
 * {@code dir/**} also matches {@code dir}; case-insensitive means what
 * {@code String.equalsIgnoreCase} means per character); only the cost differs. Listing a large
 * tree asks a glob about every file, which is why this exists. Patterns in plexus' {@code %regex[...]}
 * and {@code %ant[...]} forms are passed to plexus as before. Immutable and thread-safe.
 */
public final class Glob {
    private static final char[] DOUBLE_STAR = {'*', '*'};

    private final String pattern;
    private final boolean caseSensitive;
    /** The pattern's names; {@link #DOUBLE_STAR} itself for each {@code **}. */
    private final char[][] names;
    /** For a pattern ending in {@code /**}: the names without it, which also match (dir/** matches dir). */
    private final char[][] prefixNames;
    /** Whether the pattern is only {@code **}s, which match every path (that starts like the pattern). */
    private final boolean everything;
    /** Ant matches only paths that start with a separator against patterns that do, and the other way round. */
    private final boolean rooted;
    private final boolean prefixRooted;
    /** Non-null for plexus' %regex[...] and %ant[...] forms, which plexus keeps matching. */
    private final String plexusPattern;

    private Glob(String pattern, boolean caseSensitive) {
        this.pattern = pattern;
        this.caseSensitive = caseSensitive;
        if (isPlexusForm(pattern, "%regex[") || isPlexusForm(pattern, "%ant[")) {
            plexusPattern = pattern;
            names = null;
            prefixNames = null;
            everything = false;
            rooted = false;
            prefixRooted = false;
            return;
        }
        plexusPattern = null;
        names = split(pattern);
        rooted = !pattern.isEmpty() && isSeparator(pattern.charAt(0));
        String prefix = pattern.endsWith("/**") ? pattern.substring(0, pattern.length() - 3) : null;
        prefixNames = prefix == null ? null : split(prefix);
        prefixRooted = prefix != null && !prefix.isEmpty() && isSeparator(prefix.charAt(0));
        boolean onlyDoubleStars = names.length > 0; // an empty pattern matches only the empty path
        for (char[] name : names) {
            onlyDoubleStars &= name == DOUBLE_STAR;
        }
        everything = onlyDoubleStars;
    }

    /**
     * Compiles a glob.
     *
     * @param caseSensitive false compares as a case-insensitive file system would
     */
    public static Glob of(String pattern, boolean caseSensitive) {
        return new Glob(Objects.requireNonNull(pattern, "pattern"), caseSensitive);
    }

    /** As plexus tells its {@code %regex[...]} and {@code %ant[...]} forms (its own checks are not public in 4.x). */
    private static boolean isPlexusForm(String pattern, String prefix) {
        return pattern.length() > prefix.length() + 2 && pattern.startsWith(prefix) && pattern.endsWith("]");
    }

    public String pattern() {
        return pattern;
    }

    /** Whether a path matches. */
    public boolean matches(String path) {
        return matches(path, plexusPattern != null || everything ? null : nameBounds(path));
    }

    /**
     * {@link #matches(String)} with the path's {@link #nameBounds} computed once by a caller that asks
     * several globs about the same path (null: computed here when needed).
     */
    public boolean matches(String path, int[] pathBounds) {
        if (plexusPattern != null) {
            return matchesWithPlexus(plexusPattern, path, caseSensitive);
        }
        boolean pathRooted = !path.isEmpty() && isSeparator(path.charAt(0));
        if (everything && pathRooted == rooted) {
            return true;
        }
        int[] bounds = pathBounds != null ? pathBounds : nameBounds(path);
        return (prefixNames != null && pathRooted == prefixRooted && matchNames(prefixNames, path, bounds))
                || (pathRooted == rooted && matchNames(names, path, bounds));
    }

    /**
     * Whether every path below the directory {@code dir} (not {@code dir} itself) matches: the
     * pattern is only {@code **}s, or ends in {@code /**} after names that match {@code dir}. A walk
     * can then treat the whole subtree alike without asking about each file.
     */
    public boolean matchesEverythingBelow(String dir) {
        if (plexusPattern != null) {
            return false; // cannot tell from a regular expression; ask per file
        }
        boolean dirRooted = !dir.isEmpty() && isSeparator(dir.charAt(0));
        return dirRooted == rooted && (everything
                || (prefixNames != null && dirRooted == prefixRooted && matchNames(prefixNames, dir, nameBounds(dir))));
    }

    /**
     * Whether a path below the directory {@code dir} could match: {@code dir} matches the pattern's
     * names up to its first {@code **} (plexus' {@code matchPatternStart}; false positives are
     * possible, false negatives are not).
     */
    public boolean couldMatchBelow(String dir) {
        if (plexusPattern != null) {
            return SelectorUtils.matchPatternStart(plexusPattern, dir, caseSensitive);
        }
        int[] bounds = nameBounds(dir);
        int patStart = 0;
        int patEnd = names.length - 1;
        int strStart = 0;
        int strEnd = bounds.length / 2 - 1;
        while (patStart <= patEnd && strStart <= strEnd) {
            char[] name = names[patStart];
            if (name == DOUBLE_STAR) {
                break;
            }
            if (!matchName(name, dir, bounds[2 * strStart], bounds[2 * strStart + 1], caseSensitive)) {
                return false;
            }
            patStart++;
            strStart++;
        }
        return strStart > strEnd || patStart <= patEnd;
    }

    @Override
    public String toString() {
        return pattern;
    }

    /** How paths were matched through plexus-utils before this class; kept for plexus' own pattern forms. */
    static boolean matchesWithPlexus(String glob, String path, boolean caseSensitive) {
        if (glob.endsWith("/**") && SelectorUtils.matchPath(glob.substring(0, glob.length() - 3), path, "/",
                caseSensitive)) {
            return true;
        }
        return SelectorUtils.matchPath(glob, path, "/", caseSensitive);
    }

    private static char[][] split(String pattern) {
        List<char[]> names = new ArrayList<>();
        String slashed = pattern.replace('\\', '/');
        int start = 0;
        while (start <= slashed.length()) {
            int end = slashed.indexOf('/', start);
            if (end < 0) {
                end = slashed.length();
            }
            if (end > start) {
                String name = slashed.substring(start, end);
                names.add(name.equals("**") ? DOUBLE_STAR : name.toCharArray());
            }
            start = end + 1;
        }
        return names.toArray(new char[0][]);
    }

    /** Start and end (exclusive) of each non-empty name of the path, {@code /} and {@code \} separating. */
    public static int[] nameBounds(String path) {
        int count = 0;
        int length = path.length();
        boolean inName = false;
        for (int i = 0; i < length; i++) {
            boolean separator = isSeparator(path.charAt(i));
            if (!separator && !inName) {
                count++;
            }
            inName = !separator;
        }
        int[] bounds = new int[2 * count];
        int n = 0;
        int start = -1;
        for (int i = 0; i <= length; i++) {
            boolean separator = i == length || isSeparator(path.charAt(i));
            if (separator && start >= 0) {
                bounds[n++] = start;
                bounds[n++] = i;
                start = -1;
            } else if (!separator && start < 0) {
                start = i;
            }
        }
        return bounds;
    }

    private static boolean isSeparator(char c) {
        return c == '/' || c == '\\';
    }

    /** Ant's path matching (as in plexus' SelectorUtils.matchAntPathPattern) over precomputed names and bounds. */
    private boolean matchNames(char[][] pat, String path, int[] bounds) {
        int patStart = 0;
        int patEnd = pat.length - 1;
        int strStart = 0;
        int strEnd = bounds.length / 2 - 1;

        // up to the first **
        while (patStart <= patEnd && strStart <= strEnd) {
            char[] name = pat[patStart];
            if (name == DOUBLE_STAR) {
                break;
            }
            if (!matchName(name, path, bounds[2 * strStart], bounds[2 * strStart + 1], caseSensitive)) {
                return false;
            }
            patStart++;
            strStart++;
        }
        if (strStart > strEnd) {
            return onlyDoubleStars(pat, patStart, patEnd);
        }
        if (patStart > patEnd) {
            return false;
        }

        // back to the last **
        while (patStart <= patEnd && strStart <= strEnd) {
            char[] name = pat[patEnd];
            if (name == DOUBLE_STAR) {
                break;
            }
            if (!matchName(name, path, bounds[2 * strEnd], bounds[2 * strEnd + 1], caseSensitive)) {
                return false;
            }
            patEnd--;
            strEnd--;
        }
        if (strStart > strEnd) {
            return onlyDoubleStars(pat, patStart, patEnd);
        }

        // the names between **s, each run found at its first place
        while (patStart != patEnd && strStart <= strEnd) {
            int nextDoubleStar = -1;
            for (int i = patStart + 1; i <= patEnd; i++) {
                if (pat[i] == DOUBLE_STAR) {
                    nextDoubleStar = i;
                    break;
                }
            }
            if (nextDoubleStar == patStart + 1) {
                patStart++; // **/**
                continue;
            }
            int patLength = nextDoubleStar - patStart - 1;
            int strLength = strEnd - strStart + 1;
            int found = -1;
            candidates:
            for (int i = 0; i <= strLength - patLength; i++) {
                for (int j = 0; j < patLength; j++) {
                    int at = strStart + i + j;
                    if (!matchName(pat[patStart + j + 1], path, bounds[2 * at], bounds[2 * at + 1], caseSensitive)) {
                        continue candidates;
                    }
                }
                found = strStart + i;
                break;
            }
            if (found == -1) {
                return false;
            }
            patStart = nextDoubleStar;
            strStart = found + patLength;
        }
        return onlyDoubleStars(pat, patStart, patEnd);
    }

    private static boolean onlyDoubleStars(char[][] pat, int from, int to) {
        for (int i = from; i <= to; i++) {
            if (pat[i] != DOUBLE_STAR) {
                return false;
            }
        }
        return true;
    }

    /** Ant's name matching (plexus' SelectorUtils.match) of {@code pat} against {@code str[from, to)}. */
    static boolean matchName(char[] pat, String str, int from, int to, boolean caseSensitive) {
        int patStart = 0;
        int patEnd = pat.length - 1;
        int strStart = from;
        int strEnd = to - 1;
        boolean star = false;
        for (char c : pat) {
            if (c == '*') {
                star = true;
                break;
            }
        }
        if (!star) {
            if (patEnd != strEnd - strStart) {
                return false;
            }
            for (int i = 0; i <= patEnd; i++) {
                char c = pat[i];
                if (c != '?' && !same(c, str.charAt(strStart + i), caseSensitive)) {
                    return false;
                }
            }
            return true;
        }
        if (patEnd == 0) {
            return true; // only *
        }
        char c;
        while ((c = pat[patStart]) != '*' && strStart <= strEnd) {
            if (c != '?' && !same(c, str.charAt(strStart), caseSensitive)) {
                return false;
            }
            patStart++;
            strStart++;
        }
        if (strStart > strEnd) {
            return onlyStars(pat, patStart, patEnd);
        }
        while ((c = pat[patEnd]) != '*' && strStart <= strEnd) {
            if (c != '?' && !same(c, str.charAt(strEnd), caseSensitive)) {
                return false;
            }
            patEnd--;
            strEnd--;
        }
        if (strStart > strEnd) {
            return onlyStars(pat, patStart, patEnd);
        }
        while (patStart != patEnd && strStart <= strEnd) {
            int nextStar = -1;
            for (int i = patStart + 1; i <= patEnd; i++) {
                if (pat[i] == '*') {
                    nextStar = i;
                    break;
                }
            }
            if (nextStar == patStart + 1) {
                patStart++; // **
                continue;
            }
            int patLength = nextStar - patStart - 1;
            int strLength = strEnd - strStart + 1;
            int found = -1;
            candidates:
            for (int i = 0; i <= strLength - patLength; i++) {
                for (int j = 0; j < patLength; j++) {
                    c = pat[patStart + j + 1];
                    if (c != '?' && !same(c, str.charAt(strStart + i + j), caseSensitive)) {
                        continue candidates;
                    }
                }
                found = strStart + i;
                break;
            }
            if (found == -1) {
                return false;
            }
            patStart = nextStar;
            strStart = found + patLength;
        }
        return onlyStars(pat, patStart, patEnd);
    }

    private static boolean onlyStars(char[] pat, int from, int to) {
        for (int i = from; i <= to; i++) {
            if (pat[i] != '*') {
                return false;
            }
        }
        return true;
    }

    /** Equal characters, or, ignoring case, equal in upper or in lower case (as plexus and String.equalsIgnoreCase). */
    private static boolean same(char a, char b, boolean caseSensitive) {
        if (a == b) {
            return true;
        }
        return !caseSensitive && (Character.toUpperCase(a) == Character.toUpperCase(b)
                || Character.toLowerCase(a) == Character.toLowerCase(b));
    }
}
