package io.jenkins.plugins.aiworkflow.engine.refine;

import io.jenkins.plugins.aiworkflow.engine.validate.ChangedFile;
import io.jenkins.plugins.aiworkflow.engine.workspace.FileChange;
import java.util.ArrayList;
import java.util.List;

/** Counts the lines a unified diff in git's form adds and removes, per file or in all. */
public final class DiffLines {
    private static final String FILE_HEADER = "diff --git ";

    private DiffLines() {
    }

    /**
     * The changed files with their line counts. {@code diff} has one section per change, in the order of
     * {@code changes} (what {@code Sandbox.diff()} writes); a file whose section is not found counts no lines.
     */
    static List<ChangedFile> perFile(String diff, List<FileChange> changes) {
        List<long[]> sections = sections(diff);
        List<ChangedFile> files = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            long[] counts = sections.size() == changes.size() ? sections.get(i) : new long[2];
            files.add(new ChangedFile(changes.get(i).path(), counts[0], counts[1]));
        }
        return files;
    }

    /**
     * Lines {@code diff} adds and removes in all, {@code {added, removed}}: hunk lines only, never a file's
     * {@code ---}/{@code +++} header (what an adapter shows of a diff, such as the Jenkins build page's row).
     */
    public static long[] addedAndRemoved(String diff) {
        long[] total = new long[2];
        for (long[] section : sections(diff)) {
            total[0] += section[0];
            total[1] += section[1];
        }
        return total;
    }

    /** Lines added plus removed in all. */
    static long total(List<ChangedFile> files) {
        long total = 0;
        for (ChangedFile file : files) {
            total += file.linesAdded() + file.linesRemoved();
        }
        return total;
    }

    /** Added and removed lines of each file's section; a section's header ends at its first hunk. */
    private static List<long[]> sections(String diff) {
        List<long[]> sections = new ArrayList<>();
        long[] current = null;
        boolean inHunks = false;
        int start = 0;
        while (start < diff.length()) {
            int end = diff.indexOf('\n', start);
            if (end < 0) {
                end = diff.length();
            }
            if (diff.startsWith(FILE_HEADER, start)) {
                current = new long[2];
                sections.add(current);
                inHunks = false;
            } else if (current != null && diff.startsWith("@@", start)) {
                inHunks = true;
            } else if (current != null && inHunks && end > start) {
                char first = diff.charAt(start);
                if (first == '+') {
                    current[0]++;
                } else if (first == '-') {
                    current[1]++;
                }
            }
            start = end + 1;
        }
        return sections;
    }
}
