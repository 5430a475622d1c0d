package io.jenkins.plugins.aiworkflow.engine.sandbox;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * What a search found.
 *
 * @param matches       the matching lines in path and line order, at most the requested number
 * @param limitReached  true when more lines matched than were returned
 * @param filesSearched how many files were searched
 * @param filesSkipped  how many matching files were skipped as binary, not UTF-8, or too large
 */
public record SearchResult(List<SearchMatch> matches, boolean limitReached, int filesSearched, int filesSkipped) implements Serializable {
    public SearchResult {
        matches = List.copyOf(Objects.requireNonNull(matches, "matches"));
    }

    /** One {@code path:line: text} per line, then a note when the limit was reached. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (SearchMatch match : matches) {
            text.append(match).append('\n');
        }
        if (limitReached) {
            text.append("[... more matches left out: only the first ").append(matches.size())
                    .append(" are shown; narrow the pattern or the glob ...]\n");
        }
        return text.toString();
    }
}
