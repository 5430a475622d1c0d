package io.jenkins.plugins.aiworkflow.engine.workspace;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.pattern.Glob;
import io.jenkins.plugins.aiworkflow.engine.text.HeadTailBuffer;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A {@link Workspace} on the local file system, with commands run by {@link ProcessBuilder}. */
public final class LocalWorkspace implements Workspace {
    /** This JVM's system: the files are on this machine, and the commands run here. */
    private static final OperatingSystem SYSTEM = OperatingSystem.current();
    /** After a command's processes are gone, how long its output is still read (see {@link #run}). */
    static final Duration OUTPUT_DRAIN = Duration.ofSeconds(1);
    /** The parameter a root that is no directory is refused as: what the adapters call the workspace. */
    public static final String WORKSPACE = "workspace";
    /** A class, not a lambda: bootstrapping the first lambdas costs a command-line run about 10 ms. */
    private static final Comparator<WorkspaceFile> BY_PATH = new Comparator<>() {
        @Override
        public int compare(WorkspaceFile a, WorkspaceFile b) {
            return a.path().compareTo(b.path());
        }
    };

    private final Path root;
    private final Path realRoot;
    private final Map<String, String> environment;
    /** Whether the root's file system has POSIX permissions, so files can be executable. */
    private final boolean posix;

    /** A workspace whose commands start from this process's environment. */
    public LocalWorkspace(Path root) {
        this(root, System.getenv());
    }

    /**
     * A workspace whose commands start from {@code environment} instead of this process's
     * (see {@link #environment()}).
     *
     * @throws InvalidRequestException naming {@value #WORKSPACE} when {@code root} is not an existing directory
     */
    public LocalWorkspace(Path root, Map<String, String> environment) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        try {
            this.root = root.toAbsolutePath().normalize();
            this.realRoot = this.root.toRealPath();
        } catch (IOException e) {
            throw new InvalidRequestException(WORKSPACE, "workspace root '" + root + "' does not exist or cannot be "
                    + "read; accepted: an existing directory", e);
        }
        if (!Files.isDirectory(realRoot)) {
            throw new InvalidRequestException(WORKSPACE, "workspace root '" + root + "' is not a directory; accepted: "
                    + "an existing directory", null);
        }
        this.posix = realRoot.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    public Path root() {
        return root;
    }

    @Override
    public String describe() {
        return root.toString();
    }

    /** The absolute path of a workspace-relative path, refusing anything that leaves the root. */
    public Path resolve(String path) {
        String normalized = WorkspacePaths.normalize(path);
        Path resolved = root.resolve(normalized);
        checkInside(path, realPathOfExistingPart(resolved));
        return resolved;
    }

    /** The real location of a workspace-relative path: symbolic links followed, checked to be inside. */
    private Path resolveReal(String path) {
        String normalized = WorkspacePaths.normalize(path);
        return checkInside(path, realPathOfExistingPart(root.resolve(normalized)));
    }

    private Path checkInside(String path, Path real) {
        if (!real.startsWith(realRoot)) {
            throw refused("path '" + path + "' leads outside the workspace through a symbolic link "
                    + "(or is a symbolic link whose target does not exist); accepted: paths whose real location "
                    + "is inside " + root, null);
        }
        return real;
    }

    private String relative(Path real) {
        return realRoot.relativize(real).toString().replace(java.io.File.separatorChar, '/');
    }

    /** The real path of the part of {@code path} that exists, with the rest appended. */
    static Path realPathOfExistingPart(Path path) {
        try {
            return path.toRealPath(); // the common case, an existing file: one call
        } catch (IOException e) {
            // a part is missing, or a dangling link: find the part that exists
        }
        Path existing = path;
        Path rest = null;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            rest = rest == null ? existing.getFileName() : existing.getFileName().resolve(rest);
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        try {
            Path real = existing.toRealPath();
            return rest == null ? real : real.resolve(rest);
        } catch (IOException e) {
            // a dangling symbolic link: its target is unknown, so treat it as leaving the root
            return path.getRoot() == null ? path : path.getRoot();
        }
    }

