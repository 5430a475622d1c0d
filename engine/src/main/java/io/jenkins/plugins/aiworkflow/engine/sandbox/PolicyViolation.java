package io.jenkins.plugins.aiworkflow.engine.sandbox;

import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceException;

/**
 * An operation the {@link WorkspacePolicy} does not allow. The message is written to be sent
 * back to the model as a tool result: it names the path or command, the rule, and what is
 * accepted instead.
 */
public class PolicyViolation extends WorkspaceException {
    private static final long serialVersionUID = 1L;

    public PolicyViolation(String message) {
        super(message);
    }
}
