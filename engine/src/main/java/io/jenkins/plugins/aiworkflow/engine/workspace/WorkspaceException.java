package io.jenkins.plugins.aiworkflow.engine.workspace;

/** A refused or failed workspace operation; the message names the path and the rule. */
public class WorkspaceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WorkspaceException(String message) {
        super(message);
    }

    public WorkspaceException(String message, Throwable cause) {
        super(message, cause);
    }
}