    @Override
    public List<WorkspaceFile> find(List<String> includes) {
        return find(includes, SkipRule.none());
    }

    /**
     * Lists the matching files with its own walk rather than {@code Files.walkFileTree}: one {@code lstat} per
     * entry gives type, size, time and mode (the tree walker's attributes hide the mode, which cost one more
     * {@code stat} per file), and relative paths are built by appending names; a report gate lists thousands of
     * files before it reads the first. The root is followed when it is a link, as every other operation here
     * follows it; links below it are never followed into directories. One directory is open at a time, and the
     * directories still to read wait on a stack of their own, so a deep tree costs neither file descriptors nor
     * stack. A directory or entry that vanishes or cannot be read is no match.
     */
    @Override
    public List<WorkspaceFile> find(List<String> includes, SkipRule skip) {
        List<Glob> patterns = new ArrayList<>();
        for (String include : includes) {
            patterns.add(Glob.of(WorkspacePaths.normalizeGlob(include), true));
        }
        List<WorkspaceFile> found = new ArrayList<>();
        Deque<Path> directories = new ArrayDeque<>();
        Deque<String> relativeDirectories = new ArrayDeque<>();
        directories.push(root);
        relativeDirectories.push("");
        while (!directories.isEmpty()) {
            Path directory = directories.pop();
            String relativeDirectory = relativeDirectories.pop();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    String relative = relativeDirectory.isEmpty() ? name : relativeDirectory + '/' + name;
                    BasicFileAttributes attributes = attributes(entry, LinkOption.NOFOLLOW_LINKS);
                    if (attributes == null) {
                        continue; // vanished or unreadable
                    }
                    if (attributes.isDirectory()) {
                        if (!name.equals(".git") && couldMatchBelow(patterns, relative)
                                && !skip.skips(relative, this)) {
                            directories.push(entry);
                            relativeDirectories.push(relative);
                        }
                    } else if (matchesAny(patterns, relative)) {
                        WorkspaceFile file = listedFile(entry, relative, attributes);
                        if (file != null) {
                            found.add(file);
                        }
                    }
                }
            } catch (IOException | DirectoryIteratorException e) {
                if (directory == root) {
                    throw new WorkspaceException("could not list files in " + root + ": " + e.getMessage(), e);
                }
                // a directory below that vanished or cannot be read: nothing (more) in it matches
            }
        }
        found.sort(BY_PATH);
        return found;
    }

    /** A matching entry as listed: a regular file, or a link inside the root to one; null for anything else. */
    private WorkspaceFile listedFile(Path entry, String relative, BasicFileAttributes attributes) {
        BasicFileAttributes target = attributes;
        if (attributes.isSymbolicLink()) {
            if (!realPathOfExistingPart(entry).startsWith(realRoot)) {
                return null; // never list what lies outside the root
            }
            target = attributes(entry);
        }
        if (target == null || !target.isRegularFile()) {
            return null;
        }
        return new WorkspaceFile(relative, target.size(), target.lastModifiedTime().toInstant(), false,
                attributes.isSymbolicLink(), ownerExecutable(target));
    }

    /** The entry's attributes as {@link #readAttributes}; null when it cannot be read. */
    private BasicFileAttributes attributes(Path entry, LinkOption... options) {
        try {
            return readAttributes(entry, options);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * A path's attributes in one lookup, with its mode where its file system has one (POSIX attributes), so that
     * {@link #ownerExecutable} needs no second look.
     */
    private BasicFileAttributes readAttributes(Path path, LinkOption... options) throws IOException {
        if (posix) {
            try {
                return Files.readAttributes(path, PosixFileAttributes.class, options);
            } catch (UnsupportedOperationException e) {
                // another file system mounted below the root: no mode there
            }
        }
        return Files.readAttributes(path, BasicFileAttributes.class, options);
    }

    /**
     * Whether the owner may execute the file, as git's mode 100755 says; false where the file system has no POSIX
     * permissions (Windows).
     */
    private static boolean ownerExecutable(BasicFileAttributes attributes) {
        return attributes instanceof PosixFileAttributes mode
                && mode.permissions().contains(PosixFilePermission.OWNER_EXECUTE);
    }

    /** Runs the task here, on this workspace: the files are on this machine. */
    @Override
    public <T extends Serializable> T call(WorkspaceTask<T> task) {
        return task.run(this);
    }

    private static boolean matchesAny(List<Glob> patterns, String relative) {
        for (Glob pattern : patterns) {
            if (pattern.matches(relative)) {
                return true;
            }
        }
        return false;
    }

    private static boolean couldMatchBelow(List<Glob> patterns, String relativeDir) {
        for (Glob pattern : patterns) {
            if (pattern.couldMatchBelow(relativeDir)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public InputStream openRead(String path) throws IOException {
        Path file = resolve(path);
        try {
            // a FileInputStream opens in about half the time of Files.newInputStream: a gate opens thousands
            return new FileInputStream(file.toFile());
        } catch (FileNotFoundException e) {
            if (!Files.exists(file)) {
                throw refused("file '" + path + "' does not exist in " + root, e);
            }
            throw e; // a directory, or not readable: the message says which
        }
    }

    @Override
    public WorkspaceFile stat(String path) {
        Path real = resolveReal(path);
        BasicFileAttributes attributes;
        try {
            attributes = readAttributes(real);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            if (belowAFile(real)) {
                return null; // e.g. "d/x.txt" after d became a file: no such file
            }
            throw new WorkspaceException("could not read the attributes of '" + path + "' in " + root + ": "
                    + describe(e), e);
        }
        if (!attributes.isRegularFile() && !attributes.isDirectory()) {
            return null;
        }
        String normalized = WorkspacePaths.normalize(path);
        return new WorkspaceFile(normalized, attributes.size(), attributes.lastModifiedTime().toInstant(),
                attributes.isDirectory(), !normalized.isEmpty() && Files.isSymbolicLink(root.resolve(normalized)),
                attributes.isRegularFile() && ownerExecutable(attributes));
    }

    /** Whether a parent of {@code real} (inside the root) is a regular file, so that {@code real} cannot exist. */
    private boolean belowAFile(Path real) {
        for (Path parent = real.getParent(); parent != null && parent.startsWith(realRoot); parent = parent.getParent()) {
            if (Files.isRegularFile(parent)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String realPath(String path) {
        return relative(resolveReal(path));
    }

    @Override
    public OperatingSystem operatingSystem() {
        return SYSTEM;
    }

    @Override
    public Map<String, String> environment() {
        return environment;
    }

    @Override
    public void write(String path, byte[] content) {
        Objects.requireNonNull(content, "content");
        write(path, out -> out.write(content));
    }

    /** Writes what {@code writer} produces; when it fails, the old file is left as it was. */
    void write(String path, ContentWriter writer) {
        Path target = resolveReal(path);
        if (target.equals(realRoot)) {
            throw refused("path '" + path + "' names the workspace root; accepted: a file path "
                    + "relative to the root, such as 'src/Main.java'", null);
        }
        if (Files.isDirectory(target)) {
            throw refused("path '" + path + "' is a directory; accepted: a file path", null);
        }
        Path directory = target.getParent();
        Path temporary = null;
        try {
            try {
                Files.createDirectories(directory);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                throw refused("could not write '" + path + "': a part of its parent path is a file, "
                        + "not a directory; accepted: a path whose parents are directories (or do not exist yet)", e);
            }
            checkInside(path, directory.toRealPath()); // defensive: created where we checked
            // unique, not secret: CREATE_NEW never opens a file or link planted under the name (a
            // SecureRandom would cost tens of milliseconds of every run's start-up)
            temporary = directory.resolve(".aiwf-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                writer.writeTo(out);
                out.flush();
                channel.force(true);
            }
            keepPermissions(target, temporary);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (InvalidRequestException | WorkspaceException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new WorkspaceException("could not write '" + path + "' in " + root + ": " + describe(e)
                    + "; the file was left as it was", e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException e) {
                    // nothing more we can do; the target is intact either way
                }
            }
        }
    }

    /** A path this workspace refuses: bad input, named as a path. */
    private static InvalidRequestException refused(String message, Throwable cause) {
        return new InvalidRequestException(WorkspacePaths.PATH, message, cause);
    }

    private static String describe(Exception e) {
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void keepPermissions(Path target, Path temporary) throws IOException {
        if (!Files.exists(target)) {
            return;
        }
        try {
            Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(target));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to keep
        }
    }

    @Override
    public boolean delete(String path) {
        Path file = resolve(path);
        if (file.equals(root)) {
            throw refused("path '" + path + "' names the workspace root; accepted: a file path", null);
        }
        try {
            return Files.deleteIfExists(file);
        } catch (DirectoryNotEmptyException e) {
            throw refused("path '" + path + "' is a directory that is not empty; accepted: a file "
                    + "or an empty directory", e);
        } catch (IOException e) {
            throw new WorkspaceException("could not delete '" + path + "' in " + root + ": " + describe(e), e);
        }
    }

    /** Produces the content of a file being written. */
    @FunctionalInterface
    interface ContentWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    @Override
    public CommandResult run(CommandRequest request, Consumer<String> outputLines) {
        ProcessBuilder builder = new ProcessBuilder(SYSTEM.shellCommand(request.command())).directory(root.toFile())
                .redirectErrorStream(true);
        Map<String, String> childEnvironment = builder.environment();
        childEnvironment.clear();
        childEnvironment.putAll(request.environmentFrom(environment));
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        CommandProcesses processes;
        try {
            processes = CommandProcesses.start(builder);
        } catch (IOException e) {
            throw new WorkspaceException("could not start command '" + request.command() + "': " + e.getMessage(), e);
        }
        Process process = processes.leader();
        closeQuietly(process);
        HeadTailBuffer output = new HeadTailBuffer(request.maxOutputChars());
        java.util.concurrent.atomic.AtomicBoolean returned = new java.util.concurrent.atomic.AtomicBoolean();
        Thread reader = new Thread(() -> pump(process.getInputStream(), output, line -> {
            if (!returned.get()) {
                outputLines.accept(line); // not after the result: a line then would belong to no command
            }
        }), "aiwf-command-output");
        reader.setDaemon(true);
        reader.start();
        boolean timedOut;
        try {
            timedOut = !process.waitFor(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            processes.end();
            Thread.currentThread().interrupt();
            throw new WorkspaceException("command '" + request.command() + "' was interrupted and killed", e);
        }
        // At the timeout: everything. After an exit: what the command left running in the background, which
        // could still change files or hold the output pipe open.
        processes.end();
        try {
            // Every writer of the pipe is dead unless one left the command's processes on purpose: wait for the
            // rest of the output only briefly, never for such a process.
            reader.join(OUTPUT_DRAIN.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int exitCode = process.isAlive() ? -1 : process.exitValue();
        String text;
        synchronized (output) {
            returned.set(true);
            text = output.toString();
        }
        return new CommandResult(request.command(), exitCode, timedOut, startedAt,
                Duration.ofNanos(System.nanoTime() - start), text);
    }

    @Override
    public WorkspaceState recordState(StateRequest request) {
        return states().record(request);
    }

    @Override
    public RestoreResult restoreState(WorkspaceState state) {
        return states().restore(state);
    }

    @Override
    public void discardStates(String store) {
        states().discard(store);
    }

    private StateStore states() {
        return new StateStore(this, realRoot, posix);
    }

    private static void closeQuietly(Process process) {
        try {
            process.getOutputStream().close(); // commands get no input, so they cannot wait for any
        } catch (IOException e) {
            // already closed
        }
    }

    private static void pump(InputStream in, HeadTailBuffer output, Consumer<String> outputLines) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, Charset.defaultCharset()))) {
            String line;
            while ((line = lines.readLine()) != null) {
                synchronized (output) {
                    output.append(line).append("\n");
                }
                outputLines.accept(line);
            }
        } catch (IOException e) {
            // the process was killed while we read: what we have is what it wrote
        }
    }
}
