package io.jenkins.plugins.aiworkflow.engine.sandbox;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.pattern.GitIgnore;
import io.jenkins.plugins.aiworkflow.engine.workspace.FileChange;
import io.jenkins.plugins.aiworkflow.engine.workspace.GitIgnoreFiles;
import io.jenkins.plugins.aiworkflow.engine.workspace.PathRules;
import io.jenkins.plugins.aiworkflow.engine.workspace.SkipRule;
import io.jenkins.plugins.aiworkflow.engine.workspace.Workspace;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceException;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceFile;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceTask;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The files of a workspace at one moment, to tell later what changed in between (a command the
 * agent ran, an iteration of the refine loop): size, modification time and, up to
 * {@link Limits#maxHashedFileBytes()}, a SHA-256 of each file's content, plus the content itself
 * of the files the caller wants to diff. {@link #changesSince} compares two snapshots.
 *
 * <p>Files git ignores ({@code .gitignore} files of the workspace, see {@link GitIgnore}) are left
 * out, so that build output ({@code target/}, {@code node_modules/}) is not taken for a change;
 * ignored directories are not even walked, except where the {@link Builder#policy policy}'s own
 * read-only or hidden globs could match: its read-only and hidden files are covered even when
 * ignored. {@code .git} is never covered (the port does not list it).
 *
 * <p>Cheap when taken again: {@link Builder#reusing} takes the hash and content of a file whose
 * size and modification time are unchanged from the earlier snapshot instead of reading it again,
 * unless the file was modified within {@link WorkspaceFile#RACY_WINDOW} of that snapshot (a file
 * system with coarse timestamps could then hide a change). Bounded by {@link Limits}; what a limit
 * left out is said in {@link #notes()}. Immutable.
 *
 * <p>One call of the port however many files: the walk, the git rules and the hashing run where the files are, as
 * a task ({@link Workspace#call}); the rules, the limits and the earlier snapshot's fingerprints go there, and each
 * file's fingerprint (with the content kept) comes back.
 */
public final class WorkspaceSnapshot {
    /**
     * The bounds of a snapshot.
     *
     * @param maxFiles           files covered at most, in path order; later ones are not compared
     * @param maxHashedFileBytes larger files are compared by size and modification time only, and their content is
     *                           never kept
     * @param maxReadBytes       the most bytes one snapshot reads to hash (reused hashes cost nothing); past it,
     *                           files are compared by size and modification time only
     * @param maxKeptBytes       the most content kept for diffs, over all files
     */
    public record Limits(int maxFiles, long maxHashedFileBytes, long maxReadBytes, long maxKeptBytes)
            implements Serializable {
        /** 100,000 files, hashes up to 1 MiB per file and 256 MiB read per snapshot, 32 MiB of content kept. */
        public static final Limits DEFAULTS = new Limits(100_000, 1024 * 1024, 256L * 1024 * 1024,
                32L * 1024 * 1024);

        public Limits {
            if (maxFiles < 1) {
                throw new IllegalArgumentException("maxFiles must be >= 1, was " + maxFiles);
            }
            if (maxHashedFileBytes < 0 || maxReadBytes < 0 || maxKeptBytes < 0) {
                throw new IllegalArgumentException("snapshot byte limits must be >= 0, were maxHashedFileBytes="
                        + maxHashedFileBytes + ", maxReadBytes=" + maxReadBytes + ", maxKeptBytes=" + maxKeptBytes);
            }
        }
    }

    /** One file as a snapshot saw it. */
    public static final class Entry {
        private final String path;
        private final long size;
        private final Instant lastModified;
        private final byte[] sha256;
        private final byte[] content;
        /** Modified well before it was read: its time vouches for its content ({@link WorkspaceFile#RACY_WINDOW}). */
        private final boolean settled;
        /** Its content was wanted but not kept (a limit), for {@link #notes()}. */
        private final boolean unkept;
        private final boolean link;
        private final boolean executable;

        private Entry(String path, long size, Instant lastModified, byte[] sha256, byte[] content, boolean settled,
                      boolean unkept, boolean link, boolean executable) {
            this.path = path;
            this.link = link;
            this.executable = executable;
            this.size = size;
            this.lastModified = lastModified;
            this.sha256 = sha256;
            this.content = content;
            this.settled = settled;
            this.unkept = unkept;
        }

        public String path() {
            return path;
        }

        public long size() {
            return size;
        }

        public Instant lastModified() {
            return lastModified;
        }

        /** Whether the path was a symbolic link; its size, time and hash are then its target's, and no content is kept. */
        public boolean link() {
            return link;
        }

        /** Whether its owner could execute it (git's mode 100755), see {@link WorkspaceFile#executable()}. */
        public boolean executable() {
            return executable;
        }

        /** The SHA-256 of the content in hex, when the file was hashed. */
        public Optional<String> sha256() {
            return sha256 == null ? Optional.empty() : Optional.of(HexFormat.of().formatHex(sha256));
        }

        /** Whether the content was kept (see {@link #content()}). */
        public boolean kept() {
            return content != null;
        }

        /** A copy of the content, when it was kept. */
        public Optional<byte[]> content() {
            return content == null ? Optional.empty() : Optional.of(content.clone());
        }

        byte[] sha256Bytes() {
            return sha256;
        }

        byte[] contentBytes() {
            return content;
        }

        @Override
        public String toString() {
            return path + " (" + (link ? "link, " : "") + (executable ? "executable, " : "") + size + " bytes, "
                    + lastModified + (sha256 == null ? "" : ", hashed")
                    + (content == null ? "" : ", kept") + ")";
        }
    }

    private final Instant takenAt;
    private final Map<String, Entry> entries;
    /** The ignore rules this snapshot was taken with, for later snapshots of the same run; null without. */
    private final IgnoreRules ignoreRules;
    /** The last path covered when {@link Limits#maxFiles()} cut the snapshot short; null when it covers all. */
    private final String coveredUpTo;
    private final List<String> notes;

    private WorkspaceSnapshot(Instant takenAt, Map<String, Entry> entries, IgnoreRules ignoreRules, String coveredUpTo,
                              List<String> notes) {
        this.takenAt = takenAt;
        this.ignoreRules = ignoreRules;
        this.entries = Collections.unmodifiableMap(entries);
        this.coveredUpTo = coveredUpTo;
        this.notes = List.copyOf(notes);
    }

    /** A snapshot of {@code workspace} with the defaults: {@code .gitignore} respected, no content kept. */
    public static WorkspaceSnapshot take(Workspace workspace) {
        return builder(workspace).take();
    }

    public static Builder builder(Workspace workspace) {
        return new Builder(workspace);
    }

    /** When the walk started, by the clock of the machine the files are on (their modification times are by it). */
    public Instant takenAt() {
        return takenAt;
    }

    /** The covered files by path, in path order. */
    public Map<String, Entry> entries() {
        return entries;
    }

    public Optional<Entry> entry(String path) {
        return Optional.ofNullable(entries.get(path));
    }

    /** Whether every file (that git does not ignore) is covered; false when {@link Limits#maxFiles()} cut it. */
    public boolean complete() {
        return coveredUpTo == null;
    }

    /** What the limits left out, as sentences; empty when nothing was. */
    public List<String> notes() {
        return notes;
    }

    /**
     * The files created, modified and deleted between {@code before} and this snapshot, in path
     * order. A file counts as modified when its size differs, it became or ceased to be a link or
     * executable, or its hash when both snapshots hashed it, or else its modification time. When a snapshot was cut by
     * {@link Limits#maxFiles()}, only paths up to where both reach are compared.
     */
    public List<FileChange> changesSince(WorkspaceSnapshot before) {
        Objects.requireNonNull(before, "before");
        String limit = before.coveredUpTo == null ? coveredUpTo
                : coveredUpTo == null || before.coveredUpTo.compareTo(coveredUpTo) < 0 ? before.coveredUpTo
                : coveredUpTo;
        // Both maps are sorted by path: walk them side by side.
        Iterator<Entry> thenEntries = before.entries.values().iterator();
        Iterator<Entry> nowEntries = entries.values().iterator();
        Entry then = thenEntries.hasNext() ? thenEntries.next() : null;
        Entry now = nowEntries.hasNext() ? nowEntries.next() : null;
        List<FileChange> changes = new ArrayList<>();
        while (then != null || now != null) {
            int order = then == null ? 1 : now == null ? -1 : then.path.compareTo(now.path);
            String path = order <= 0 ? then.path : now.path;
            if (limit != null && path.compareTo(limit) > 0) {
                break;
            }
            if (order < 0) {
                changes.add(new FileChange(path, FileChange.Kind.DELETED));
            } else if (order > 0) {
                changes.add(new FileChange(path, FileChange.Kind.CREATED));
            } else if (then != now && differ(then, now)) {
                changes.add(new FileChange(path, FileChange.Kind.MODIFIED));
            }
            if (order <= 0) {
                then = thenEntries.hasNext() ? thenEntries.next() : null;
            }
            if (order >= 0) {
                now = nowEntries.hasNext() ? nowEntries.next() : null;
            }
        }
        return changes;
    }

    private static boolean differ(Entry then, Entry now) {
        if (then.size != now.size || then.link != now.link || then.executable != now.executable) {
            return true;
        }
        if (then.sha256 != null && now.sha256 != null) {
            return !Arrays.equals(then.sha256, now.sha256);
        }
        return !then.lastModified.equals(now.lastModified);
    }

    @Override
    public String toString() {
        return "WorkspaceSnapshot[" + entries.size() + " files at " + takenAt + (complete() ? "" : ", cut") + "]";
    }

    /** How to take a snapshot. */
    /** How to take a snapshot. */
    public static final class Builder {
        private final Workspace workspace;
        private Limits limits = Limits.DEFAULTS;
        private boolean gitIgnore = true;
        private PathRules protect;
        private PathRules keepContent;
        private WorkspaceSnapshot previous;

        private Builder(Workspace workspace) {
            this.workspace = Objects.requireNonNull(workspace, "workspace");
        }

        public Builder limits(Limits value) {
            limits = Objects.requireNonNull(value, "limits");
            return this;
        }

        /** Whether files git ignores are left out; default true. */
        public Builder gitIgnore(boolean value) {
            gitIgnore = value;
            return this;
        }

        /** Covers this policy's read-only and hidden files even where git ignores them. */
        public Builder policy(WorkspacePolicy value) {
            protect = value == null ? null : value.pathRules();
            return this;
        }

        /**
         * Keeps the content of the files these rules let change (writable, neither read-only nor hidden) for diffs,
         * within {@link Limits#maxKeptBytes()}; default none. Rules, not a predicate: they travel with the snapshot
         * to where the files are.
         */
        public Builder keepContent(PathRules rules) {
            keepContent = Objects.requireNonNull(rules, "keepContent");
            return this;
        }

        /** An earlier snapshot of the same workspace whose hashes and content may be reused. */
        public Builder reusing(WorkspaceSnapshot value) {
            previous = value;
            return this;
        }

        /** Walks the workspace and fingerprints its files, as one call where the files are ({@link ScanTask}). */
        public WorkspaceSnapshot take() {
            Map<String, Earlier> earlier = new HashMap<>();
            if (previous != null) {
                previous.entries.forEach((path, entry) -> earlier.put(path, Earlier.of(entry)));
            }
            Scanned scanned = workspace.call(new ScanTask(limits, gitIgnore, ignoreRules(), protect, keepContent,
                    earlier, null, 0));
            TreeMap<String, Entry> entries = new TreeMap<>();
            for (Seen seen : scanned.seen()) {
                entries.put(seen.path(), seen.entry(previous == null ? null : previous.entries.get(seen.path())));
            }
            return new WorkspaceSnapshot(scanned.takenAt(), entries, scanned.ignore(), scanned.coveredUpTo(),
                    notes(entries, scanned.coveredUpTo()));
        }

        /**
         * The {@link #reusing earlier snapshot} with only {@code paths} looked at again: for a caller that
         * knows which files can have changed since (the agent's own edits between two commands), this
         * saves walking the whole workspace. Paths beyond where the earlier snapshot was cut stay out.
         * One call where the files are, however many paths.
         */
        public WorkspaceSnapshot refresh(Collection<String> paths) {
            if (previous == null) {
                throw new IllegalStateException("refresh needs the earlier snapshot: call reusing(snapshot) first");
            }
            TreeMap<String, Entry> entries = new TreeMap<>(previous.entries);
            long kept = 0;
            for (Entry entry : entries.values()) {
                kept += entry.content == null ? 0 : entry.content.length;
            }
            List<String> looked = new ArrayList<>();
            Map<String, Earlier> earlier = new HashMap<>();
            for (String path : new TreeSet<>(paths)) {
                if (previous.coveredUpTo != null && path.compareTo(previous.coveredUpTo) > 0) {
                    continue;
                }
                looked.add(path);
                Entry old = entries.remove(path);
                if (old != null) {
                    earlier.put(path, Earlier.of(old));
                }
            }
            Scanned scanned = workspace.call(new ScanTask(limits, gitIgnore, ignoreRules(), protect, keepContent,
                    earlier, looked, kept));
            for (Seen seen : scanned.seen()) {
                entries.put(seen.path(), seen.entry(previous.entries.get(seen.path())));
            }
            return new WorkspaceSnapshot(scanned.takenAt(), entries, scanned.ignore(), previous.coveredUpTo,
                    notes(entries, previous.coveredUpTo));
        }

        /**
         * The earlier snapshot's rules when there is one: two snapshots compared must leave out the
         * same files, or a {@code .gitignore} edited in between would make files look deleted or
         * created. A directory new since then gets the rules of its own {@code .gitignore}. Null: the
         * rules are read afresh where the files are.
         */
        private IgnoreRules ignoreRules() {
            return gitIgnore && previous != null ? previous.ignoreRules : null;
        }

        /** What the limits left out, counted over the entries. */
        private List<String> notes(Map<String, Entry> entries, String coveredUpTo) {
            int unhashed = 0;
            int unkept = 0;
            for (Entry entry : entries.values()) {
                unhashed += entry.size <= limits.maxHashedFileBytes() && entry.sha256 == null ? 1 : 0;
                unkept += entry.unkept ? 1 : 0;
            }
            List<String> notes = new ArrayList<>();
            if (coveredUpTo != null) {
                // the last covered path is not named: it may be a hidden file
                notes.add("the workspace has more than " + limits.maxFiles() + " files (not counting what git "
                        + "ignores); only the first " + limits.maxFiles() + " in path order were checked for changes");
            }
            if (unhashed > 0) {
                notes.add(unhashed + " file(s) were compared by size and modification time only: they were not "
                        + "read (over the limit of " + megabytes(limits.maxReadBytes()) + " read per snapshot, or "
                        + "unreadable)");
            }
            if (unkept > 0) {
                notes.add("the content of " + unkept + " file(s) was not kept (more than "
                        + megabytes(limits.maxKeptBytes()) + " in all), so a diff of them cannot show their lines");
            }
            return notes;
        }

        private static String megabytes(long bytes) {
            return String.format(Locale.ROOT, "%.0f MB", bytes / 1_048_576.0);
        }
    }

    /**
     * What the fingerprinting where the files are needs of an earlier entry to reuse it: everything but its hash
     * and content, which stay with the caller (a reused entry takes them from there).
     */
    private record Earlier(long size, Instant lastModified, boolean hashed, boolean settled, boolean link,
                           boolean executable, boolean contentKept) implements Serializable {
        static Earlier of(Entry entry) {
            return new Earlier(entry.size, entry.lastModified, entry.sha256 != null, entry.settled, entry.link,
                    entry.executable, entry.content != null);
        }
    }

    /**
     * One file as the fingerprinting saw it. {@code reused}: unchanged since the earlier entry, whose hash holds
     * (and whose content, when {@code earlierContent}); else its own hash and content, when read and kept.
     */
    private record Seen(String path, long size, Instant lastModified, byte[] sha256, byte[] content, boolean settled,
                        boolean unkept, boolean link, boolean executable, boolean reused, boolean earlierContent)
            implements Serializable {
        /** The entry, with what a reused one takes from {@code earlier}; {@code earlier} itself if nothing differs. */
        Entry entry(Entry earlier) {
            if (!reused) {
                return new Entry(path, size, lastModified, sha256, content, settled, unkept, link, executable);
            }
            byte[] kept = earlierContent ? earlier.content : null;
            return kept == earlier.content && unkept == earlier.unkept ? earlier
                    : new Entry(path, size, lastModified, earlier.sha256, kept, true, unkept, link, executable);
        }
    }

    /** What a {@link ScanTask} brings back: when, the files (in path order), where a cut stopped, the rules it used. */
    private record Scanned(Instant takenAt, List<Seen> seen, String coveredUpTo, IgnoreRules ignore)
            implements Serializable {
    }

    /**
     * A snapshot's work where the files are, as one call: the walk (not entering what git ignores, unless the policy
     * may protect something there) or the given paths looked at again, and the hashing and keeping of their content
     * within the limits. Data only: the limits, the rules, the earlier snapshot's fingerprints.
     *
     * @param ignore     the earlier snapshot's git rules; null: read afresh (when {@code gitIgnore})
     * @param protect    the policy's rules whose read-only and hidden files are covered even where ignored; or null
     * @param keep       the rules whose changeable files' content is kept; null: none
     * @param earlier    the earlier snapshot's entries by path (for a refresh: those of the paths)
     * @param paths      for a refresh, the paths to look at again, sorted; null: walk
     * @param keptBefore for a refresh, the content bytes the earlier snapshot keeps
     */
    private record ScanTask(Limits limits, boolean gitIgnore, IgnoreRules ignore, PathRules protect, PathRules keep,
                            Map<String, Earlier> earlier, List<String> paths, long keptBefore)
            implements WorkspaceTask<Scanned> {
        @Override
        public Scanned run(Workspace local) {
            Instant takenAt = Instant.now();
            // a copy: the caller's rules stay as its snapshot used them; the new snapshot keeps what this one read
            IgnoreRules rules = !gitIgnore ? null : ignore != null ? ignore.copy() : IgnoreRules.read(local);
            Fingerprints fingerprints = new Fingerprints(local, takenAt, keptBefore);
            List<Seen> seen = new ArrayList<>();
            if (paths == null) {
                List<WorkspaceFile> files = local.find(List.of("**"),
                        rules == null ? SkipRule.none() : new IgnoredDirectories(rules, protect));
                String last = null;
                for (WorkspaceFile file : files) {
                    if (ignored(rules, file.path())) {
                        continue;
                    }
                    if (seen.size() == limits.maxFiles()) {
                        return new Scanned(takenAt, seen, last, rules);
                    }
                    seen.add(fingerprints.seen(file, earlier.get(file.path())));
                    last = file.path();
                }
                return new Scanned(takenAt, seen, null, rules);
            }
            Set<String> entered = new HashSet<>();
            for (String path : paths) {
                Earlier old = earlier.get(path);
                fingerprints.kept -= old == null || !old.contentKept() ? 0 : old.size();
                WorkspaceFile file;
                try {
                    file = local.stat(path);
                } catch (InvalidRequestException | WorkspaceException e) {
                    file = null; // leads outside now: as the walk, never list it
                }
                if (file == null || file.directory()) {
                    continue;
                }
                if (rules != null) {
                    for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                        String dir = path.substring(0, slash);
                        if (entered.add(dir) && !rules.ignoresDirectory(dir)) {
                            rules.enter(dir, local);
                        }
                    }
                }
                if (ignored(rules, path)) {
                    continue;
                }
                seen.add(fingerprints.seen(file, old));
            }
            return new Scanned(takenAt, seen, null, rules);
        }

        /** Whether a file is left out: git ignores it, and the policy does not protect it. */
        private boolean ignored(IgnoreRules rules, String path) {
            return rules != null && rules.ignoresFile(path)
                    && !(protect != null && (protect.isHidden(path) || protect.readOnlyMatch(path) != null));
        }

        /** Hashes and keeps files within the limits; one per snapshot. */
        private final class Fingerprints {
            private final MessageDigest digest = sha256();
            private final Workspace local;
            private final Instant now;
            private long read;
            private long kept;

            Fingerprints(Workspace local, Instant now, long kept) {
                this.local = local;
                this.now = now;
                this.kept = kept;
            }

            Seen seen(WorkspaceFile file, Earlier earlier) {
                String path = file.path();
                boolean small = file.size() <= limits.maxHashedFileBytes();
                // a link's bytes are its target's: kept under the link's name they could show a hidden file
                boolean wanted = small && !file.link() && keep != null && keep.isWritable(path) && !keep.isHidden(path);
                boolean keepable = wanted && kept + file.size() <= limits.maxKeptBytes();
                if (earlier != null && earlier.hashed() && earlier.settled() && earlier.size() == file.size()
                        && earlier.link() == file.link() && earlier.executable() == file.executable()
                        && earlier.lastModified().equals(file.lastModified())
                        && (!keepable || earlier.contentKept())) {
                    // unchanged since the earlier snapshot: its hash (and content, if kept and still wanted) hold;
                    // a kept content is the file's size
                    kept += keepable ? file.size() : 0;
                    return new Seen(path, file.size(), file.lastModified(), null, null, true, wanted && !keepable,
                            file.link(), file.executable(), true, keepable);
                }
                if (small && read + file.size() <= limits.maxReadBytes()) {
                    byte[] bytes = read(path, limits.maxHashedFileBytes());
                    if (bytes != null && bytes.length == file.size()) {
                        read += bytes.length;
                        byte[] content = keepable ? bytes : null;
                        kept += content == null ? 0 : content.length;
                        boolean settled = file.lastModified().isBefore(now.minus(WorkspaceFile.RACY_WINDOW));
                        return new Seen(path, file.size(), file.lastModified(), digest.digest(bytes), content,
                                settled, wanted && content == null, file.link(), file.executable(), false, false);
                    }
                    // gone, unreadable, or changing while we look: compare it by size and time
                }
                return new Seen(path, file.size(), file.lastModified(), null, null, false, wanted, file.link(),
                        file.executable(), false, false);
            }

            /** The file's bytes, null when it is larger than {@code max} or cannot be read. */
            private byte[] read(String path, long max) {
                try (InputStream in = local.openRead(path)) {
                    byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
                    return bytes.length > max ? null : bytes;
                } catch (IOException | InvalidRequestException | WorkspaceException e) {
                    return null;
                }
            }
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
            }
        }
    }

    /**
     * The walk's rule: a directory git ignores is not entered, unless the policy's read-only or hidden globs could
     * match below it; any other directory is entered, its {@code .gitignore} read for what lies below.
     */
    private record IgnoredDirectories(IgnoreRules rules, PathRules protect) implements SkipRule {
        @Override
        public boolean skips(String directory, Workspace workspace) {
            if (rules.ignoresDirectory(directory)) {
                return protect == null || !protect.mayProtectBelow(directory);
            }
            rules.enter(directory, workspace);
            return false;
        }
    }

    /**
     * {@link GitIgnore} shared by the snapshots of one run: a directory's {@code .gitignore} is read
     * the first time a walk enters it and kept, so that every later snapshot leaves out the same
     * files. Serializable as the texts read (parsed again where they arrive), so that it travels with
     * each snapshot's task to where the files are and back. Snapshots are taken one at a time; the
     * lock only guards against misuse.
     */
    private static final class IgnoreRules implements Serializable {
        private static final long serialVersionUID = 1L;

        /** The .gitignore of each directory entered ("" for the root) as it was read then; empty when it had none. */
        private final TreeMap<String, byte[]> entered;
        /** The rules of {@link #entered}, parsed when first asked. */
        private transient GitIgnore ignore;

        private IgnoreRules(TreeMap<String, byte[]> entered) {
            this.entered = entered;
        }

        /** The rules of the root's .gitignore in {@code workspace}; deeper ones as directories are entered. */
        static IgnoreRules read(Workspace workspace) {
            IgnoreRules rules = new IgnoreRules(new TreeMap<>());
            rules.enter("", workspace);
            return rules;
        }

        synchronized IgnoreRules copy() {
            return new IgnoreRules(new TreeMap<>(entered));
        }

        /** Reads the .gitignore of {@code dir} in {@code workspace} unless the directory was entered before. */
        synchronized void enter(String dir, Workspace workspace) {
            if (entered.containsKey(dir)) {
                return;
            }
            byte[] text;
            try {
                text = GitIgnoreFiles.read(workspace, dir);
            } catch (IOException e) {
                text = null; // unreadable (or a link leading outside): as git would, go on without it
            }
            entered.put(dir, text == null ? new byte[0] : text);
            if (ignore != null) {
                ignore.enter(dir);
            }
        }

        synchronized boolean ignoresDirectory(String dir) {
            return parsed().ignoresDirectory(dir);
        }

        synchronized boolean ignoresFile(String path) {
            return parsed().ignoresFile(path);
        }

        private GitIgnore parsed() {
            if (ignore == null) {
                GitIgnore rules = new GitIgnore(entered::get); // enters the root
                for (String dir : entered.keySet()) {
                    if (!dir.isEmpty()) {
                        rules.enter(dir);
                    }
                }
                ignore = rules;
            }
            return ignore;
        }
    }
}
