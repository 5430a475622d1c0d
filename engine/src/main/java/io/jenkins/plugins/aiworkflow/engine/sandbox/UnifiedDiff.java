package io.jenkins.plugins.aiworkflow.engine.sandbox;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import io.jenkins.plugins.aiworkflow.engine.workspace.FileChange;
import java.util.ArrayList;
import java.util.List;

/**
 * Unified diffs in git's form, which {@code git apply} accepts: a {@code diff --git a/P b/P}
 * line before each file, {@code new file mode} / {@code deleted file mode} for a created or
 * deleted file (so an empty one, which has no hunk, is still a patch), {@code a/} and {@code b/}
 * prefixes, {@code /dev/null} for the missing side, three lines of context, and
 * {@code \ No newline at end of file} where a file does not end with one. A file's mode is
 * git's {@code 100644}, or {@code 100755} when it is executable: in the mode line of a created or
 * deleted file, and as {@code old mode} / {@code new mode} lines when a change set or cleared the
 * executable bit (with no hunk when that was all that changed).
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
    private static final String EXECUTABLE_MODE = "100755";
    /** No object name: the content, and so its git object name, is not known. */
    private static final String NO_INDEX = "index 0000000..0000000";

    private UnifiedDiff() {
    }

    /** The diff of one file that is not executable before or after. */
    static String of(String path, String before, String after) {
        return of(path, before, after, false, false);
    }

    /**
     * The diff of one file.
     *
     * @param before           the old text, null when the file did not exist
     * @param after            the new text, null when the file no longer exists
     * @param executableBefore whether the old file was executable (ignored when it did not exist)
     * @param executableAfter  whether the new file is executable (ignored when it no longer exists)
     */
    static String of(String path, String before, String after, boolean executableBefore, boolean executableAfter) {
        List<String> oldLines = lines(before);
        List<String> newLines = lines(after);
        String oldName = before == null ? "/dev/null" : "a/" + path;
        String newName = after == null ? "/dev/null" : "b/" + path;
        Patch<String> patch = DiffUtils.diff(oldLines, newLines);
        StringBuilder out = header(path, before == null, after == null, executableBefore, executableAfter);
        if (patch.getDeltas().isEmpty()) {
            if (before != null && after != null) {
                return out.toString(); // only the mode changed: git writes no file names and no hunk
            }
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
        return notShown(path, kind, why, false, false);
    }

    /** {@link #notShown(String, FileChange.Kind, String)} with the file's executable bit before and after. */
    static String notShown(String path, FileChange.Kind kind, String why, boolean executableBefore,
                           boolean executableAfter) {
        String oldName = kind == FileChange.Kind.CREATED ? "/dev/null" : "a/" + path;
        String newName = kind == FileChange.Kind.DELETED ? "/dev/null" : "b/" + path;
        return header(path, kind == FileChange.Kind.CREATED, kind == FileChange.Kind.DELETED, executableBefore,
                executableAfter)
                .append(NO_INDEX).append('\n')
                .append("Binary files ").append(oldName).append(" and ").append(newName).append(" differ\n")
                .append("# ").append(path).append(": content not in this diff (").append(why)
                .append("); git apply refuses the diff, apply the rest with --exclude=").append(path)
                .append(" and make this change by hand\n")
                .toString();
    }

    private static StringBuilder header(String path, boolean created, boolean deleted, boolean executableBefore,
                                        boolean executableAfter) {
        StringBuilder out = new StringBuilder("diff --git a/").append(path).append(" b/").append(path).append('\n');
        if (created) {
            out.append("new file mode ").append(mode(executableAfter)).append('\n');
        } else if (deleted) {
            out.append("deleted file mode ").append(mode(executableBefore)).append('\n');
        } else if (executableBefore != executableAfter) {
            out.append("old mode ").append(mode(executableBefore)).append('\n')
                    .append("new mode ").append(mode(executableAfter)).append('\n');
        }
        return out;
    }

    private static String mode(boolean executable) {
        return executable ? EXECUTABLE_MODE : FILE_MODE;
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
