package io.jenkins.plugins.aiworkflow.engine.sandbox;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;

/**
 * An operation the {@link WorkspacePolicy} does not allow: bad input like any other, of its own type so that
 * a caller can tell "the policy said no" (a protected file, a command not allowed) from a malformed request,
 * and tests can prove that the policy, not another check, refused. The message is written to be sent back
 * to the model as a tool result: it names the path or command, the rule, and what is accepted instead.
 */
public class PolicyViolation extends InvalidRequestException {
    private static final long serialVersionUID = 1L;

    /**
     * @param parameter what was refused: {@code path}, {@code command} or {@code content}
     */
    public PolicyViolation(String parameter, String message) {
        super(parameter, message, null);
    }
}
