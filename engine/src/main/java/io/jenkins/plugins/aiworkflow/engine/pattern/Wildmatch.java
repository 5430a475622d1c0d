package io.jenkins.plugins.aiworkflow.engine.pattern;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One gitignore pattern, compiled once and matched without backtracking: git's wildmatch (the
 * {@code WM_PATHNAME} flavour used for {@code .gitignore} files) as a small nondeterministic
 * automaton that is run over the path once, keeping the set of pattern positions reached, so a
 * match costs at most (path length × pattern length) steps whatever the pattern. (A translation to
 * {@link java.util.regex} backtracks, exponentially so for {@code *a*a*a*a*a*a*a*a*b} against a
 * long name of {@code a}s.)
 *
 * <p>Matched like git on bytes (the UTF-8 encoding of pattern and path): {@code ?} is one byte
 * other than {@code /}; {@code *} any bytes other than {@code /}; {@code [...]} one byte other than
 * {@code /} in (or with a leading {@code !} or {@code ^}, not in) the class, a {@code ]} right after
 * the {@code [} (or {@code [!}) being a member, with ranges {@code a-z}, escapes and the ASCII POSIX
 * classes {@code [:alnum:]} and so on; a backslash makes the next byte literal; {@code **} matches
 * across {@code /} only as a whole name: a leading {@code **}{@code /} or inner {@code /**}{@code /}
 * any number of directories (also none), a trailing {@code /**} everything below; anywhere else it
 * is {@code *}. A pattern with an unclosed or unknown class, or a trailing backslash, matches
 * nothing, as in git. Immutable.
 */
final class Wildmatch {
    private static final int LITERAL = 0;
    /** {@code ?} or a class: one byte of {@link #classes} (never {@code /}). */
    private static final int ONE = 1;
    /** {@code *}: any number of bytes other than {@code /}. */
    private static final int STAR = 2;
    /** {@code **} as a whole name: any number of any bytes. */
    private static final int STAR_STAR = 3;
    /**
     * Consumes nothing: goes on to the {@link #STAR_STAR} after it, or past that and the {@code /}
     * after it (a leading or inner {@code **}{@code /} matching no directory, which git tries only
     * where the {@code **} starts, not after it has matched some bytes).
     */
    private static final int NO_DIRECTORY = 4;
    private static final Set<String> POSIX_CLASSES = Set.of("alnum", "alpha", "blank", "cntrl", "digit", "graph",
            "lower", "print", "punct", "space", "upper", "xdigit");

    /** Kind of each position of the pattern. */
    private final int[] kinds;
    /** The byte of each {@link #LITERAL} position. */
    private final byte[] literals;
    /** The bytes (unsigned, as index) each {@link #ONE} position accepts. */
    private final boolean[][] classes;
    /** A pattern that can match nothing (a malformed class, a trailing backslash). */
    private final boolean never;

    private Wildmatch(List<Integer> kinds, List<Byte> literals, List<boolean[]> classes, boolean never) {
        int size = kinds.size();
        this.kinds = new int[size];
        this.literals = new byte[size];
        this.classes = new boolean[size][];
        for (int i = 0; i < size; i++) {
            this.kinds[i] = kinds.get(i);
            this.literals[i] = literals.get(i);
            this.classes[i] = classes.get(i);
        }
        this.never = never;
    }

    /**
     * Compiles {@code pattern} (with no leading {@code !}, trailing {@code /} or leading anchoring
     * {@code /}). {@code literalPrefix} is how git matches a pattern containing a slash: it compares
     * the pattern's first bytes up to its first {@code *?[\} literally and hands only the rest to
     * wildmatch, so a {@code **} that starts the rest counts as starting a name ({@code foo**}{@code /bar}
     * matches {@code foo/x/bar} in git); such patterns are compiled the same way here.
     */
    static Wildmatch compile(byte[] pattern, boolean literalPrefix) {
        List<Integer> kinds = new ArrayList<>();
        List<Byte> literals = new ArrayList<>();
        List<boolean[]> classes = new ArrayList<>();
        int restStart = literalPrefix ? simpleLength(pattern) : 0;
        int length = pattern.length;
        boolean never = false;
        for (int i = 0; i < length && !never; i++) {
            byte c = pattern[i];
            int kind = LITERAL;
            byte literal = c;
            boolean[] accepted = null;
            if (c == '\\') {
                if (i + 1 == length) {
                    never = true; // git compares the pattern's terminating NUL with a byte of the path
                    break;
                }
                literal = pattern[++i];
            } else if (c == '?') {
                kind = ONE;
                accepted = new boolean[256];
                Arrays.fill(accepted, true);
                accepted['/'] = false;
            } else if (c == '[') {
                int[] end = new int[1];
                accepted = parseClass(pattern, i, end);
                if (accepted == null) {
                    never = true;
                    break;
                }
                kind = ONE;
                i = end[0];
            } else if (c == '*') {
                int run = i;
                while (i + 1 < length && pattern[i + 1] == '*') {
                    i++;
                }
                boolean startsName = run == 0 || run == restStart || pattern[run - 1] == '/';
                boolean endsName = i + 1 == length || pattern[i + 1] == '/'
                        || (pattern[i + 1] == '\\' && i + 2 < length && pattern[i + 2] == '/');
                if (i > run && startsName && endsName) {
                    kind = STAR_STAR;
                    if (i + 1 < length && pattern[i + 1] == '/') {
                        kinds.add(NO_DIRECTORY);
                        literals.add((byte) 0);
                        classes.add(null);
                    }
                } else {
                    kind = STAR;
                }
            }
            kinds.add(kind);
            literals.add(literal);
            classes.add(accepted);
        }
        return new Wildmatch(kinds, literals, classes, never);
    }

    /** How many bytes of the pattern come before its first {@code *}, {@code ?}, {@code [} or {@code \}. */
    private static int simpleLength(byte[] pattern) {
        for (int i = 0; i < pattern.length; i++) {
            byte c = pattern[i];
            if (c == '*' || c == '?' || c == '[' || c == '\\') {
                return i;
            }
        }
        return pattern.length;
    }

    /**
     * The bytes accepted by the class opened at {@code open} (never {@code /}), its closing
     * {@code ]} stored in {@code end[0]}; null if it is malformed. Follows git's wildmatch.c closely,
     * down to its corner cases ({@code [:} without {@code :]} is a plain {@code [}, a {@code -} at
     * either end or right after a range or class is a plain {@code -}).
     */
    private static boolean[] parseClass(byte[] pattern, int open, int[] end) {
        int length = pattern.length;
        boolean[] members = new boolean[256];
        int i = open + 1;
        if (i >= length) {
            return null;
        }
        boolean negated = pattern[i] == '!' || pattern[i] == '^';
        if (negated) {
            i++;
        }
        int previous = 0; // the last single member, 0 after a range or class (no range may start there)
        while (true) {
            if (i >= length) {
                return null;
            }
            int c = pattern[i] & 0xff;
            int current;
            if (c == '\\') {
                if (++i >= length) {
                    return null;
                }
                current = pattern[i] & 0xff;
                members[current] = true;
            } else if (c == '-' && previous != 0 && i + 1 < length && pattern[i + 1] != ']') {
                int high = pattern[++i] & 0xff;
                if (high == '\\') {
                    if (++i >= length) {
                        return null;
                    }
                    high = pattern[i] & 0xff;
                }
                for (int member = previous; member <= high; member++) {
                    members[member] = true;
                }
                current = 0;
            } else if (c == '[' && i + 1 < length && pattern[i + 1] == ':') {
                int nameStart = i + 2;
                int close = nameStart;
                while (close < length && pattern[close] != ']') {
                    close++;
                }
                if (close >= length) {
                    return null;
                }
                if (close - nameStart - 1 < 0 || pattern[close - 1] != ':') {
                    members['['] = true; // no ":]": a plain [, and the : after it is read next
                    current = '[';
                } else {
                    String name = new String(pattern, nameStart, close - 1 - nameStart,
                            StandardCharsets.ISO_8859_1);
                    if (!addPosixClass(name, members)) {
                        return null;
                    }
                    i = close;
                    current = 0;
                }
            } else {
                current = c;
                members[c] = true;
            }
            previous = current;
            if (++i >= length) {
                return null;
            }
            if (pattern[i] == ']') {
                end[0] = i;
                break;
            }
        }
        boolean[] accepted = new boolean[256];
        for (int b = 0; b < 256; b++) {
            accepted[b] = members[b] != negated && b != '/';
        }
        return accepted;
    }

    /** Adds the bytes of {@code [:name:]} as git defines them (ASCII only); false for an unknown name. */
    private static boolean addPosixClass(String name, boolean[] members) {
        if (!POSIX_CLASSES.contains(name)) {
            return false;
        }
        for (int b = 0; b < 128; b++) {
            boolean upper = b >= 'A' && b <= 'Z';
            boolean lower = b >= 'a' && b <= 'z';
            boolean digit = b >= '0' && b <= '9';
            boolean print = b >= 0x20 && b <= 0x7e;
            boolean in = switch (name) {
                case "alnum" -> upper || lower || digit;
                case "alpha" -> upper || lower;
                case "blank" -> b == ' ' || b == '\t';
                case "cntrl" -> b < 0x20 || b == 0x7f;
                case "digit" -> digit;
                case "graph" -> print && b != ' ';
                case "lower" -> lower;
                case "print" -> print;
                case "punct" -> print && b != ' ' && !upper && !lower && !digit;
                case "space" -> b == ' ' || b == '\t' || b == '\n' || b == '\r'; // git's isspace: no \v, \f
                case "upper" -> upper;
                default -> digit || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F'); // xdigit
            };
            members[b] |= in;
        }
        return true;
    }

    /** Whether the pattern matches all of {@code text[from, to)}. */
    boolean matches(byte[] text, int from, int to) {
        if (never) {
            return false;
        }
        int size = kinds.length;
        boolean[] current = new boolean[size + 1];
        boolean[] next = new boolean[size + 1];
        reach(current, 0);
        for (int t = from; t < to; t++) {
            int b = text[t] & 0xff;
            boolean any = false;
            Arrays.fill(next, false);
            for (int p = 0; p < size; p++) {
                if (!current[p]) {
                    continue;
                }
                switch (kinds[p]) {
                    case LITERAL -> {
                        if (literals[p] == text[t]) {
                            any |= reach(next, p + 1);
                        }
                    }
                    case ONE -> {
                        if (classes[p][b]) {
                            any |= reach(next, p + 1);
                        }
                    }
                    case STAR -> {
                        if (b != '/') {
                            any |= reach(next, p);
                        }
                    }
                    case STAR_STAR -> any |= reach(next, p);
                    default -> {
                        // NO_DIRECTORY consumes nothing
                    }
                }
            }
            if (!any) {
                return false;
            }
            boolean[] swap = current;
            current = next;
            next = swap;
        }
        return current[size];
    }

    /** Marks position {@code p} reached, and what it reaches without consuming a byte; always true. */
    private boolean reach(boolean[] states, int p) {
        while (p <= kinds.length && !states[p]) {
            states[p] = true;
            if (p == kinds.length) {
                break;
            }
            if (kinds[p] == NO_DIRECTORY) {
                reach(states, p + 3); // past "**/"
            } else if (kinds[p] != STAR && kinds[p] != STAR_STAR) {
                break;
            }
            p++; // a star matching nothing, or on to the "**" of "**/"
        }
        return true;
    }
}
