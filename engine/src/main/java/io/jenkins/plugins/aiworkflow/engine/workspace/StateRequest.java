package io.jenkins.plugins.aiworkflow.engine.workspace;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Workspace#recordState} records: the files its writable globs select, minus its read-only
 * and hidden ones, matched as {@link PathRules} match them (for what the agent may change, the agent's
 * policy makes the request, adding the files allowed commands name to the read-only ones), that git does
 * not ignore; where their content is kept; and the bounds. Serializable, and
 * made of strings and numbers only, so that it can travel to the machine the files are on and the
 * whole recording runs there as one call. Immutable.
 */
public final class StateRequest implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Default {@code maxFiles}: a workspace with more files to record is refused. */
    public static final int DEFAULT_MAX_FILES = 100_000;
    /** Default {@code maxFileBytes}: a larger file is not recorded (and never touched by a restore). */
    public static final long DEFAULT_MAX_FILE_BYTES = 64L * 1024 * 1024;
    /** Default {@code maxStoreBytes}: content beyond this, over all states of one store, is not recorded. */
    public static final long DEFAULT_MAX_STORE_BYTES = 1024L * 1024 * 1024;

    private final List<String> writable;
    private final List<String> readOnly;
    private final List<String> hidden;
    private final String store;
    private final WorkspaceState previous;
    private final int maxFiles;
    private final long maxFileBytes;
    private final long maxStoreBytes;
    /** Built from the globs where it is needed; not sent. */
    private transient PathRules selection;

    private StateRequest(Builder builder) {
        writable = List.copyOf(builder.writable);
        readOnly = List.copyOf(builder.readOnly);
        hidden = List.copyOf(builder.hidden);
        previous = builder.previous;
        store = builder.store != null ? builder.store : previous == null ? null : previous.store();
        if (builder.maxFiles < 1) {
            throw new InvalidRequestException("maxFiles", "maxFiles must be >= 1, was " + builder.maxFiles, null);
        }
        if (builder.maxFileBytes < 0 || builder.maxStoreBytes < 0) {
            throw new InvalidRequestException(builder.maxFileBytes < 0 ? "maxFileBytes" : "maxStoreBytes",
                    "maxFileBytes and maxStoreBytes must be >= 0, were " + builder.maxFileBytes + " and "
                    + builder.maxStoreBytes, null);
        }
        maxFiles = builder.maxFiles;
        maxFileBytes = builder.maxFileBytes;
        maxStoreBytes = builder.maxStoreBytes;
        selection(); // refuses an invalid glob here, where the request is made
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<String> writable() {
        return writable;
    }

    public List<String> readOnly() {
        return readOnly;
    }

    public List<String> hidden() {
        return hidden;
    }

    /**
     * The directory the content goes to, an absolute path on the machine the files are on, outside the
     * workspace; null: the previous state's, or a new temporary directory.
     */
    public String store() {
        return store;
    }

    /** The state recorded before in the same store, whose unchanged files are not read again; or null. */
    public WorkspaceState previous() {
        return previous;
    }

    public int maxFiles() {
        return maxFiles;
    }

    public long maxFileBytes() {
        return maxFileBytes;
    }

    public long maxStoreBytes() {
        return maxStoreBytes;
    }

    /** The globs as rules, for their matching (writable exact, read-only and hidden case-insensitive). */
    PathRules selection() {
        if (selection == null) {
            selection = selection(writable, readOnly, hidden);
        }
        return selection;
    }

    static PathRules selection(List<String> writable, List<String> readOnly, List<String> hidden) {
        return PathRules.of(writable, readOnly, hidden);
    }

    @Override
    public String toString() {
        return "StateRequest[writable=" + writable + ", readOnly=" + readOnly + ", hidden=" + hidden + ", store="
                + store + ", previous=" + previous + ", maxFiles=" + maxFiles + ", maxFileBytes=" + maxFileBytes
                + ", maxStoreBytes=" + maxStoreBytes + "]";
    }

    /** Collects the settings; the globs default to everything writable ({@code .git} is always read-only). */
    public static final class Builder {
        private List<String> writable = List.of("**");
        private List<String> readOnly = List.of();
        private List<String> hidden = List.of();
        private String store;
        private WorkspaceState previous;
        private int maxFiles = DEFAULT_MAX_FILES;
        private long maxFileBytes = DEFAULT_MAX_FILE_BYTES;
        private long maxStoreBytes = DEFAULT_MAX_STORE_BYTES;

        private Builder() {
        }

        public Builder writable(List<String> globs) {
            writable = List.copyOf(globs);
            return this;
        }

        public Builder readOnly(List<String> globs) {
            readOnly = List.copyOf(globs);
            return this;
        }

        public Builder hidden(List<String> globs) {
            hidden = List.copyOf(globs);
            return this;
        }

        /** See {@link StateRequest#store()}. */
        public Builder store(String directory) {
            store = directory;
            return this;
        }

        /** See {@link StateRequest#previous()}; its store is used unless another is given. */
        public Builder previous(WorkspaceState state) {
            previous = state;
            return this;
        }

        public Builder maxFiles(int value) {
            maxFiles = value;
            return this;
        }

        public Builder maxFileBytes(long value) {
            maxFileBytes = value;
            return this;
        }

        public Builder maxStoreBytes(long value) {
            maxStoreBytes = value;
            return this;
        }

        public StateRequest build() {
            Objects.requireNonNull(writable, "writable");
            return new StateRequest(this);
        }
    }
}
