package io.jenkins.plugins.aiworkflow.engine.workspace;

import java.io.Serializable;

/**
 * A coarse operation that runs as one call where the files are ({@link Workspace#call}): a walk with its skip
 * rule, hashing every file of a snapshot, searching every file, parsing every report. Done through the port one
 * file at a time, such an operation would cost a round trip per file on a workspace that lives on another
 * machine (a Jenkins build agent); as a task it crosses once, runs against a {@link LocalWorkspace} on the same
 * root there, and only its result comes back.
 *
 * <p>So the task is data: {@link Serializable}, with serializable fields (globs, limits, {@link PathRules}, an
 * earlier result), a named class (a record, an enum), never a lambda (a lambda's serialized form names a
 * synthetic method of the class that made it) and never a secret value: what the task needs from a secret (the
 * masking of a report) happens where the result arrives. Its result is serializable and bounded, since it
 * crosses too. An {@link io.jenkins.plugins.aiworkflow.engine.InvalidRequestException} or a
 * {@link WorkspaceException} thrown by {@link #run} reaches the caller as it is.
 *
 * @param <T> the result
 */
public interface WorkspaceTask<T extends Serializable> extends Serializable {
    /**
     * Runs the operation.
     *
     * @param local the workspace where the files are: a {@link LocalWorkspace} on the root, or a view of one
     *              (the agent's, which hides what the agent may not see), whose calls are local
     */
    T run(Workspace local);
}
