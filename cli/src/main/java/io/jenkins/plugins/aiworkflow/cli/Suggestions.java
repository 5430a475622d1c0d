package io.jenkins.plugins.aiworkflow.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * "Did you mean ...?" for a mistyped option or command: the known names closest to what was typed
 * by edit distance, and those that what was typed is the start of (a partial option is refused, but
 * its full name is suggested).
 */
final class Suggestions {
    /** At most this many names are suggested. */
    static final int MAX_SUGGESTIONS = 3;

    private Suggestions() {
    }

    /**
     * The line to print, such as {@code Did you mean --max-failures?}, or null when no known name is
     * close.
     *
     * @param typed what was typed, such as {@code --max-failure} ({@code =value} already removed)
     * @param known the names that would have been accepted, in their order of declaration
     */
    static String didYouMean(String typed, List<String> known) {
        List<String> close = closest(typed, known);
        if (close.isEmpty()) {
            return null;
        }
        return close.size() == 1 ? "Did you mean " + close.get(0) + "?"
                : "Did you mean one of " + String.join(", ", close) + "?";
    }

    /** The known names close to {@code typed}, closest first (ties in their order), at most {@value #MAX_SUGGESTIONS}. */
    static List<String> closest(String typed, List<String> known) {
        String word = bare(typed);
        // one typo in four letters, at least two: --max-failure, --reprots, valdate
        int limit = Math.max(2, word.length() / 4);
        List<String> names = new ArrayList<>();
        List<Integer> distances = new ArrayList<>();
        for (String name : known) {
            String candidate = bare(name);
            int distance = distance(word, candidate);
            if (word.length() >= 3 && candidate.startsWith(word)) {
                distance = Math.min(distance, 1);
            }
            if (distance <= limit) {
                int at = 0;
                while (at < distances.size() && distances.get(at) <= distance) {
                    at++;
                }
                names.add(at, name);
                distances.add(at, distance);
            }
        }
        return names.size() > MAX_SUGGESTIONS ? List.copyOf(names.subList(0, MAX_SUGGESTIONS)) : List.copyOf(names);
    }

    /** Without leading hyphens: {@code -reports} is close to {@code --reports}. */
    private static String bare(String name) {
        int start = 0;
        while (start < name.length() && name.charAt(start) == '-') {
            start++;
        }
        return name.substring(start);
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
            }
        }
        return d[a.length()][b.length()];
    }
}
