package io.jenkins.plugins.aiworkflow.engine.workspace;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The port through which the engine touches files and runs commands: everything is
 * relative to one root and checked by {@link WorkspacePaths}. {@link LocalWorkspace}
 * works on the local file system; the Jenkins plugin implements it on the build agent.
 *
 * <p>The port holds only primitives and the path rules every implementation must keep
 * (nothing leaves the root, also not through a symbolic link). What an agent may do
 * (writable globs, allowed commands, caps, the scrubbed environment) is decided above
 * it, by the agent's sandbox (package {@code engine.sandbox}), so that every
 * implementation gets the same policy.
 *
 * <p>Remotable: the Jenkins plugin carries each call to the build agent the files are on, so what crosses is
 * {@link Serializable} and every call is a round trip. Operations over many files are therefore <em>coarse</em>,
 * one call where the files are, never one per file: a walk with its skip rule ({@link #find(List, SkipRule)}),
 * recording and restoring states ({@link #recordState}, {@link #restoreState}), and every task the engine sends
 * through {@link #call} (a snapshot's walk and hashing, the agent's listing and search, the parsing of test
 * reports: see {@link WorkspaceTask}). The per-file operations ({@link #stat}, {@link #openRead},
 * {@link #write}, ...) serve what is one file by nature (a tool reading or editing a file). {@link #run}'s output
 * consumer is called where the caller is (the plugin starts the command through its launcher, whose output
 * streams back); it never crosses.
 *
 * <p>What an operation takes and returns is a {@code Serializable} value (no lambda, no {@code Optional}), and
 * what the machine decides is asked of the machine: its {@link #operatingSystem()}, the
 * environment commands start from. The values that hold secrets ({@link EnvironmentPolicy}) never cross: a
 * {@link CommandRequest} carries only the names to remove. Every implementation passes the engine's
 * {@code WorkspaceContract} (in its test jar).
 *
 * <p>A path, glob, store or state an operation refuses is bad input, an {@link InvalidRequestException}
 * (naming the parameter: {@code path}, {@code glob}, {@code store}, ...); an operation that fails for
 * another reason (I/O, a command that cannot start) throws a {@link WorkspaceException}.
 */
public interface Workspace {
    /** A human-readable description of the root, for messages. */
    String describe();

    /**
     * Regular files matching any of the Ant-style patterns, sorted by path. Symbolic links
     * that lead outside the root and {@code .git} directories are never listed. Each file says
     * whether it is a link and whether its owner may execute it ({@link WorkspaceFile}).
     */
    List<WorkspaceFile> find(List<String> includes);

    /**
     * {@link #find(List)} without the files below directories that {@code skip} names (it gets normalised
     * workspace-relative directory paths, such as {@code src/main}); a walk does not enter them, which is what
     * makes this cheaper than filtering afterwards. The rule is asked where the files are. The default filters
     * the result of {@link #find(List)}, asking once per directory.
     */
    default List<WorkspaceFile> find(List<String> includes, SkipRule skip) {
        Map<String, Boolean> skipped = new HashMap<>();
        List<WorkspaceFile> kept = new ArrayList<>();
        for (WorkspaceFile file : find(includes)) {
            if (!belowSkipped(file.path(), skip, skipped)) {
                kept.add(file);
            }
        }
        return kept;
    }

    private boolean belowSkipped(String path, SkipRule skip, Map<String, Boolean> skipped) {
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            if (skipped.computeIfAbsent(path.substring(0, slash), dir -> skip.skips(dir, this))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs a coarse operation as one call where the files are: {@code task} runs against a {@link LocalWorkspace}
     * on this root (or this workspace's view of one) and its result comes back. {@link LocalWorkspace} runs it on
     * itself; a workspace on another machine sends the task there (it is serializable) and its result back, so
     * that an operation over many files costs one round trip instead of one per file. Exceptions of the task
     * reach the caller as their own types.
     *
     * @throws WorkspaceException if the task cannot be carried to where the files are or its result back
     */
    <T extends Serializable> T call(WorkspaceTask<T> task);

    /**
     * The regular file or directory at {@code path}, following symbolic links that stay
     * inside the root.
     *
     * @return the file or directory; null when nothing is there (also below a regular file) or
     *         something that is neither (a device, a pipe): a plain value, not an {@code Optional},
     *         so that an implementation can carry the answer from a build agent as it is
     * @throws InvalidRequestException if the path is refused by {@link WorkspacePaths} or leads
     *                                  outside the root through a symbolic link
     */
    WorkspaceFile stat(String path);

    /**
     * The normalised workspace-relative path that {@code path} names once symbolic links
     * are followed (as far as the path exists). Equal to {@link WorkspacePaths#normalize}
     * of {@code path} when no symbolic link is involved.
     *
     * @throws InvalidRequestException if the path is refused or leads outside the root (a dangling
     *                                  symbolic link counts as leading outside)
     */
    String realPath(String path);

    /**
     * Opens a file for reading.
     *
     * @throws InvalidRequestException if the path is refused or names no file
     */
    InputStream openRead(String path) throws IOException;

    /**
     * Replaces (or creates) a file atomically: the content goes to a temporary file in the
     * same directory, which is then moved over the target, so a reader sees the old or the
     * new content and a failure leaves the old file as it was and no temporary file behind.
     * Missing parent directories are created. A symbolic link inside the root is written
     * through (the link stays); one that leads outside, or whose target is missing, is refused.
     * An existing file keeps its permissions.
     *
     * @throws InvalidRequestException if the path is refused or names a directory
     * @throws WorkspaceException       if the write fails
     */
    void write(String path, byte[] content);

    /**
     * Deletes a file, a symbolic link (not its target) or an empty directory.
     *
     * @return false when nothing was there
     * @throws InvalidRequestException if the path is refused, leads outside the root, is the root,
     *                                  or is a directory that is not empty
     * @throws WorkspaceException       if the delete fails
     */
    boolean delete(String path);

    /**
     * The system the files are on and the commands run on, which says how a command line is read
     * ({@code sh -c} or {@code cmd /c}; see {@link OperatingSystem}). Decided where the workspace is, never
     * by the JVM that calls: on a Jenkins controller the build agent's system may differ. Constant for a
     * workspace, so an implementation that has to ask a remote machine asks once.
     */
    OperatingSystem operatingSystem();

    /**
     * The environment commands start from: the local process's (or the one {@link LocalWorkspace} was made
     * with); in Jenkins the build's, the node's environment with the step's variables. A command gets it without
     * its request's {@link CommandRequest#removals() removals} and with its {@link CommandRequest#overrides()
     * overrides} ({@link CommandRequest#environmentFrom}). An {@link EnvironmentPolicy} decides the removals by
     * this map, so it holds every variable a command starts with, with its value: one missing here would reach
     * the command unchecked. Read where the caller is (the plugin: the step's {@code EnvVars} on the
     * controller); it is never sent to the agent.
     */
    Map<String, String> environment();

    /**
     * Runs a command in the root and waits for it. Its processes end with it: all of them at the
     * timeout or when the calling thread is interrupted, and what it left running in the background
     * when it exits (how completely depends on the system: {@link LocalWorkspace} puts a command
     * into a session of its own where it can). Output that a process still holds open after that is
     * not waited for long.
     *
     * <p>The command runs in the system's shell ({@link OperatingSystem#shellCommand}) with the environment
     * {@link #environment()} without the request's removals and with its overrides. On a Jenkins
     * {@code Launcher}, which starts every process from the node's environment: the step's environment, then
     * {@code NAME=} for each removal (an empty value removes a variable there), then the overrides, as the
     * process's {@code envs}; and each {@code $} in them and in the command line written {@code $$}, since the
     * Launcher expands {@code $NAME} in both before the shell sees them. The result's
     * {@link CommandResult#startedAt()} is by the clock of the machine the command ran on, which file times come
     * from (the agent's, not the controller's, whose clock may differ).
     *
     * @param outputLines receives each output line as it comes (may be a no-op). Called on the caller's side and
     *                    never sent anywhere, so it need not be serializable: the plugin reads the
     *                    {@code Launcher}'s output stream on the controller and calls it there
     * @throws WorkspaceException if the command cannot start, or the calling thread is interrupted
     */
    CommandResult run(CommandRequest request, Consumer<String> outputLines);

    /**
     * Records the state of the files {@code request} selects (writable, not hidden, not ignored by git), so
     * that {@link #restoreState} can put them back: their content goes to the request's store, a directory
     * outside the workspace on the machine the files are on (a new temporary one when none is named), once per
     * distinct content; files unchanged since {@link StateRequest#previous()} are neither read nor copied again.
     * Symbolic links are recorded as links, never followed. One call where the files are: what crosses is
     * serializable. No git commit, stash or index is used; the workspace is only read.
     *
     * @return the state: what was recorded, and what was not and why ({@link WorkspaceState#notRecorded()})
     * @throws InvalidRequestException if the store is refused (inside the workspace, not a store) or more than
     *                                  {@link StateRequest#maxFiles()} files are selected
     * @throws WorkspaceException       if the store or the workspace cannot be read or written
     */
    WorkspaceState recordState(StateRequest request);

    /**
     * Puts the workspace back to a recorded state, within the state's selection only: files created since are
     * deleted (links themselves, never their targets; directories they leave empty too), changed ones get their
     * content, permissions (executable bit), link target or kind back, deleted ones are re-created. Hidden and
     * ignored files, {@code .git}, files the state did not record and everything the selection does not cover are
     * never touched; nothing is written through a symbolic link. Each path is replaced in one step, and a path
     * that cannot be put back is reported and left as it was, so the result says exactly what was restored.
     * What git ignores is decided by the {@code .gitignore} files as they were when the state was recorded.
     *
     * @throws InvalidRequestException before anything is changed, when the state cannot be used (its store or
     *                                  a recorded content is missing, a recorded path is not a workspace path)
     * @throws WorkspaceException       before anything is changed, when the store cannot be read
     */
    RestoreResult restoreState(WorkspaceState state);

    /**
     * Deletes a store of recorded states ({@link WorkspaceState#store()}) and everything in it; states recorded
     * there can no longer be restored. Nothing happens when it is gone already.
     *
     * @throws InvalidRequestException if {@code store} is not a store that {@link #recordState} made (nothing
     *                                  is deleted then)
     * @throws WorkspaceException       if it cannot be deleted
     */
    void discardStates(String store);
}
