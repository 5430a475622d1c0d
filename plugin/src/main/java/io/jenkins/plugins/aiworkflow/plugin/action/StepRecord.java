package io.jenkins.plugins.aiworkflow.plugin.action;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What one step call left on the build page: its rows (one per iteration, or one for a step that does not
 * iterate) and a directory in the build's own directory, {@code <build>/ai-workflow/<id>/}, where the step has
 * the engine write its report files (the refine run's HTML report, Markdown and JSON, the diff, the transcript).
 * The page links every file in it and serves them from there; nothing of them goes into {@code build.xml}.
 *
 * <p>Made by {@link AiWorkflowAction#newRecord}. Thread-safe: {@link #addRow} may be called from any thread.
 */
public final class StepRecord {
    /** The most files of one record the page lists. */
    public static final int MAX_LISTED_FILES = 100;

    private final String id;
    private final String stepName;
    private final String label;
    /** Replaced, never changed, on each row (copy on write), so that saving the build never sees it change. */
    private volatile ArrayList<Row> rows = new ArrayList<>();
    private transient AiWorkflowAction action;
    /** Whether the page lists it; false beyond {@link AiWorkflowAction#MAX_RECORDS}. */
    private transient boolean listed = true;

    StepRecord(String id, String stepName, String label, AiWorkflowAction action, boolean listed) {
        this.id = id;
        this.stepName = stepName;
        this.label = label;
        this.action = action;
        this.listed = listed;
    }

    /** After loading from build.xml: a list that is never null, and the owner. */
    void attach(AiWorkflowAction owner) {
        this.action = owner;
        this.listed = true;
        if (rows == null) {
            rows = new ArrayList<>();
        }
    }

    /** Unique in the build, also the directory's name: a sequence number and the step, {@code 3-aiRefine}. */
    public String getId() {
        return id;
    }

    /** The step that made the record ({@code aiRefine}). */
    public String getStepName() {
        return stepName;
    }

    /** What tells this call from other calls of the same step (the step's {@code label}, a stage name); may be null. */
    public String getLabel() {
        return label;
    }

    /** The rows so far, in the order they were added. */
    public List<Row> getRows() {
        return Collections.unmodifiableList(rows);
    }

    /**
     * The directory, on the controller, where the step's report files go: {@code <build>/ai-workflow/<id>/}. It
     * exists once the record is made. The page lists and serves the regular files directly in it whose names
     * consist of letters, digits, {@code .}, {@code _} and {@code -} and do not start with a dot (so the temporary
     * files of an atomic write are never shown); subdirectories and links are neither listed nor served.
     */
    public Path getDirectory() {
        return action.recordsDirectory().resolve(id);
    }

    /**
     * Adds a row and saves the build, so that a build interrupted later keeps the rows it had. Beyond
     * {@link AiWorkflowAction#MAX_ROWS} rows in the build, the row is left out and counted instead (the page says
     * how many).
     *
     * @throws IOException when the build cannot be saved; the row is kept in memory and saved with the next save
     */
    public void addRow(Row row) throws IOException {
        Objects.requireNonNull(row, "row");
        if (action.admitRow(this, row)) {
            action.save();
        }
    }

    /** Called by the action under its lock: the new list replaces the old one in one write. */
    void appendRow(Row row) {
        ArrayList<Row> next = new ArrayList<>(rows.size() + 1);
        next.addAll(rows);
        next.add(row);
        rows = next;
    }

    boolean isListed() {
        return listed;
    }

    /**
     * The report files the page links: regular files directly in {@link #getDirectory()} with a
     * {@linkplain ReportFiles#isServableName servable name}, sorted by name, at most {@value #MAX_LISTED_FILES}.
     */
    public List<ReportFile> getFiles() {
        Path directory = getDirectory();
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<ReportFile> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!ReportFiles.isServableName(name)) {
                    continue;
                }
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    continue; // gone since the listing: not shown
                }
                if (attributes.isRegularFile()) {
                    files.add(new ReportFile(name, attributes.size()));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
        files.sort((a, b) -> a.getName().compareTo(b.getName()));
        return files.size() > MAX_LISTED_FILES ? List.copyOf(files.subList(0, MAX_LISTED_FILES)) : files;
    }

    @Override
    public String toString() {
        return id + (label == null ? "" : " (" + label + ")");
    }

    /** A file of a record as the page lists it. */
    public static final class ReportFile {
        private final String name;
        private final long length;

        ReportFile(String name, long length) {
            this.name = name;
            this.length = length;
        }

        public String getName() {
            return name;
        }

        /** Its size in bytes ("size" is a reserved word in Jelly's expressions). */
        public long getLength() {
            return length;
        }
    }
}
