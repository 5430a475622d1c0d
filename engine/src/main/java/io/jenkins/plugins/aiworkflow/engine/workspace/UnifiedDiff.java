package io.jenkins.plugins.aiworkflow.engine.workspace;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.List;

/**
 * Unified diffs in the form {@code git apply} and {@code patch -p1} accept: {@code a/} and
 * {@code b/} prefixes, {@code /dev/null} for a created or deleted file, three lines of
 * context, and {@code \ No newline at end of file} where a file does not end with one.
 */
final class UnifiedDiff {
    static final int CONTEXT_LINES = 3;
    private static final char NO_NEWLINE = '\u0000'; // never in a text file: marks a last line without \n
    private static final String NO_NEWLINE_NOTE = "\\ No newline at end of file";

    private UnifiedDiff() {
    }

    /**
     * The diff of one file.
     *
     * @param before the old text, null when the file did not exist
     * @param after  the new text, null when the file no longer exists
     */
    static String of(String path, String before, String after) {
        List<String> oldLines = lines(before);
        List<String> newLines = lines(after);
        String oldName = before == null ? "/dev/null" : "a/" + path;
        String newName = after == null ? "/dev/null" : "b/" + path;
        Patch<String> patch = DiffUtils.diff(oldLines, newLines);
        StringBuilder out = new StringBuilder();
        if (patch.getDeltas().isEmpty()) {
            // e.g. an empty file created or deleted: only the header says what happened
            return out.append("--- ").append(oldName).append('\n').append("+++ ").append(newName).append('\n')
                    .toString();
        }
        for (String line : UnifiedDiffUtils.generateUnifiedDiff(oldName, newName, oldLines, patch, CONTEXT_LINES)) {
            if (!line.isEmpty() && line.charAt(line.length() - 1) == NO_NEWLINE) {
                out.append(line, 0, line.length() - 1).append('\n').append(NO_NEWLINE_NOTE).append('\n');
            } else {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    /** The note for a file whose content cannot be shown line by line. */
    static String notShown(String path, FileChange.Kind kind, String why) {
        String oldName = kind == FileChange.Kind.CREATED ? "/dev/null" : "a/" + path;
        String newName = kind == FileChange.Kind.DELETED ? "/dev/null" : "b/" + path;
        return "Binary files " + oldName + " and " + newName + " differ (" + why + ")\n";
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return lines;
        }
        int start = 0;
        while (start < text.length()) {
            int newline = text.indexOf('\n', start);
            if (newline < 0) {
                lines.add(text.substring(start) + NO_NEWLINE);
                break;
            }
            lines.add(text.substring(start, newline));
            start = newline + 1;
        }
        return lines;
    }
}
