package io.jenkins.plugins.aiworkflow.engine.workspace;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.pattern.GitIgnore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@link Workspace#recordState}, {@link Workspace#restoreState} and {@link Workspace#discardStates} where
 * the files are: what {@link LocalWorkspace} does, and what a build agent runs as one call.
 *
 * <p>The walk never follows a symbolic link: a link is recorded, compared and put back as a link (its
 * target text), and a path is only ever written or deleted after each of its parents was found to be a
 * real directory inside the root. It leaves out {@code .git}, hidden and ignored files, and everything
 * the request's globs do not select, so that a restore can touch nothing else.
 *
 * <p>The store is a directory outside the workspace holding a marker file ({@value #MARKER}) and
 * {@code blobs/}, one file per distinct content named by its SHA-256: a file unchanged since the
 * previous state costs neither a read (its size and time vouch for it, {@link WorkspaceFile#RACY_WINDOW})
 * nor a copy.
 */
final class StateStore {
    static final String MARKER = ".aiwf-state-store";
    static final String BLOBS = "blobs";
    private static final String MARKER_TEXT = "This directory holds workspace states recorded by ai-workflow "
            + "(file contents named by their SHA-256). The run that made it deletes it when it ends; delete it by "
            + "hand only when no aiwf run uses it.\n";
    private static final int BUFFER_BYTES = 64 * 1024;

    private final LocalWorkspace workspace;
    private final Path root;
    private final boolean posix;

    /** A path found by a walk. */
    private record Found(String path, WorkspaceState.Kind kind, long size, Instant lastModified, String permissions,
                         String linkTarget) {
    }

    /** What a walk found: the selected files and links, the directories walked, and what it could not use. */
    private static final class Scan {
        final Map<String, Found> found = new TreeMap<>();
        final Set<String> directories = new TreeSet<>();
        final Map<String, String> unusable = new TreeMap<>();
    }

    /** How a recorded path differs from what is there now. */
    private enum Difference { NONE, PERMISSIONS, CONTENT, ABSENT }

    StateStore(LocalWorkspace workspace, Path realRoot, boolean posix) {
        this.workspace = workspace;
        this.root = realRoot;
        this.posix = posix;
    }

    // ---------------------------------------------------------------- record

    WorkspaceState record(StateRequest request) {
        Instant recordedAt = Instant.now();
        Path store = openStore(request.store(), true);
        PathRules selection = request.selection();
        Map<String, byte[]> ignoreTexts = new TreeMap<>();
        GitIgnore ignore = new GitIgnore(dir -> {
            byte[] text = readGitIgnore(dir);
            if (text != null) {
                ignoreTexts.put(dir, text);
            }
            return text;
        });
        Scan scan = scan(selection, ignore, Set.of(), request.maxFiles());
        WorkspaceState previous = request.previous() != null && Path.of(request.previous().store()).equals(store)
                ? request.previous() : null;
        long[] storeBytes = {previous != null ? previous.storeBytes() : measure(store)};
        Map<String, String> ignoreFiles = new TreeMap<>();
        try {
            for (Map.Entry<String, byte[]> text : ignoreTexts.entrySet()) {
                ignoreFiles.put(text.getKey(), put(store, text.getValue(), storeBytes));
            }
        } catch (IOException e) {
            throw new WorkspaceException("cannot record the workspace state: could not write to the store " + store
                    + ": " + describe(e), e);
        }
        Map<String, WorkspaceState.Entry> entries = new TreeMap<>();
        Map<String, String> notRecorded = new TreeMap<>(scan.unusable);
        for (Found file : scan.found.values()) {
            if (file.kind() == WorkspaceState.Kind.LINK) {
                entries.put(file.path(), new WorkspaceState.Entry(file.path(), file.kind(), file.size(),
                        file.lastModified(), null, file.linkTarget(), null, settled(file.lastModified(), recordedAt)));
                continue;
            }
            WorkspaceState.Entry earlier = previous == null ? null : previous.entries().get(file.path());
            if (earlier != null && earlier.kind() == WorkspaceState.Kind.FILE && earlier.settled()
                    && earlier.size() == file.size() && earlier.lastModified().equals(file.lastModified())) {
                // unchanged since the previous state, whose content is in this store already
                entries.put(file.path(), new WorkspaceState.Entry(file.path(), file.kind(), file.size(),
                        file.lastModified(), earlier.sha256(), null, file.permissions(), true));
                continue;
            }
            if (file.size() > request.maxFileBytes()) {
                notRecorded.put(file.path(), "larger than maxFileBytes (" + file.size() + " > "
                        + request.maxFileBytes() + " bytes)");
                continue;
            }
            try {
                WorkspaceState.Entry entry = copy(file, store, request, storeBytes, recordedAt, notRecorded);
                if (entry != null) {
                    entries.put(file.path(), entry);
                }
            } catch (NoSuchFileException e) {
                // deleted since the walk saw it: not there, so nothing to record
            } catch (IOException e) {
                notRecorded.put(file.path(), "could not be copied to the store: " + describe(e));
            }
        }
        return new WorkspaceState(store.toString(), request, recordedAt, entries, scan.directories, ignoreFiles,
                notRecorded, storeBytes[0]);
    }

    /**
     * The .gitignore of a directory the walk entered, as {@link GitIgnoreFiles#read} gives it. The walk found the
     * directory real and inside the root, so one look at the name (not followed) settles the usual cases, none
     * or a file; the port, which resolves the real path of every parent, is only asked about anything else (a
     * link). That saves about a dozen system calls per directory, a third of a recording's time on a large tree.
     */
    private byte[] readGitIgnore(String dir) throws IOException {
        Path file = dir.isEmpty() ? root.resolve(".gitignore") : root.resolve(dir).resolve(".gitignore");
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return GitIgnoreFiles.read(workspace, dir);
        }
        if (attributes.isRegularFile()) {
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                return in.readNBytes(GitIgnore.MAX_FILE_BYTES);
            }
        }
        return attributes.isSymbolicLink() ? GitIgnoreFiles.read(workspace, dir) : null;
    }

    private static boolean settled(Instant lastModified, Instant recordedAt) {
        return lastModified.isBefore(recordedAt.minus(WorkspaceFile.RACY_WINDOW));
    }

    /** Copies a file into the store as it is read (never following a link), or says in notRecorded why not. */
    private WorkspaceState.Entry copy(Found file, Path store, StateRequest request, long[] storeBytes,
                                      Instant recordedAt, Map<String, String> notRecorded) throws IOException {
        Path source = root.resolve(file.path());
        Path blobs = store.resolve(BLOBS);
        Path temporary = blobs.resolve(".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        MessageDigest digest = sha256();
        long size = 0;
        try {
            try (InputStream in = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS);
                 OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW,
                         StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[BUFFER_BYTES];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    size += n;
                    if (size > request.maxFileBytes()) {
                        notRecorded.put(file.path(), "larger than maxFileBytes (more than " + request.maxFileBytes()
                                + " bytes)");
                        return null;
                    }
                    digest.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            String sha = HexFormat.of().formatHex(digest.digest());
            Path blob = blobs.resolve(sha);
            if (!Files.exists(blob, LinkOption.NOFOLLOW_LINKS)) {
                if (storeBytes[0] + size > request.maxStoreBytes()) {
                    notRecorded.put(file.path(), "the store is full (maxStoreBytes " + request.maxStoreBytes()
                            + " bytes)");
                    return null;
                }
                move(temporary, blob);
                storeBytes[0] += size;
            }
            BasicFileAttributes after = attributes(source);
            boolean unchanged = after != null && after.lastModifiedTime().toInstant().equals(file.lastModified());
            return new WorkspaceState.Entry(file.path(), WorkspaceState.Kind.FILE, size, file.lastModified(), sha,
                    null, file.permissions(), unchanged && settled(file.lastModified(), recordedAt));
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Puts bytes into the store (once per content) and returns their hash. */
    private static String put(Path store, byte[] content, long[] storeBytes) throws IOException {
        String sha = HexFormat.of().formatHex(sha256().digest(content));
        Path blob = store.resolve(BLOBS).resolve(sha);
        if (!Files.exists(blob, LinkOption.NOFOLLOW_LINKS)) {
            Path temporary = blob.resolveSibling(".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
            try {
                Files.write(temporary, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                move(temporary, blob);
                storeBytes[0] += content.length;
            } finally {
                Files.deleteIfExists(temporary);
            }
        }
        return sha;
    }

    private static long measure(Path store) {
        long bytes = 0;
        try (DirectoryStream<Path> blobs = Files.newDirectoryStream(store.resolve(BLOBS))) {
            for (Path blob : blobs) {
                BasicFileAttributes attributes = attributes(blob);
                bytes += attributes != null && attributes.isRegularFile() ? attributes.size() : 0;
            }
        } catch (IOException e) {
            throw new WorkspaceException("could not read the store " + store + ": " + describe(e), e);
        }
        return bytes;
    }

    // ---------------------------------------------------------------- walk

    /**
     * Walks the root without following links: directories that are {@code .git}, wholly hidden or ignored are
     * not entered; files and links are kept when the selection's globs make them writable and not hidden, git
     * does not ignore them and they are not {@code excluded} (a path, or a directory ending in {@code /}).
     */
    private Scan scan(PathRules selection, GitIgnore ignore, Set<String> excluded, int maxFiles) {
        Scan scan = new Scan();
        Deque<String> pending = new ArrayDeque<>();
        pending.push("");
        while (!pending.isEmpty()) {
            String dir = pending.pop();
            List<Path> children = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir.isEmpty() ? root : root.resolve(dir))) {
                stream.forEach(children::add);
            } catch (IOException e) {
                if (!dir.isEmpty()) {
                    scan.unusable.put(dir + "/", "the directory could not be read: " + describe(e));
                    continue;
                }
                throw new WorkspaceException("could not read the workspace " + root + ": " + describe(e), e);
            }
            for (Path child : children) {
                String name = child.getFileName().toString();
                String path = dir.isEmpty() ? name : dir + "/" + name;
                if (excluded.contains(path) || excluded.contains(path + "/")) {
                    continue;
                }
                BasicFileAttributes attributes;
                try {
                    // one stat per path: the POSIX attributes carry the basic ones and the permissions
                    attributes = posix
                            ? Files.readAttributes(child, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                            : Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException e) {
                    continue; // vanished
                } catch (IOException e) {
                    if (selects(selection, path)) {
                        scan.unusable.put(path, "its attributes could not be read: " + describe(e));
                    }
                    continue;
                }
                if (!isPlainName(name)) {
                    if (selects(selection, path)) {
                        scan.unusable.put(path, "its name cannot be a workspace path (a backslash, or a name "
                                + "such as '..')");
                    }
                    continue;
                }
                if (attributes.isDirectory()) {
                    if (name.equalsIgnoreCase(".git") || selection.hidesEverythingBelow(path)
                            || ignore.ignoresDirectory(path)) {
                        continue;
                    }
                    ignore.enter(path);
                    scan.directories.add(path);
                    pending.push(path);
                } else if ((attributes.isRegularFile() || attributes.isSymbolicLink()) && !ignore.ignoresFile(path)
                        && selects(selection, path)) {
                    Found found = found(path, child, attributes);
                    if (found == null) {
                        scan.unusable.put(path, "the symbolic link could not be read");
                    } else if (scan.found.size() == maxFiles) {
                        throw refused("maxFiles", "cannot record the workspace state: more than maxFiles ("
                                + maxFiles + ") files are selected; accepted: narrower writable patterns, or a "
                                + "higher maxFiles");
                    } else {
                        scan.found.put(path, found);
                    }
                }
            }
        }
        return scan;
    }

    private static boolean selects(PathRules selection, String path) {
        return selection.isWritable(path) && !selection.isHidden(path);
    }

    private static boolean isPlainName(String name) {
        return name.indexOf('\\') < 0 && !name.equals(".") && !name.equals("..") && !name.isEmpty();
    }

    /** What a walk found at a path; null for a link that cannot be read. */
    private Found found(String path, Path file, BasicFileAttributes attributes) {
        Instant modified = attributes.lastModifiedTime().toInstant();
        if (attributes.isSymbolicLink()) {
            String target;
            try {
                target = Files.readSymbolicLink(file).toString();
            } catch (IOException e) {
                return null;
            }
            return new Found(path, WorkspaceState.Kind.LINK, target.length(), modified, null, target);
        }
        String permissions = attributes instanceof PosixFileAttributes posixAttributes
                ? PosixFilePermissions.toString(posixAttributes.permissions()) : null;
        return new Found(path, WorkspaceState.Kind.FILE, attributes.size(), modified, permissions, null);
    }

    // ---------------------------------------------------------------- restore

    RestoreResult restore(WorkspaceState state) {
        Path store = openStore(state.store(), false);
        for (String path : state.entries().keySet()) {
            checkPath(path);
        }
        PathRules selection = StateRequest.selection(state.writable(), state.readOnly(), state.hidden());
        Map<String, byte[]> ignoreTexts = new HashMap<>();
        for (Map.Entry<String, String> file : state.ignoreFiles().entrySet()) {
            ignoreTexts.put(file.getKey(), readBlob(store, file.getValue()));
        }
        // what git ignored when the state was recorded is ignored now, whatever the .gitignore files say now
        Scan now = scan(selection, new GitIgnore(ignoreTexts::get), state.notRecorded().keySet(), Integer.MAX_VALUE);

        List<String> created = new ArrayList<>();
        for (String path : now.found.keySet()) {
            if (!state.entries().containsKey(path)) {
                created.add(path);
            }
        }
        Map<WorkspaceState.Entry, Difference> changed = new TreeMap<>(Comparator.comparing(WorkspaceState.Entry::path));
        for (WorkspaceState.Entry entry : state.entries().values()) {
            Difference difference = difference(entry, now.found.get(entry.path()));
            if (difference != Difference.NONE) {
                changed.put(entry, difference);
                if (difference != Difference.PERMISSIONS && entry.kind() == WorkspaceState.Kind.FILE) {
                    checkBlob(store, entry);
                }
            }
        }

        List<FileChange> restored = new ArrayList<>();
        Map<String, String> failed = new TreeMap<>();
        Set<String> emptied = new TreeSet<>(Comparator.reverseOrder()); // deeper directories first
        for (String path : created) {
            try {
                checkParents(path);
                Files.delete(root.resolve(path)); // a link itself, never its target
                restored.add(new FileChange(path, FileChange.Kind.CREATED));
                for (String dir = parent(path); !dir.isEmpty() && !state.directories().contains(dir);
                     dir = parent(dir)) {
                    emptied.add(dir);
                }
            } catch (NoSuchFileException e) {
                // gone already
            } catch (IOException | RuntimeException e) {
                failed.put(path, "it was created since the state was recorded and could not be deleted: "
                        + describe(e));
            }
        }
        for (String dir : emptied) {
            try {
                Files.delete(root.resolve(dir));
            } catch (IOException | RuntimeException e) {
                // not empty (it holds what the restore may not touch) or gone: it stays as it is
            }
        }
        for (Map.Entry<WorkspaceState.Entry, Difference> change : changed.entrySet()) {
            WorkspaceState.Entry entry = change.getKey();
            try {
                putBack(entry, change.getValue(), store, state);
                restored.add(new FileChange(entry.path(), change.getValue() == Difference.ABSENT
                        ? FileChange.Kind.DELETED : FileChange.Kind.MODIFIED));
            } catch (IOException | RuntimeException e) {
                failed.put(entry.path(), "it could not be put back: " + describe(e));
            }
        }
        List<RestoreResult.Failure> failures = new ArrayList<>();
        failed.forEach((path, reason) -> failures.add(new RestoreResult.Failure(path, reason)));
        return new RestoreResult(restored, failures);
    }

    private Difference difference(WorkspaceState.Entry entry, Found now) {
        if (now == null) {
            return Difference.ABSENT;
        }
        if (now.kind() != entry.kind()) {
            return Difference.CONTENT;
        }
        if (entry.kind() == WorkspaceState.Kind.LINK) {
            return now.linkTarget().equals(entry.linkTarget()) ? Difference.NONE : Difference.CONTENT;
        }
        boolean samePermissions = entry.permissions() == null || entry.permissions().equals(now.permissions());
        if (now.size() != entry.size()) {
            return Difference.CONTENT;
        }
        if (!(entry.settled() && now.lastModified().equals(entry.lastModified()))) {
            try {
                if (!hash(root.resolve(entry.path())).equals(entry.sha256())) {
                    return Difference.CONTENT;
                }
            } catch (IOException e) {
                return Difference.CONTENT; // cannot tell: put the recorded content back
            }
        }
        return samePermissions ? Difference.NONE : Difference.PERMISSIONS;
    }

    /** Puts one recorded path back in one step: a temporary sibling moved over it, or its permissions set. */
    private void putBack(WorkspaceState.Entry entry, Difference difference, Path store, WorkspaceState state)
            throws IOException {
        Path target = root.resolve(entry.path());
        if (difference == Difference.PERMISSIONS) {
            checkParents(entry.path());
            try {
                Files.getFileAttributeView(target, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setPermissions(PosixFilePermissions.fromString(entry.permissions()));
                return;
            } catch (IOException e) {
                checkBlob(store, entry); // e.g. not readable, which setting them in place needs: write it anew
            }
        }
        makeParents(entry.path());
        BasicFileAttributes there = attributes(target);
        if (there != null && there.isDirectory()) {
            try {
                Files.delete(target); // an empty directory where the file was: made since
            } catch (DirectoryNotEmptyException e) {
                throw new WorkspaceException("it is now a directory that holds files the restore may not touch "
                        + "(hidden, ignored or not selected ones); move them away and restore again", e);
            }
        }
        Path temporary = target.resolveSibling(".aiwf-" + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + ".tmp");
        try {
            if (entry.kind() == WorkspaceState.Kind.LINK) {
                Files.createSymbolicLink(temporary, Path.of(entry.linkTarget()));
            } else {
                copyBlob(store, entry, temporary);
                if (entry.permissions() != null && posix) {
                    Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString(entry.permissions()));
                }
            }
            move(temporary, target);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Copies a recorded content to a new file, checking that it is what was recorded. */
    private static void copyBlob(Path store, WorkspaceState.Entry entry, Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(store.resolve(BLOBS).resolve(entry.sha256()),
                LinkOption.NOFOLLOW_LINKS);
             OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[BUFFER_BYTES];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        if (!HexFormat.of().formatHex(digest.digest()).equals(entry.sha256())) {
            throw new WorkspaceException("its recorded content in the store was changed");
        }
    }

    private static void checkBlob(Path store, WorkspaceState.Entry entry) {
        BasicFileAttributes blob = attributes(store.resolve(BLOBS).resolve(entry.sha256()));
        if (blob == null || !blob.isRegularFile() || blob.size() != entry.size()) {
            throw refused("state", "cannot restore the workspace state: the recorded content of '" + entry.path()
                    + "' is missing from the store " + store + "; nothing was changed");
        }
    }

    private static byte[] readBlob(Path store, String sha) {
        try (InputStream in = Files.newInputStream(store.resolve(BLOBS).resolve(sha), LinkOption.NOFOLLOW_LINKS)) {
            return in.readNBytes(GitIgnore.MAX_FILE_BYTES);
        } catch (IOException e) {
            throw new WorkspaceException("cannot restore the workspace state: a recorded .gitignore is missing from "
                    + "the store " + store + " (" + describe(e) + "); nothing was changed", e);
        }
    }

    /** Refuses a path that a workspace would not name as it is (a tampered or corrupt state). */
    private static void checkPath(String path) {
        String normalized;
        try {
            normalized = WorkspacePaths.normalize(path);
        } catch (InvalidRequestException e) {
            normalized = null;
        }
        if (normalized == null || normalized.isEmpty() || !normalized.equals(path)) {
            throw refused("state", "cannot restore the workspace state: it records the path '" + path
                    + "', which is not a normalised path inside the workspace; nothing was changed");
        }
    }

    /** Refuses a path whose parents are not all real directories (a link among them could lead outside). */
    private void checkParents(String path) throws IOException {
        Path current = root;
        for (String segment : segmentsOfParent(path)) {
            current = current.resolve(segment);
            BasicFileAttributes attributes = attributes(current);
            if (attributes == null) {
                throw new NoSuchFileException(current.toString());
            }
            if (!attributes.isDirectory()) {
                throw notADirectory(path, current, attributes);
            }
        }
    }

    /** Creates the missing parents of a path; refuses one that is a file or a link. */
    private void makeParents(String path) throws IOException {
        Path current = root;
        for (String segment : segmentsOfParent(path)) {
            current = current.resolve(segment);
            BasicFileAttributes attributes = attributes(current);
            if (attributes == null) {
                try {
                    Files.createDirectory(current);
                } catch (FileAlreadyExistsException e) {
                    attributes = attributes(current);
                    if (attributes == null || !attributes.isDirectory()) {
                        throw e;
                    }
                }
            } else if (!attributes.isDirectory()) {
                throw notADirectory(path, current, attributes);
            }
        }
    }

    private WorkspaceException notADirectory(String path, Path parent, BasicFileAttributes attributes) {
        String relative = root.relativize(parent).toString().replace(java.io.File.separatorChar, '/');
        return new WorkspaceException("its parent '" + relative + "' is now a " + (attributes.isSymbolicLink()
                ? "symbolic link" : "file") + " that the restore may not remove (hidden, ignored or not selected)");
    }

    private static List<String> segmentsOfParent(String path) {
        List<String> segments = new ArrayList<>(List.of(path.split("/")));
        segments.remove(segments.size() - 1);
        return segments;
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    // ---------------------------------------------------------------- the store

    /**
     * The store's real path: an existing store (with its marker), or with {@code create} a new one (a new
     * temporary directory when none is named). Refuses one inside the workspace or holding it.
     */
    private Path openStore(String name, boolean create) {
        Path store;
        try {
            if (name == null) {
                if (!create) {
                    throw refused("state", "a workspace state needs its store; accepted: a state recorded by "
                            + "recordState");
                }
                store = Files.createTempDirectory("aiwf-states-").toRealPath();
                if (store.startsWith(root)) {
                    Files.delete(store);
                    throw refused("store", "the temporary directory " + store.getParent() + " is inside the "
                            + "workspace " + root + "; accepted: a store outside the workspace (name one)");
                }
            } else {
                Path given = Path.of(name);
                if (!given.isAbsolute()) {
                    throw refused("store", "store '" + name + "' is not an absolute path; accepted: an "
                            + "absolute directory outside the workspace");
                }
                Path real = LocalWorkspace.realPathOfExistingPart(given.normalize());
                checkOutside(name, real);
                BasicFileAttributes attributes = attributes(real);
                if (attributes == null) {
                    if (!create) {
                        throw refused("store", "store '" + name + "' does not exist (deleted?); the recorded "
                                + "state cannot be restored");
                    }
                    FileAttribute<?>[] ownerOnly = posix ? new FileAttribute<?>[] {
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
                        : new FileAttribute<?>[0];
                    Files.createDirectories(real, ownerOnly);
                } else if (!attributes.isDirectory()) {
                    throw refused("store", "store '" + name + "' is not a directory; accepted: a directory "
                            + "outside the workspace, new or made by an earlier recordState");
                }
                store = real.toRealPath();
            }
            checkOutside(store.toString(), store);
            Path marker = store.resolve(MARKER);
            BasicFileAttributes markerAttributes = attributes(marker);
            if (markerAttributes == null) {
                if (!create || !isEmpty(store)) {
                    throw refused("store", "store '" + store + "' is not a state store (it has no " + MARKER
                            + " file); accepted: a new or empty directory, or one an earlier recordState made");
                }
                Files.writeString(marker, MARKER_TEXT, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            } else if (!markerAttributes.isRegularFile()) {
                throw refused("store", "store '" + store + "' is not a state store (" + MARKER
                        + " is not a file)");
            }
            Path blobs = store.resolve(BLOBS);
            BasicFileAttributes blobsAttributes = attributes(blobs);
            if (blobsAttributes == null && create) {
                Files.createDirectory(blobs);
            } else if (blobsAttributes == null || !blobsAttributes.isDirectory()) {
                throw refused("store", "store '" + store + "' has no " + BLOBS + " directory; the recorded "
                        + "state cannot be used");
            }
            return store;
        } catch (IOException e) {
            throw new WorkspaceException("could not use the state store " + (name == null ? "(a new temporary "
                    + "directory)" : "'" + name + "'") + ": " + describe(e), e);
        }
    }

    /** A store inside the workspace would be recorded with it; one holding it could have the workspace as blobs/. */
    private void checkOutside(String name, Path real) {
        if (real.startsWith(root) || root.startsWith(real)) {
            throw refused("store", "store '" + name + "' is " + (real.startsWith(root) ? "inside" : "above")
                    + " the workspace " + root + "; accepted: a directory outside the workspace, such as a "
                    + "temporary directory");
        }
    }

    void discard(String name) {
        Path given = Path.of(name);
        if (!given.isAbsolute()) {
            throw refused("store", "store '" + name + "' is not an absolute path; accepted: the store of a "
                    + "recorded state");
        }
        BasicFileAttributes attributes = attributes(given);
        if (attributes == null) {
            return; // nothing left to delete
        }
        BasicFileAttributes marker = attributes(given.resolve(MARKER));
        if (!attributes.isDirectory() || marker == null || !marker.isRegularFile()) {
            throw refused("store", "'" + name + "' is not a state store (no " + MARKER + " file); nothing was "
                    + "deleted");
        }
        try {
            Path blobs = given.resolve(BLOBS);
            BasicFileAttributes blobsAttributes = attributes(blobs);
            if (blobsAttributes != null && blobsAttributes.isDirectory()) {
                try (DirectoryStream<Path> stream = Files.newDirectoryStream(blobs)) {
                    for (Path blob : stream) {
                        Files.delete(blob); // what this class wrote: files, never followed
                    }
                }
                Files.delete(blobs);
            }
            Files.delete(given.resolve(MARKER));
            Files.delete(given);
        } catch (IOException e) {
            throw new WorkspaceException("could not delete the state store '" + name + "': " + describe(e), e);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** A store, state or bound this store refuses: bad input naming the parameter. */
    private static InvalidRequestException refused(String parameter, String message) {
        return new InvalidRequestException(parameter, message, null);
    }

    private static boolean isEmpty(Path directory) throws IOException {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            return !stream.iterator().hasNext();
        }
    }

    /** The attributes of the path itself (a link is not followed), null when nothing is there. */
    private static BasicFileAttributes attributes(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }

    private static String hash(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] buffer = new byte[BUFFER_BYTES];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    private static String describe(Exception e) {
        if (e instanceof java.nio.file.FileSystemException fse) {
            return fse.getReason() == null ? fse.getClass().getSimpleName() + " " + fse.getFile()
                    : fse.getReason() + " (" + fse.getFile() + ")";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
