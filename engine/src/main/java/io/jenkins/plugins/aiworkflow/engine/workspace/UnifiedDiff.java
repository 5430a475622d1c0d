package io.jenkins.plugins.aiworkflow.engine.workspace;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.List;

/**
 * Unified diffs in git's form, which {@code git apply} accepts: a {@code diff --git a/P b/P}
 * line before each file, {@code new file mode} / {@code deleted file mode} for a created or
 * deleted file (so an empty one, which has no hunk, is still a patch), {@code a/} and {@code b/}
 * prefixes, {@code /dev/null} for the missing side, three lines of context, and
 * {@code \ No newline at end of file} where a file does not end with one.
 *
 * <p>A change whose content is not known is written as git writes a binary change without
 * {@code --binary}: {@code git apply} then refuses the whole patch ("cannot apply binary patch
 * ... without full index line") instead of applying the rest and dropping that change.
 */
final class UnifiedDiff {
    static final int CONTEXT_LINES = 3;
    private static final char NO_NEWLINE = '\u0000'; // never in a text file: marks a last line without \n
    private static final String NO_NEWLINE_NOTE = "\\ No newline at end of file";
    private static final String FILE_MODE = "100644";
    /** No object name: the content, and so its git object name, is not known. */
    private static final String NO_INDEX = "index 0000000..0000000";

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
        StringBuilder out = header(path, before == null, after == null);
        if (patch.getDeltas().isEmpty()) {
            // an empty file created or deleted: the mode line says what happened, there is no hunk
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

    /**
     * The entry for a file whose content cannot be shown line by line: git's form of a binary
     * change without its content, which {@code git apply} refuses (the index line has no full
     * object names), so applying the diff fails loudly rather than silently skipping the change;
     * then a line saying why the content is missing, which {@code git apply} ignores.
     */
    static String notShown(String path, FileChange.Kind kind, String why) {
        String oldName = kind == FileChange.Kind.CREATED ? "/dev/null" : "a/" + path;
        String newName = kind == FileChange.Kind.DELETED ? "/dev/null" : "b/" + path;
        return header(path, kind == FileChange.Kind.CREATED, kind == FileChange.Kind.DELETED)
                .append(NO_INDEX).append('\n')
                .append("Binary files ").append(oldName).append(" and ").append(newName).append(" differ\n")
                .append("# ").append(path).append(": content not in this diff (").append(why)
                .append("); git apply refuses the diff, apply the rest with --exclude=").append(path)
                .append(" and make this change by hand\n")
                .toString();
    }

    private static StringBuilder header(String path, boolean created, boolean deleted) {
        StringBuilder out = new StringBuilder("diff --git a/").append(path).append(" b/").append(path).append('\n');
        if (created) {
            out.append("new file mode ").append(FILE_MODE).append('\n');
        } else if (deleted) {
            out.append("deleted file mode ").append(FILE_MODE).append('\n');
        }
        return out;
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
