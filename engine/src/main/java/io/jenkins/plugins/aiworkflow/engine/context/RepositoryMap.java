package io.jenkins.plugins.aiworkflow.engine.context;

import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceFile;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The compact directory tree: one line per directory with its file count and size, and the
 * entries (subdirectories first, then files with their sizes) of as many directories as fit
 * the budget, expanded breadth-first from the root so that the top of the tree is shown first.
 * A directory whose entries are not shown ends with {@code [collapsed]}; a chain of directories
 * that hold nothing but the next one is shown as one entry ({@code src/main/java/}). Build-output and
 * dependency directories ({@link #NEVER_EXPANDED}) are always collapsed; at most
 * {@link #MAX_ENTRIES_PER_DIRECTORY} entries are listed per directory.
 */
final class RepositoryMap {
    /** Directories shown collapsed whatever the budget: dependencies, build output, caches, IDE files. */
    static final Set<String> NEVER_EXPANDED = Set.of("node_modules", "target", "build", "dist", "out", ".gradle",
            ".idea", ".vscode", "vendor", "__pycache__", ".venv", "venv", ".tox", ".mypy_cache", ".pytest_cache",
            ".next", "coverage", ".terraform");
    static final int MAX_ENTRIES_PER_DIRECTORY = 40;
    /** Below this every line costs at least this many tokens (indent, name, size, newline). */
    private static final int MIN_TOKENS_PER_LINE = 3;
    /** After this many directories in a row that do not fit, no later one is tried. */
    private static final int MAX_MISSES_IN_A_ROW = 64;

    private RepositoryMap() {
    }

    /**
     * The rendered tree.
     *
     * @param text                the tree, one entry per line; null when not even the root line fits
     * @param tokens              tokens of {@code text}
     * @param directories         directories in the tree, the root not counted
     * @param expandedDirectories directories whose entries are shown, the root not counted
     * @param files               files in the tree
     * @param neverExpanded       directories in or below {@link #NEVER_EXPANDED} ones
     */
    record Result(String text, int tokens, int directories, int expandedDirectories, int files,
                  int neverExpanded) {
        /** Directories shown collapsed (or not shown) although they are not in or below {@link #NEVER_EXPANDED} ones. */
        int collapsedForBudget() {
            return directories - neverExpanded - expandedDirectories;
        }
    }

    private static final class Dir {
        String name;
        int depth;
        /** Directories this entry stands for: more than 1 for a compressed chain such as {@code src/main/java}. */
        int segments = 1;
        final boolean neverExpanded;
        TreeMap<String, Dir> dirs = new TreeMap<>();
        List<WorkspaceFile> files = new ArrayList<>();
        List<String> fileNames = new ArrayList<>();
        long fileCount;
        long bytes;
        List<String> entryLines;
        List<Dir> shownDirs;

        Dir(String name, int depth) {
            this.name = name;
            this.depth = depth;
            this.neverExpanded = NEVER_EXPANDED.contains(name);
        }
    }

    /**
     * Merges every chain of directories that hold nothing but one subdirectory into one entry
     * ({@code src/main/java/com/example/}), as code hosts show them, and sets the depths.
     * Never-expanded directories are not merged, so they stay recognisable.
     */
    private static void compress(Dir dir, int depth) {
        dir.depth = depth;
        for (Dir child : dir.dirs.values()) {
            while (!child.neverExpanded && child.files.isEmpty() && child.dirs.size() == 1
                    && !child.dirs.firstEntry().getValue().neverExpanded) {
                Dir only = child.dirs.firstEntry().getValue();
                child.name = child.name + "/" + only.name;
                child.segments += only.segments;
                child.dirs = only.dirs;
                child.files = only.files;
                child.fileNames = only.fileNames;
            }
            compress(child, depth + 1);
        }
    }

    static Result render(List<WorkspaceFile> files, int maxTokens, TokenCounter counter) {
        Dir root = new Dir(".", 0);
        int[] directories = new int[1];
        for (WorkspaceFile file : files) {
            Dir dir = root;
            root.fileCount++;
            root.bytes += file.size();
            String[] segments = file.path().split("/");
            for (int i = 0; i < segments.length - 1; i++) {
                final int depth = i + 1;
                dir = dir.dirs.computeIfAbsent(segments[i], name -> {
                    directories[0]++;
                    return new Dir(name, depth);
                });
                dir.fileCount++;
                dir.bytes += file.size();
            }
            dir.files.add(file);
            dir.fileNames.add(segments[segments.length - 1]);
        }
        compress(root, 0);
        int neverExpanded = countNeverExpanded(root);

        String rootLine = line(root, false);
        int used = counter.count(rootLine);
        if (used > maxTokens) {
            return new Result(null, 0, directories[0], 0, files.size(), neverExpanded);
        }
        List<Dir> expansions = new ArrayList<>();
        Deque<Dir> queue = new ArrayDeque<>();
        queue.add(root);
        int misses = 0;
        while (!queue.isEmpty() && maxTokens - used >= MIN_TOKENS_PER_LINE && misses < MAX_MISSES_IN_A_ROW) {
            Dir dir = queue.poll();
            if (dir != root && dir.neverExpanded) {
                continue;
            }
            List<String> entries = entryLines(dir);
            if ((long) entries.size() * MIN_TOKENS_PER_LINE > maxTokens - used) {
                misses++;
                continue; // cannot fit, whatever the exact count
            }
            // every line ends with a newline, so the entries' tokens can be counted in one go
            int cost = counter.count(line(dir, true)) - counter.count(line(dir, false))
                    + counter.count(String.join("", entries));
            if (used + cost <= maxTokens) {
                used += cost;
                expansions.add(dir);
                queue.addAll(dir.shownDirs);
                misses = 0;
            } else {
                misses++;
            }
        }

        // line counts add up for the real tokenizers (every line ends with a newline); check, and back off if not
        int keep = expansions.size();
        String text = text(root, expansions, keep);
        int tokens = counter.count(text);
        if (tokens > maxTokens) {
            int low = 0;
            int high = keep - 1;
            while (low < high) {
                int mid = (low + high + 1) / 2;
                if (counter.count(text(root, expansions, mid)) <= maxTokens) {
                    low = mid;
                } else {
                    high = mid - 1;
                }
            }
            keep = low;
            text = text(root, expansions, keep);
            tokens = counter.count(text);
            if (tokens > maxTokens) {
                return new Result(null, 0, directories[0], 0, files.size(), neverExpanded);
            }
        }
        int expandedDirectories = 0;
        for (Dir dir : expansions.subList(0, keep)) {
            expandedDirectories += dir == root ? 0 : dir.segments;
        }
        return new Result(text, tokens, directories[0], expandedDirectories, files.size(), neverExpanded);
    }

    private static int countNeverExpanded(Dir dir) {
        int count = 0;
        for (Dir child : dir.dirs.values()) {
            count += child.neverExpanded ? countDirs(child) : countNeverExpanded(child);
        }
        return count;
    }

    private static int countDirs(Dir dir) {
        int count = dir.segments;
        for (Dir child : dir.dirs.values()) {
            count += countDirs(child);
        }
        return count;
    }

    private static String text(Dir root, List<Dir> expansions, int keep) {
        Set<Dir> expanded = new LinkedHashSet<>(expansions.subList(0, keep));
        StringBuilder out = new StringBuilder();
        append(out, root, expanded);
        return out.toString();
    }

    private static void append(StringBuilder out, Dir dir, Set<Dir> expanded) {
        boolean isExpanded = expanded.contains(dir);
        out.append(line(dir, isExpanded));
        if (!isExpanded) {
            return;
        }
        List<String> entries = entryLines(dir);
        int next = 0;
        for (Dir child : dir.shownDirs) {
            append(out, child, expanded);
            next++;
        }
        for (int i = next; i < entries.size(); i++) {
            out.append(entries.get(i));
        }
    }

    /** The lines of a directory's shown entries: subdirectories (collapsed form), files, and a "more" line. */
    private static List<String> entryLines(Dir dir) {
        if (dir.entryLines != null) {
            return dir.entryLines;
        }
        String indent = "  ".repeat(dir.depth + 1);
        List<String> lines = new ArrayList<>();
        List<Dir> shown = new ArrayList<>();
        int total = dir.dirs.size() + dir.files.size();
        for (Dir child : dir.dirs.values()) {
            if (lines.size() == MAX_ENTRIES_PER_DIRECTORY) {
                break;
            }
            shown.add(child);
            lines.add(line(child, false));
        }
        int shownFiles = 0;
        for (int i = 0; i < dir.files.size() && lines.size() < MAX_ENTRIES_PER_DIRECTORY; i++) {
            lines.add(indent + UntrustedData.escape(dir.fileNames.get(i)) + " " + size(dir.files.get(i).size())
                    + "\n");
            shownFiles++;
        }
        if (lines.size() < total) {
            int moreDirs = dir.dirs.size() - shown.size();
            int moreFiles = dir.files.size() - shownFiles;
            long moreBytes = 0;
            for (int i = shownFiles; i < dir.files.size(); i++) {
                moreBytes += dir.files.get(i).size();
            }
            StringBuilder more = new StringBuilder(indent).append("... ").append(grouped(total - lines.size()))
                    .append(" more entries not shown:");
            if (moreDirs > 0) {
                more.append(' ').append(grouped(moreDirs)).append(moreDirs == 1 ? " directory" : " directories");
            }
            if (moreFiles > 0) {
                more.append(moreDirs > 0 ? "," : "").append(' ').append(count(moreFiles)).append(" (")
                        .append(size(moreBytes)).append(')');
            }
            lines.add(more.append('\n').toString());
        }
        dir.shownDirs = shown;
        dir.entryLines = lines;
        return lines;
    }

    private static String line(Dir dir, boolean expanded) {
        return "  ".repeat(dir.depth) + (dir.depth == 0 ? "." : UntrustedData.escape(dir.name)) + "/ ("
                + count(dir.fileCount) + ", " + size(dir.bytes) + ")" + (expanded ? "" : " [collapsed]") + "\n";
    }

    private static String count(long files) {
        return grouped(files) + (files == 1 ? " file" : " files");
    }

    /** The number with {@code ,} between groups of three digits (String.format is slow here). */
    static String grouped(long value) {
        String digits = Long.toString(value);
        int start = value < 0 ? 1 : 0;
        if (digits.length() - start <= 3) {
            return digits;
        }
        StringBuilder out = new StringBuilder(digits.length() + 6).append(digits, 0, start);
        for (int i = start; i < digits.length(); i++) {
            if (i > start && (digits.length() - i) % 3 == 0) {
                out.append(',');
            }
            out.append(digits.charAt(i));
        }
        return out.toString();
    }

    /** Bytes in B, KB, MB or GB (powers of 1024): one decimal below 10, none above. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        if (value < 10) {
            long tenths = Math.round(value * 10);
            return tenths / 10 + "." + tenths % 10 + " " + units[unit];
        }
        return Math.round(value) + " " + units[unit];
    }
}
