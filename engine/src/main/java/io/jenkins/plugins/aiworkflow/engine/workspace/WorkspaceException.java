package io.jenkins.plugins.aiworkflow.engine.workspace;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;

/**
 * A workspace operation that failed, not for its input: the file system or the system said no (an I/O
 * error reading, writing, listing or deleting, a command that could not start or was interrupted, a store
 * of recorded states that cannot be read or written). The message names the path or command and the cause.
 * A path, glob or value the workspace refuses is bad input instead, an {@link InvalidRequestException};
 * callers that give up on a path either way catch both.
 */
public class WorkspaceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WorkspaceException(String message) {
        super(message);
    }

    public WorkspaceException(String message, Throwable cause) {
        super(message, cause);
    }
}
