package io.jenkins.plugins.aiworkflow.engine.workspace;

import java.io.Serializable;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The recorded state of the files a {@link StateRequest} selects, which {@link Workspace#restoreState}
 * puts back: each file's path, kind (regular file or symbolic link), size, modification time, permissions
 * and SHA-256, or a link's target. The content itself is in the {@link #store() store}, a directory on the
 * machine the files are on, one file per distinct content (named by its hash), so that a state held in
 * memory is small, and unchanged content is stored once however many states hold it. Serializable: it
 * travels back from where the files are, and is sent there again to restore. Immutable.
 *
 * <p>What a restore may touch is the state's <em>selection</em>: paths its globs select that git did
 * not ignore when it was recorded (by the {@code .gitignore} files as they were then, kept in the store too),
 * except those {@link #notRecorded()}. Hidden files, {@code .git}, ignored files and everything outside the
 * selection are never touched.
 */
public final class WorkspaceState implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What a recorded path was. */
    public enum Kind {
        /** A regular file; its content is in the store. */
        FILE,
        /** A symbolic link, recorded as the link itself (its target text), never followed. */
        LINK
    }

    /**
     * One recorded path.
     *
     * @param path         normalised, relative to the workspace root
     * @param kind         file or link
     * @param size         bytes of the file (of the link's target text for a link)
     * @param lastModified the file's modification time when recorded (the link's own for a link)
     * @param sha256       the content's SHA-256 in hex, the name of its copy in the store; null for a link
     * @param linkTarget   the link's target as written in the link; null for a file
     * @param permissions  POSIX permissions such as {@code rwxr-xr-x}; null where the file system has none
     * @param settled      modified well before it was recorded ({@link WorkspaceFile#RACY_WINDOW}), so that an
     *                     equal size and time later vouch for equal content
     */
    public record Entry(String path, Kind kind, long size, Instant lastModified, String sha256, String linkTarget,
                        String permissions, boolean settled) implements Serializable {
        private static final long serialVersionUID = 1L;

        public Entry {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(lastModified, "lastModified");
            if (kind == Kind.FILE ? sha256 == null : linkTarget == null) {
                throw new IllegalArgumentException("a recorded " + kind + " needs its " + (kind == Kind.FILE
                        ? "sha256" : "linkTarget") + ": " + path);
            }
        }

        /** Whether its owner could execute it (git's mode 100755). */
        public boolean executable() {
            return kind == Kind.FILE && permissions != null && permissions.length() == 9
                    && permissions.charAt(2) == 'x';
        }
    }

    private final String store;
    private final List<String> writable;
    private final List<String> readOnly;
    private final List<String> hidden;
    private final Instant recordedAt;
    private final SortedMap<String, Entry> entries;
    private final Set<String> directories;
    private final SortedMap<String, String> ignoreFiles;
    private final SortedMap<String, String> notRecorded;
    private final long storeBytes;

    WorkspaceState(String store, StateRequest request, Instant recordedAt, Map<String, Entry> entries,
                   Set<String> directories, Map<String, String> ignoreFiles, Map<String, String> notRecorded,
                   long storeBytes) {
        this.store = Objects.requireNonNull(store, "store");
        this.writable = request.writable();
        this.readOnly = request.readOnly();
        this.hidden = request.hidden();
        this.recordedAt = Objects.requireNonNull(recordedAt, "recordedAt");
        this.entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
        this.directories = Collections.unmodifiableSet(new TreeSet<>(directories));
        this.ignoreFiles = Collections.unmodifiableSortedMap(new TreeMap<>(ignoreFiles));
        this.notRecorded = Collections.unmodifiableSortedMap(new TreeMap<>(notRecorded));
        this.storeBytes = storeBytes;
    }

    /** The directory holding the recorded content, an absolute path on the machine the files are on. */
    public String store() {
        return store;
    }

    /** The writable globs of the selection. */
    public List<String> writable() {
        return writable;
    }

    /** The read-only globs of the selection (what allowed commands name included). */
    public List<String> readOnly() {
        return readOnly;
    }

    /** The hidden globs of the selection. */
    public List<String> hidden() {
        return hidden;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    /** The recorded files and links by path, in path order. */
    public SortedMap<String, Entry> entries() {
        return entries;
    }

    /** The directories of the selection that existed (not ignored, not hidden), for a restore to keep. */
    public Set<String> directories() {
        return directories;
    }

    /**
     * The {@code .gitignore} files the recording read, by directory ({@code ""} for the root), with the hash of
     * their content in the store: a restore decides what is ignored as the recording did.
     */
    public SortedMap<String, String> ignoreFiles() {
        return ignoreFiles;
    }

    /**
     * Selected files whose content was not recorded, with why (larger than {@code maxFileBytes}, the store
     * full, unreadable, a name a workspace path cannot hold). A restore never touches them.
     */
    public SortedMap<String, String> notRecorded() {
        return notRecorded;
    }

    /** Whether every selected file was recorded. */
    public boolean complete() {
        return notRecorded.isEmpty();
    }

    /** Bytes of content the store held after this recording (all its states together). */
    public long storeBytes() {
        return storeBytes;
    }

    /**
     * This state as JSON: everything {@link #fromJson} needs to restore it in another process, so that a run
     * killed before it ended can be undone by the next one (the content stays in the {@link #store() store}).
     */
    public String toJson() {
        return StateJson.write(this);
    }

    /**
     * A state from its {@link #toJson() JSON form}. Only data is read (no class is named or created but a state);
     * {@link Workspace#restoreState} checks the state again, its store and its paths, before it changes anything.
     *
     * @param source names the JSON in messages, such as its file
     * @throws io.jenkins.plugins.aiworkflow.engine.InvalidRequestException naming {@code state}, when the text is
     *                                                                       not the JSON form of a state
     */
    public static WorkspaceState fromJson(String json, String source) {
        return StateJson.read(json, source);
    }

    @Override
    public String toString() {
        return "WorkspaceState[" + entries.size() + " files at " + recordedAt + " in " + store
                + (notRecorded.isEmpty() ? "" : ", " + notRecorded.size() + " not recorded") + "]";
    }
}
